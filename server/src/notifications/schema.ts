import { index, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/schema.ts';
import { companyIdColumn, idColumn, workspaceIdColumn } from '../identity/tenant-columns.ts';

/** In-app notifications of the back-office (owner alerts: a new client, a failed payment…). */
export const notificationsSchema = pgSchema('notifications');

export const notifications = notificationsSchema.table(
  'notification',
  {
    id: idColumn(),
    workspaceId: workspaceIdColumn(),
    companyId: companyIdColumn(),
    /** Who sees it: users holding this permission on the company. */
    permission: text('permission').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** A back-office path (`/app/…`) the notification opens. */
    link: text('link'),
    /** Makes a notification once-only (e.g. `activation:<prospect id>`). */
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notification_workspace_idx').on(t.workspaceId, t.createdAt), uniqueIndex('notification_dedupe_key').on(t.workspaceId, t.dedupeKey)],
);

export const notificationReads = notificationsSchema.table(
  'notification_read',
  {
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
);
