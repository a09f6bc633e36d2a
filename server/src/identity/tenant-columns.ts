import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import { companies, workspaces } from './schema.ts';

/**
 * The columns every business table of a tenant starts with: a time-ordered UUID, its workspace and company (rows outlive
 * nothing they belong to: `restrict`), and creation/update times. One definition, so tenancy columns never drift.
 */
export const idColumn = () => uuid('id').primaryKey().$defaultFn(uuidv7);

export const workspaceIdColumn = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'restrict' });

export const companyIdColumn = () =>
  uuid('company_id')
    .notNull()
    .references(() => companies.id, { onDelete: 'restrict' });

export const timestampColumns = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
