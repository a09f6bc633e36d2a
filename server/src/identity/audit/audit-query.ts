import { and, desc, eq, gte, ilike, lt, lte, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { AuthenticatedContext } from '../access/auth-context.ts';
import { requireWorkspaceWide } from '../access/guards.ts';
import { auditLog } from '../schema.ts';

export interface AuditFilters {
  actor?: string;
  table?: string;
  record?: string;
  from?: Date;
  to?: Date;
  /** Rows older than this sequence number (paging backwards in time). */
  before?: number;
  limit: number;
}

/** The workspace's audit trail, newest first; only whole-workspace auditors and admins read it. */
export async function queryAudit(db: DbOrTx, auth: AuthenticatedContext, filters: AuditFilters) {
  requireWorkspaceWide(auth, 'audit.read');
  const conditions: (SQL | undefined)[] = [
    eq(auditLog.workspaceId, auth.workspace.id),
    filters.actor ? ilike(auditLog.actorLabel, `%${escapeLike(filters.actor)}%`) : undefined,
    filters.table ? eq(auditLog.tableName, filters.table) : undefined,
    filters.record ? eq(auditLog.recordId, filters.record) : undefined,
    filters.from ? gte(auditLog.occurredAt, filters.from) : undefined,
    filters.to ? lte(auditLog.occurredAt, filters.to) : undefined,
    filters.before ? lt(auditLog.seq, filters.before) : undefined,
  ];
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.seq))
    .limit(filters.limit + 1);
  const page = rows.slice(0, filters.limit);
  return {
    items: page.map((row) => ({ ...row, occurredAt: row.occurredAt.toISOString() })),
    nextBefore: rows.length > filters.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const CSV_COLUMNS = ['seq', 'occurredAt', 'actorLabel', 'actorRole', 'action', 'tableName', 'recordId', 'companyId', 'requestId', 'before', 'after', 'prevHash', 'hash'] as const;

/** RFC 4180 CSV with a UTF-8 BOM so spreadsheet software reads accents right. */
export function auditCsv(rows: Awaited<ReturnType<typeof queryAudit>>['items']): string {
  const csvField = (value: unknown) => {
    const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [CSV_COLUMNS.join(','), ...rows.map((row) => CSV_COLUMNS.map((column) => csvField(row[column])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
