import type { Permission } from '../identity/permissions.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { defineMailTemplate } from '../platform/mail/templates.ts';
import type { Services } from '../platform/services.ts';
import { notifications } from './schema.ts';

export interface NotifyInput {
  workspaceId: string;
  companyId: string;
  permission: Permission;
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  dedupeKey: string;
  /** Also mailed to this address (seed 004: "Notification Manus + Email" to the owner). */
  email?: string | null;
}

export const ownerNotificationMail = defineMailTemplate<{ title: string; body: string; url: string | null }>({
  name: 'notifications.owner',
  fr: (d) => ({ subject: d.title, paragraphs: d.body.split('\n\n'), action: d.url ? { label: 'Ouvrir dans Comptoir', url: d.url } : undefined }),
  en: (d) => ({ subject: d.title, paragraphs: d.body.split('\n\n'), action: d.url ? { label: 'Open in Comptoir', url: d.url } : undefined }),
});

/**
 * An in-app notification for the users holding `permission` on the company, and optionally its mail — once per
 * `dedupeKey`, in the caller's transaction (a replayed event notifies nobody twice). Returns whether it was new.
 */
export async function notify(tx: DbOrTx, services: Pick<Services, 'mail' | 'config'>, input: NotifyInput): Promise<boolean> {
  const [created] = await tx
    .insert(notifications)
    .values({
      workspaceId: input.workspaceId,
      companyId: input.companyId,
      permission: input.permission,
      kind: input.kind,
      title: input.title,
      body: input.body,
      link: input.link ?? null,
      dedupeKey: input.dedupeKey,
    })
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  if (!created) return false;
  if (input.email) {
    const url = input.link ? `${services.config.publicUrl}${input.link}` : null;
    await services.mail.queue(tx, { template: ownerNotificationMail, data: { title: input.title, body: input.body, url }, to: input.email, workspaceId: input.workspaceId });
  }
  return true;
}
