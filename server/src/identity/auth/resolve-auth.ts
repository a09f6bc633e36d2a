import { and, eq, gt, isNull } from 'drizzle-orm';
import { deepFreeze } from '../../platform/cache/deep-freeze.ts';
import type { Services } from '../../platform/services.ts';
import { type AuthContext, toGrants } from '../access/auth-context.ts';
import type { Permission } from '../permissions.ts';
import { hashToken } from '../rules/secure-token.ts';
import { apiKeys, workspaces } from '../schema.ts';
import { authCache, type CachedApiKey, type CachedSession } from './auth-cache.ts';
import { sessionStatements } from './session-statements.ts';
import { LAST_SEEN_EVERY_MS, SESSION_TOKEN_PREFIX, touchSession } from './sessions.ts';

export const API_KEY_PREFIX = 'ck';

/** Last-used of an API key is informative: once a minute is precise enough and spares a write per call. */
const API_KEY_LAST_USED_EVERY_MS = 60_000;

/**
 * Turns a session token (cookie or bearer) or an API key into the request's context.
 * Anything that does not resolve — unknown, expired, revoked, disabled — is anonymous.
 * Live credentials are kept in memory (auth-cache.ts explains how they are forgotten).
 */
export async function resolveAuth(
  services: Services,
  credentials: { token?: string; viaBearer: boolean },
  requestId: string,
): Promise<AuthContext> {
  const anonymous: AuthContext = { kind: 'anonymous', requestId };
  const token = credentials.token;
  if (!token) return anonymous;
  const isApiKey = token.startsWith(`${API_KEY_PREFIX}_`);
  if (!isApiKey && !token.startsWith(`${SESSION_TOKEN_PREFIX}_`)) return anonymous;
  const now = services.clock.now();
  const tokenHash = hashToken(token);
  const cache = authCache(services.invalidation);
  const entry = await cache.getOrLoad(tokenHash, now.getTime(), () => (isApiKey ? loadApiKey(services, tokenHash) : loadSession(services, tokenHash, now)));
  if (!entry) return anonymous;
  // The same test the SQL makes, on every hit: an entry outlives its expiry only in memory.
  if (entry.expiresAt.getTime() <= now.getTime()) {
    cache.delete(tokenHash);
    return anonymous;
  }
  if (entry.kind === 'apiKey') {
    if (!entry.lastUsedAt || now.getTime() - entry.lastUsedAt.getTime() > API_KEY_LAST_USED_EVERY_MS) {
      entry.lastUsedAt = now; // claimed before the write, as for sessions below
      await services.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, entry.keyId));
    }
    return { kind: 'apiKey', requestId, workspace: entry.workspace, apiKey: entry.apiKey };
  }
  const lastSeenAt = entry.lastSeenAt;
  // Claimed before the write, so the concurrent hits of the same second do not write it again.
  if (now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) entry.lastSeenAt = now;
  await touchSession(services.db, entry.sessionId, lastSeenAt, now);
  return {
    kind: 'user',
    requestId,
    workspace: entry.workspace,
    user: entry.user,
    grants: entry.grants,
    session: { id: entry.sessionId, csrfToken: entry.csrfToken, mfaEnrollmentRequired: entry.mfaEnrollmentRequired, viaBearer: credentials.viaBearer },
  };
}

/** Session, person and workspace in one round trip; the grants in a second. */
async function loadSession(services: Services, tokenHash: string, now: Date): Promise<CachedSession | undefined> {
  const statements = sessionStatements(services.db);
  const [row] = await statements.liveSession.execute({ tokenHash, now });
  if (!row) return undefined;
  const { session } = row;
  const grants = toGrants(await statements.grants.execute({ userId: session.userId, workspaceId: session.workspaceId }));
  // A membership removed after sign-in ends that session's access at once.
  if (grants.length === 0) return undefined;
  return {
    kind: 'session',
    sessionId: session.id,
    userId: session.userId,
    workspaceId: session.workspaceId,
    expiresAt: session.expiresAt,
    lastSeenAt: session.lastSeenAt,
    // Shared by every request that hits the entry: frozen, so no handler can change another's context.
    workspace: deepFreeze({ id: row.workspace.id, slug: row.workspace.slug, name: row.workspace.name, settings: row.workspace.settings }),
    user: deepFreeze({
      id: row.user.id,
      email: row.user.email,
      displayName: row.user.displayName,
      language: row.user.language === 'en' ? 'en' : 'fr',
      isDemo: row.user.isDemo,
    }),
    grants: deepFreeze(grants),
    csrfToken: session.csrfToken,
    mfaEnrollmentRequired: session.mfaEnrollmentRequired,
  };
}

async function loadApiKey(services: Services, tokenHash: string): Promise<CachedApiKey | undefined> {
  const now = services.clock.now();
  const [row] = await services.db
    .select({ key: apiKeys, workspace: workspaces })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(and(eq(apiKeys.keyHash, tokenHash), isNull(apiKeys.revokedAt), gt(apiKeys.expiresAt, now)));
  if (!row) return undefined;
  return {
    kind: 'apiKey',
    keyId: row.key.id,
    workspaceId: row.key.workspaceId,
    expiresAt: row.key.expiresAt,
    lastUsedAt: row.key.lastUsedAt,
    workspace: deepFreeze({ id: row.workspace.id, slug: row.workspace.slug, name: row.workspace.name, settings: row.workspace.settings }),
    apiKey: deepFreeze({ id: row.key.id, name: row.key.name, companyId: row.key.companyId, scopes: row.key.scopes as Permission[] }),
  };
}
