import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/services.ts';
import { sandboxObjects } from '../schema.ts';

/**
 * The sandbox provider's memory: Stripe-shaped objects by id (`cs_test_…`, `pi_…`, `sub_…`, `in_…`, `ch_…`, `re_…`,
 * `acct_…`, `evt_…`) in one table, and its own clock, which the CLI and the back-office can move forward to make
 * renewals, failed renewals and expiries happen now.
 */
export type SandboxObject = Record<string, unknown> & { id: string; object: string };

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function sandboxId(prefix: string): string {
  const bytes = randomBytes(24);
  return `${prefix}_${Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

export async function getObject<T extends SandboxObject>(db: DbOrTx, id: string, forUpdate = false): Promise<T | undefined> {
  const query = db.select().from(sandboxObjects).where(eq(sandboxObjects.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row?.data as T | undefined;
}

export async function findByIdempotencyKey<T extends SandboxObject>(db: DbOrTx, type: string, key: string): Promise<T | undefined> {
  const [row] = await db
    .select()
    .from(sandboxObjects)
    .where(and(eq(sandboxObjects.type, type), eq(sandboxObjects.idempotencyKey, key)));
  return row?.data as T | undefined;
}

export async function putObject(db: DbOrTx, object: SandboxObject, idempotencyKey?: string): Promise<void> {
  await db
    .insert(sandboxObjects)
    .values({ id: object.id, type: object.object, data: object, idempotencyKey: idempotencyKey ?? null })
    .onConflictDoUpdate({ target: sandboxObjects.id, set: { data: object, updatedAt: sql`now()` } });
}

export async function listObjects<T extends SandboxObject>(db: DbOrTx, type: string): Promise<T[]> {
  const rows = await db.select().from(sandboxObjects).where(eq(sandboxObjects.type, type));
  return rows.map((row) => row.data as T);
}

/** Each workspace has its own sandbox clock (like Stripe's test clocks): moving one never renews another's contracts. */
const clockId = (workspaceId: string | null) => `sandbox_clock_${workspaceId ?? 'platform'}`;

/** The workspace a sandbox object belongs to, from the Comptoir metadata it carries. */
export function workspaceOf(object: object | null | undefined): string | null {
  const metadata = (object as { metadata?: Record<string, string> | null } | null | undefined)?.metadata;
  return metadata?.comptoir_workspace_id ?? null;
}

/** The sandbox's "now" for a workspace: the real clock plus however far that workspace advanced it. */
export async function sandboxNow(db: DbOrTx, clock: Clock, workspaceId: string | null): Promise<Date> {
  const state = await getObject<SandboxObject & { offset_seconds: number }>(db, clockId(workspaceId));
  return new Date(clock.now().getTime() + (state?.offset_seconds ?? 0) * 1000);
}

export async function advanceSandboxClock(db: DbOrTx, workspaceId: string, seconds: number): Promise<number> {
  const state = await getObject<SandboxObject & { offset_seconds: number }>(db, clockId(workspaceId), true);
  const offset = (state?.offset_seconds ?? 0) + seconds;
  await putObject(db, { id: clockId(workspaceId), object: 'test_clock', offset_seconds: offset });
  return offset;
}

export const unixSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);
