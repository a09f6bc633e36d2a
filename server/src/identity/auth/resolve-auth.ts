import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Services } from '../../platform/services.ts';
import { type AuthContext, toGrants } from '../access/auth-context.ts';
import type { Permission } from '../permissions.ts';
import { hashToken } from '../rules/secure-token.ts';
import { apiKeys, workspaces } from '../schema.ts';
import { sessionStatements } from './session-statements.ts';
import { SESSION_TOKEN_PREFIX, touchSession } from './sessions.ts';

export const API_KEY_PREFIX = 'ck';

/**
 * Turns a session token (cookie or bearer) or an API key into the request's context.
 * Anything that does not resolve — unknown, expired, revoked, disabled — is anonymous.
 */
export async function resolveAuth(
  services: Services,
  credentials: { token?: string; viaBearer: boolean },
  requestId: string,
): Promise<AuthContext> {
  const anonymous: AuthContext = { kind: 'anonymous', requestId };
  const token = credentials.token;
  if (!token) return anonymous;
  const now = services.clock.now();
  if (token.startsWith(`${API_KEY_PREFIX}_`)) return (await resolveApiKey(services, token, requestId, now)) ?? anonymous;
  if (!token.startsWith(`${SESSION_TOKEN_PREFIX}_`)) return anonymous;

  // Session, person and workspace in one round trip; the grants in a second.
  const statements = sessionStatements(services.db);
  const [row] = await statements.liveSession.execute({ tokenHash: hashToken(token), now });
  if (!row) return anonymous;
  const { session } = row;
  const grants = toGrants(await statements.grants.execute({ userId: session.userId, workspaceId: session.workspaceId }));
  // A membership removed after sign-in ends that session's access at once.
  if (grants.length === 0) return anonymous;
  await touchSession(services.db, session.id, session.lastSeenAt, now);
  return {
    kind: 'user',
    requestId,
    workspace: { id: row.workspace.id, slug: row.workspace.slug, name: row.workspace.name, settings: row.workspace.settings },
    user: {
      id: row.user.id,
      email: row.user.email,
      displayName: row.user.displayName,
      language: row.user.language === 'en' ? 'en' : 'fr',
      isDemo: row.user.isDemo,
    },
    grants,
    session: {
      id: session.id,
      csrfToken: session.csrfToken,
      mfaEnrollmentRequired: session.mfaEnrollmentRequired,
      viaBearer: credentials.viaBearer,
    },
  };
}

async function resolveApiKey(services: Services, token: string, requestId: string, now: Date): Promise<AuthContext | undefined> {
  const [row] = await services.db
    .select({ key: apiKeys, workspace: workspaces })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(and(eq(apiKeys.keyHash, hashToken(token)), isNull(apiKeys.revokedAt), gt(apiKeys.expiresAt, now)));
  if (!row) return undefined;
  // Last-used is informative: once a minute is precise enough and spares a write per call.
  if (!row.key.lastUsedAt || now.getTime() - row.key.lastUsedAt.getTime() > 60_000) {
    await services.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.key.id));
  }
  return {
    kind: 'apiKey',
    requestId,
    workspace: { id: row.workspace.id, slug: row.workspace.slug, name: row.workspace.name, settings: row.workspace.settings },
    apiKey: { id: row.key.id, name: row.key.name, companyId: row.key.companyId, scopes: row.key.scopes as Permission[] },
  };
}
