import { AsyncLocalStorage } from 'node:async_hooks';
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
 * Inside `withBatchedAudit` on the same transaction object, the entry is held and
 * written with the batch's others just before commit (see there).
 */
export async function appendAudit(
  tx: DbOrTx,
  auth: AuthContext,
  entry: AuditEntryInput,
  options: { workspaceId?: string; actorLabel?: string; now?: Date } = {},
): Promise<void> {
  const workspaceId = options.workspaceId ?? (auth.kind === 'anonymous' ? PLATFORM_CHAIN : auth.workspace.id);
  const fields = auditFields(workspaceId, auth, entry, options);
  const batch = batched.getStore();
  if (batch && batch.tx === tx) batch.entries.push(fields);
  else await writeChained(tx, workspaceId, [fields]);
  // Every business write passes here: in-memory caches of this process forget what it touches
  // now (platform/cache); other processes hear migration 0008's NOTIFY when it commits.
  publishInProcess({ kind: 'written', workspaceId, table: entry.tableName });
}

const batched = new AsyncLocalStorage<{ tx: DbOrTx; entries: AuditHashedFields[] }>();

/**
 * Runs `work` — many business writes in one transaction, e.g. a batch of webhook events — with the audit entries it
 * appends on `tx` held back, then writes them at the end, chained, one statement per workspace. The chain's lock is
 * then held only from that write to the commit instead of from the first write: two such batches of one workspace
 * overlap their work and queue only for the final write. Only for a transaction that commits or rolls back as a
 * whole: entries appended through a savepoint (another transaction object) are written at once, as usual.
 */
export async function withBatchedAudit<T>(tx: DbOrTx, work: () => Promise<T>): Promise<T> {
  const batch = { tx, entries: [] as AuditHashedFields[] };
  const result = await batched.run(batch, work);
  const byWorkspace = new Map<string, AuditHashedFields[]>();
  for (const fields of batch.entries) byWorkspace.set(fields.workspaceId, [...(byWorkspace.get(fields.workspaceId) ?? []), fields]);
  // Chains locked in one order by every batch: two batches never wait on each other's second chain.
  for (const workspaceId of [...byWorkspace.keys()].sort()) await writeChained(tx, workspaceId, byWorkspace.get(workspaceId)!);
  return result;
}

function auditFields(workspaceId: string, auth: AuthContext, entry: AuditEntryInput, options: { actorLabel?: string; now?: Date }): AuditHashedFields {
  return {
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
}

/** Locks the chain (until commit), reads its last hash after the lock, links and inserts the rows in one statement. */
async function writeChained(tx: DbOrTx, workspaceId: string, entries: AuditHashedFields[]): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${workspaceId}`}, 0))`);
  const [last] = await tx
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.workspaceId, workspaceId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  let prevHash = last?.hash ?? null;
  const rows = entries.map((fields) => {
    const hash = auditHash(prevHash, fields);
    const row = { ...fields, occurredAt: new Date(fields.occurredAt), prevHash, hash };
    prevHash = hash;
    return row;
  });
  await tx.insert(auditLog).values(rows);
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
