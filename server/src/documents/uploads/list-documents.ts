import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { extractionReviews, policyExtractions, storedDocuments } from '../schema.ts';
import type { DocumentOwner } from './store-upload.ts';

export interface DocumentSummary {
  id: string;
  companyId: string | null;
  owner: DocumentOwner;
  purpose: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  createdAt: Date;
  extraction: { status: 'pending' | 'done' | 'failed'; method: 'text_layer' | 'ocr' | null; overallConfidence: number | null; confirmed: boolean } | null;
}

/** Which companies' documents the caller may see: all, or a list (documents without a company need `all`). */
export type CompanyFilter = { all: true } | { all: false; companyIds: string[] };

export interface ListDocumentsInput {
  workspaceId: string;
  owner?: DocumentOwner;
  purpose?: string;
  /** Back-office scoping; the journey (which knows its owner) leaves it out. */
  companies?: CompanyFilter;
  limit?: number;
}

export function companyCondition(filter: CompanyFilter | undefined): SQL | undefined {
  if (!filter || filter.all) return undefined;
  if (filter.companyIds.length === 0) return sql`false`;
  return inArray(storedDocuments.companyId, filter.companyIds);
}

/** An owner's documents (or the workspace's), newest first, with their extraction status. */
export async function listDocuments(db: DbOrTx, input: ListDocumentsInput): Promise<DocumentSummary[]> {
  const conditions = [
    eq(storedDocuments.workspaceId, input.workspaceId),
    input.owner ? and(eq(storedDocuments.ownerKind, input.owner.kind), eq(storedDocuments.ownerId, input.owner.id)) : undefined,
    input.purpose ? eq(storedDocuments.purpose, input.purpose) : undefined,
    companyCondition(input.companies),
  ].filter((c): c is SQL => c !== undefined);
  const rows = await db
    .select({
      document: storedDocuments,
      status: policyExtractions.status,
      method: policyExtractions.method,
      overallConfidence: policyExtractions.overallConfidence,
      confirmed: sql<boolean>`exists (select 1 from ${extractionReviews} where ${extractionReviews.documentId} = ${storedDocuments.id})`,
    })
    .from(storedDocuments)
    .leftJoin(policyExtractions, eq(policyExtractions.documentId, storedDocuments.id))
    .where(and(...conditions))
    .orderBy(desc(storedDocuments.createdAt), desc(storedDocuments.id))
    .limit(Math.min(Math.max(input.limit ?? 100, 1), 500));
  return rows.map(({ document, status, method, overallConfidence, confirmed }) => ({
    id: document.id,
    companyId: document.companyId,
    owner: { kind: document.ownerKind, id: document.ownerId },
    purpose: document.purpose,
    filename: document.filename,
    contentType: document.contentType,
    sizeBytes: document.sizeBytes,
    sha256: document.sha256,
    uploadedBy: document.uploadedBy,
    createdAt: document.createdAt,
    extraction: status ? { status, method: method ?? null, overallConfidence: overallConfidence ?? null, confirmed: Boolean(confirmed) } : null,
  }));
}

/** One document of the workspace, if the company filter lets the caller see it. */
export async function findDocument(db: DbOrTx, input: { workspaceId: string; documentId: string; companies?: CompanyFilter }) {
  const companyFilter = companyCondition(input.companies);
  const [row] = await db
    .select()
    .from(storedDocuments)
    .where(and(eq(storedDocuments.id, input.documentId), eq(storedDocuments.workspaceId, input.workspaceId), companyFilter ?? undefined));
  return row;
}

