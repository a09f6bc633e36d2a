import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import { workspaces } from '../../identity/schema.ts';
import { catalog } from '../schema.ts';

/** One error of an import: the file's line (1 = header) and column, in French. */
export interface ImportError {
  line: number | null;
  column: string | null;
  message: string;
  /** The workbook sheet the line is on, when the file has several. */
  sheet?: string;
}

export const importStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** Seed 003 §9: a catalog import (CSV or XLSX), run as a job, with its progress and every error. */
export const importJobs = catalog.table(
  'import_job',
  {
    id: uuid('id').primaryKey().$defaultFn(uuidv7),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'restrict' }),
    createdBy: uuid('created_by').notNull(),
    fileName: text('file_name').notNull(),
    /** The uploaded file, kept in the content-addressed file storage. */
    fileSha256: text('file_sha256').notNull(),
    dryRun: boolean('dry_run').notNull().default(false),
    status: text('status').notNull().default('queued'),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    errors: jsonb('errors').$type<ImportError[]>().notNull().default([]),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('import_job_workspace_idx').on(t.workspaceId, t.createdAt.desc()),
    check('import_job_status', sql`${t.status} in ('queued', 'running', 'succeeded', 'failed')`),
    check('import_job_sha', sql`${t.fileSha256} ~ '^[0-9a-f]{64}$'`),
  ],
);
