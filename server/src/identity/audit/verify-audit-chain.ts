import { asc, eq, gt, and } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { auditHash } from '../rules/audit-hash.ts';
import { auditLog } from '../schema.ts';
import type { AuditHashedFields } from './append-audit.ts';

export interface ChainBreak {
  workspaceId: string;
  seq: number;
  id: string;
  reason: 'hash-mismatch' | 'broken-link';
}

export interface ChainReport {
  workspaceId: string;
  rows: number;
  firstBreak: ChainBreak | null;
}

/** Recomputes a workspace's chain from its stored rows and names the first row that does not hold. */
export async function verifyAuditChain(db: DbOrTx, workspaceId: string, pageSize = 1000): Promise<ChainReport> {
  let previousHash: string | null = null;
  let afterSeq = 0;
  let rows = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, workspaceId), gt(auditLog.seq, afterSeq)))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const row of page) {
      rows++;
      if (row.prevHash !== previousHash) {
        return { workspaceId, rows, firstBreak: { workspaceId, seq: row.seq, id: row.id, reason: 'broken-link' } };
      }
      const fields: AuditHashedFields = {
        id: row.id,
        workspaceId: row.workspaceId,
        companyId: row.companyId,
        actorUserId: row.actorUserId,
        actorLabel: row.actorLabel,
        actorRole: row.actorRole,
        action: row.action,
        tableName: row.tableName,
        recordId: row.recordId,
        before: row.before ?? null,
        after: row.after ?? null,
        requestId: row.requestId,
        occurredAt: row.occurredAt.toISOString(),
      };
      if (auditHash(row.prevHash, fields) !== row.hash) {
        return { workspaceId, rows, firstBreak: { workspaceId, seq: row.seq, id: row.id, reason: 'hash-mismatch' } };
      }
      previousHash = row.hash;
      afterSeq = row.seq;
    }
    if (page.length < pageSize) return { workspaceId, rows, firstBreak: null };
  }
}

/** Every chain in the database (each workspace, and the platform chain). */
export async function verifyAllAuditChains(db: DbOrTx): Promise<ChainReport[]> {
  const chains = await db.selectDistinct({ workspaceId: auditLog.workspaceId }).from(auditLog);
  const reports: ChainReport[] = [];
  for (const { workspaceId } of chains) reports.push(await verifyAuditChain(db, workspaceId));
  return reports;
}
