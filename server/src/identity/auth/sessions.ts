import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { hashToken, newOpaqueToken } from '../rules/secure-token.ts';
import { sessions } from '../schema.ts';
import { publishInProcess } from '../../platform/cache/invalidation-hub.ts';

export const SESSION_COOKIE = 'comptoir_session';
export const CSRF_COOKIE = 'comptoir_csrf';
export const SESSION_TOKEN_PREFIX = 'cs';

export interface NewSession {
  id: string;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  tx: DbOrTx,
  config: Config,
  input: { userId: string; workspaceId: string; ip: string | null; userAgent: string | null; mfaEnrollmentRequired: boolean; now: Date },
): Promise<NewSession> {
  const token = newOpaqueToken(SESSION_TOKEN_PREFIX);
  const csrfToken = newOpaqueToken('csrf', 24);
  const expiresAt = new Date(input.now.getTime() + config.SESSION_TTL_HOURS * 3600_000);
  const [row] = await tx
    .insert(sessions)
    .values({
      tokenHash: hashToken(token),
      userId: input.userId,
      workspaceId: input.workspaceId,
      csrfToken,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
      mfaEnrollmentRequired: input.mfaEnrollmentRequired,
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt,
    })
    .returning({ id: sessions.id });
  return { id: row!.id, token, csrfToken, expiresAt };
}

export const LAST_SEEN_EVERY_MS = 60_000;

/**
 * Records activity at most once a minute per session (and per process: the auth cache
 * remembers the last write), not on every request.
 */
export async function touchSession(db: DbOrTx, sessionId: string, lastSeenAt: Date, now: Date): Promise<void> {
  if (now.getTime() - lastSeenAt.getTime() < LAST_SEEN_EVERY_MS) return;
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
}

/**
 * Revocations publish in-process at once (auth-cache.ts): the next request of this process is
 * refused even before the NOTIFY of the commit comes back; other processes learn it from the NOTIFY.
 */
export async function revokeSession(db: DbOrTx, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId));
  publishInProcess({ kind: 'session', id: sessionId });
}

export async function revokeUserSessions(db: DbOrTx, userId: string, now: Date, exceptSessionId?: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined,
      ),
    );
  publishInProcess({ kind: 'user', id: userId });
}
