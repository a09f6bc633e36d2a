import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { ScheduledTask } from '../../platform/jobs/job-system.ts';
import type { Services } from '../../platform/services.ts';
import type { AuthContext } from '../access/auth-context.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { revokeUserSessions } from '../auth/sessions.ts';
import { accountDisabledTemplate } from '../mail-templates.ts';
import { memberships, users, workspaces } from '../schema.ts';

/**
 * Annex G §4: accounts unused for the workspace's inactivity period (90 days by
 * default) are disabled. "Unused" counts from the last sign-in, or from creation
 * for someone who never signed in. Demo accounts are left alone.
 */
export async function disableInactiveUsers(services: Services, now: Date): Promise<number> {
  const spaces = await services.db.select().from(workspaces);
  let disabled = 0;
  for (const workspace of spaces) {
    const cutoff = new Date(now.getTime() - workspace.settings.inactivityDays * 86_400_000);
    const stale = await services.db
      .selectDistinct({ user: users })
      .from(users)
      .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, workspace.id)))
      .where(
        and(
          isNull(users.disabledAt),
          eq(users.isDemo, false),
          or(lt(users.lastLoginAt, cutoff), and(isNull(users.lastLoginAt), lt(users.createdAt, cutoff))),
        ),
      );
    for (const { user } of stale) {
      const system: AuthContext = { kind: 'anonymous', requestId: `inactivity-${now.toISOString()}` };
      await services.db.transaction(async (tx) => {
        const [changed] = await tx
          .update(users)
          .set({ disabledAt: now, disabledReason: `Inactif depuis ${workspace.settings.inactivityDays} jours` })
          .where(and(eq(users.id, user.id), isNull(users.disabledAt)))
          .returning({ id: users.id });
        if (!changed) return;
        await revokeUserSessions(tx, user.id, now);
        await appendAudit(
          tx,
          system,
          { action: 'disable', tableName: 'identity.user', recordId: user.id, after: { reason: 'inactivity', days: workspace.settings.inactivityDays } },
          { workspaceId: workspace.id, actorLabel: 'system:inactivity' },
        );
        await services.mail.queue(tx, {
          template: accountDisabledTemplate,
          data: { name: user.displayName, days: workspace.settings.inactivityDays },
          to: user.email,
          language: user.language === 'en' ? 'en' : 'fr',
          workspaceId: workspace.id,
        });
        disabled++;
      });
    }
  }
  return disabled;
}

export const disableInactiveUsersTask: ScheduledTask = {
  name: 'identity.disable-inactive-users',
  cron: '15 3 * * *',
  run: (services, firedAt) => disableInactiveUsers(services, firedAt),
};
