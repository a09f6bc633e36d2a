import { and, desc, eq, isNull } from 'drizzle-orm';
import { ProblemError } from '../../platform/http/problem.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { Services } from '../../platform/services.ts';
import type { AuthenticatedContext } from '../access/auth-context.ts';
import { outOfScope, requirePermission } from '../access/guards.ts';
import { inCompanyScope } from '../access/scope.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { API_KEY_PREFIX } from '../auth/resolve-auth.ts';
import { apiKeyScopes, type Permission } from '../permissions.ts';
import { hashToken, newOpaqueToken } from '../rules/secure-token.ts';
import { apiKeys, companies } from '../schema.ts';
import { publishInProcess } from '../../platform/cache/invalidation-hub.ts';

export interface ApiKeyView {
  id: string;
  name: string;
  companyId: string;
  prefix: string;
  scopes: string[];
  expiresAt: string;
  lastUsedAt: string | null;
  createdAt: string;
  revokedAt: string | null;
}

type ApiKeyRow = typeof apiKeys.$inferSelect;

function toView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    companyId: row.companyId,
    prefix: row.prefix,
    scopes: row.scopes,
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

const keyColumns = { workspaceId: apiKeys.workspaceId, companyId: apiKeys.companyId };

export async function listApiKeys(db: DbOrTx, auth: AuthenticatedContext): Promise<ApiKeyView[]> {
  requirePermission(auth, 'apiKeys.manage');
  const rows = await db.select().from(apiKeys).where(inCompanyScope(keyColumns, auth, 'apiKeys.manage')).orderBy(desc(apiKeys.createdAt));
  return rows.map(toView);
}

export interface CreateApiKeyInput {
  name: string;
  companyId: string;
  scopes: Permission[];
  expiresInDays: number;
}

/** The secret is returned here and never again: only its SHA-256 is stored. */
export async function createApiKey(services: Services, auth: AuthenticatedContext, input: CreateApiKeyInput, rotatedFromId?: string) {
  requirePermission(auth, 'apiKeys.manage', input.companyId);
  const invalid = input.scopes.filter((scope) => !apiKeyScopes.includes(scope));
  if (invalid.length > 0) {
    throw new ProblemError('validation', `Portées non autorisées pour une clé : ${invalid.join(', ')}`, { errors: [{ field: 'body.scopes', message: 'portée non autorisée' }] });
  }
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    const [company] = await tx.select({ id: companies.id }).from(companies).where(and(eq(companies.id, input.companyId), eq(companies.workspaceId, auth.workspace.id)));
    if (!company) throw new ProblemError('validation', 'Société inconnue.', { errors: [{ field: 'body.companyId', message: 'société inconnue' }] });
    const secret = newOpaqueToken(API_KEY_PREFIX);
    const [row] = await tx
      .insert(apiKeys)
      .values({
        workspaceId: auth.workspace.id,
        companyId: input.companyId,
        name: input.name,
        prefix: secret.slice(0, 10),
        keyHash: hashToken(secret),
        scopes: input.scopes,
        expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
        createdBy: auth.kind === 'user' ? auth.user.id : null,
        rotatedFromId: rotatedFromId ?? null,
        createdAt: now,
      })
      .returning();
    const view = toView(row!);
    await appendAudit(tx, auth, { action: 'create', tableName: 'identity.api_key', recordId: view.id, companyId: view.companyId, after: view });
    return { apiKey: view, secret };
  });
}

/** A new key with the same name, company and scopes; the old one stops working at once. */
export async function rotateApiKey(services: Services, auth: AuthenticatedContext, keyId: string) {
  const old = await loadKey(services.db, auth, keyId);
  if (old.revokedAt) throw new ProblemError('conflict', 'Cette clé est révoquée.');
  const lifetimeDays = Math.max(1, Math.round((old.expiresAt.getTime() - old.createdAt.getTime()) / 86_400_000));
  await revokeApiKey(services, auth, keyId);
  return createApiKey(services, auth, { name: old.name, companyId: old.companyId, scopes: old.scopes as Permission[], expiresInDays: lifetimeDays }, old.id);
}

export async function revokeApiKey(services: Services, auth: AuthenticatedContext, keyId: string): Promise<void> {
  const now = services.clock.now();
  await services.db.transaction(async (tx) => {
    const before = await loadKey(tx, auth, keyId);
    const [after] = await tx.update(apiKeys).set({ revokedAt: now }).where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt))).returning();
    if (!after) return;
    await appendAudit(tx, auth, { action: 'revoke', tableName: 'identity.api_key', recordId: keyId, companyId: before.companyId, before: toView(before), after: toView(after) });
  });
  // Refused by this process from the next request on; others hear the NOTIFY (identity/auth/auth-cache.ts).
  publishInProcess({ kind: 'apiKey', id: keyId });
}

async function loadKey(db: DbOrTx, auth: AuthenticatedContext, keyId: string): Promise<ApiKeyRow> {
  requirePermission(auth, 'apiKeys.manage');
  const [row] = await db.select().from(apiKeys).where(and(eq(apiKeys.id, keyId), inCompanyScope(keyColumns, auth, 'apiKeys.manage')));
  if (!row) throw outOfScope('API key');
  return row;
}
