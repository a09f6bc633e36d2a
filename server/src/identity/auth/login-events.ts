import type { DbOrTx } from '../../platform/db/database.ts';
import { loginEvents } from '../schema.ts';

export type LoginOutcome =
  | 'success'
  | 'unknown_user'
  | 'bad_password'
  | 'locked'
  | 'disabled'
  | 'mfa_required'
  | 'mfa_failed'
  | 'no_workspace';

export interface LoginOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** Every attempt is kept, outside the attempt's own transaction, so failures are recorded too. */
export async function recordLoginEvent(
  db: DbOrTx,
  event: { email: string; outcome: LoginOutcome; userId?: string | null; workspaceId?: string | null; now: Date } & LoginOrigin,
): Promise<void> {
  await db.insert(loginEvents).values({
    email: event.email.slice(0, 320),
    outcome: event.outcome,
    userId: event.userId ?? null,
    workspaceId: event.workspaceId ?? null,
    ip: event.ip,
    userAgent: event.userAgent?.slice(0, 500) ?? null,
    occurredAt: event.now,
  });
}
