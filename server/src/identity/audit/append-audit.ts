import { desc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { publishInProcess } from '../../platform/cache/invalidation-hub.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { type AuthContext, actorLabel, actorUserId, rolesOf } from '../access/auth-context.ts';
import { auditHash } from '../rules/audit-hash.ts';
import { auditLog } from '../schema.ts';

/** The chain of events that belong to no workspace (platform-level). */
export const PLATFORM_CHAIN = '00000000-0000-0000-0000-000000000000';

export type AuditAction = 'create' | 'update' | 'delete' | string;

export interface AuditEntryInput {
  action: AuditAction;
  tableName: string;
  recordId: string;
  companyId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** The exact fields a row's hash covers, in the shape `verifyAuditChain` rebuilds from storage. */
export interface AuditHashedFields {
  id: string;
  workspaceId: string;
  companyId: string | null;
  actorUserId: string | null;
  actorLabel: string;
  actorRole: string | null;
  action: string;
  tableName: string;
  recordId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  occurredAt: string;
}

/**
 * Appends one entry to its workspace's chain, in the caller's transaction, so the
 * business write and its audit row commit or vanish together. A transaction-scoped
 * advisory lock per chain serialises appenders so each row links to the true last one.
 */
export async function appendAudit(
  tx: DbOrTx,
  auth: AuthContext,
  entry: AuditEntryInput,
  options: { workspaceId?: string; actorLabel?: string; now?: Date } = {},
): Promise<AuditHashedFields & { hash: string }> {
  const workspaceId = options.workspaceId ?? (auth.kind === 'anonymous' ? PLATFORM_CHAIN : auth.workspace.id);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${workspaceId}`}, 0))`);
  const [last] = await tx
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.workspaceId, workspaceId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const fields: AuditHashedFields = {
    id: uuidv7(),
    workspaceId,
    companyId: entry.companyId ?? null,
    actorUserId: actorUserId(auth),
    actorLabel: options.actorLabel ?? actorLabel(auth),
    actorRole: rolesOf(auth).join(',') || (auth.kind === 'apiKey' ? 'api_key' : null),
    action: entry.action,
    tableName: entry.tableName,
    recordId: entry.recordId,
    before: toJsonRecord(entry.before),
    after: toJsonRecord(entry.after),
    requestId: auth.requestId || null,
    occurredAt: truncateToMillis(options.now ?? new Date()).toISOString(),
  };
  const prevHash = last?.hash ?? null;
  const hash = auditHash(prevHash, fields);
  await tx.insert(auditLog).values({ ...fields, occurredAt: new Date(fields.occurredAt), prevHash, hash });
  // Every business write passes here: in-memory caches of this process forget what it touches
  // now (platform/cache); other processes hear migration 0008's NOTIFY when it commits.
  publishInProcess({ kind: 'written', workspaceId, table: entry.tableName });
  return { ...fields, hash };
}

/**
 * Stores exactly what JSON can carry (dates become ISO strings), so the value read
 * back from jsonb hashes the same as the value written.
 */
export function toJsonRecord(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

function truncateToMillis(date: Date): Date {
  return new Date(Math.floor(date.getTime()));
}

/** Fields of a record worth auditing, with secrets removed. */
export function redact<T extends Record<string, unknown>>(record: T, secretKeys: (keyof T)[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...record };
  for (const key of secretKeys) if (copy[key as string] !== undefined && copy[key as string] !== null) copy[key as string] = '[redacted]';
  return copy;
}
