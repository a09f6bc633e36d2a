import type { DbOrTx } from '../../platform/db/database.ts';
import { extractedValues, getExtraction } from '../extraction/policy-extraction.ts';
import { type DocumentOwner, INSURANCE_POLICY } from '../uploads/store-upload.ts';
import { type CompanyFilter, listDocuments } from '../uploads/list-documents.ts';
import { type Recommendation, type RecommendationInput, recommendCoverage } from './recommend-coverage.ts';

/**
 * The recommendation for an owner's uploaded policies: confirmed values where a person confirmed them, otherwise
 * the extracted values (listed in `unconfirmed`, so the summary can say they still need a look).
 */
export async function recommendForOwner(
  db: DbOrTx,
  input: { workspaceId: string; owner: DocumentOwner; companies?: CompanyFilter } & Omit<RecommendationInput, 'policies'>,
): Promise<Recommendation & { unconfirmed: string[]; pending: string[] }> {
  const documents = await listDocuments(db, { workspaceId: input.workspaceId, owner: input.owner, purpose: INSURANCE_POLICY, companies: input.companies });
  const policies: RecommendationInput['policies'] = [];
  const unconfirmed: string[] = [];
  const pending: string[] = [];
  for (const document of documents) {
    const extraction = await getExtraction(db, { workspaceId: input.workspaceId, documentId: document.id });
    if (!extraction || extraction.status === 'pending') {
      pending.push(document.id);
      continue;
    }
    const values = extraction.confirmed ?? extractedValues(extraction.fields);
    if (!extraction.confirmed) unconfirmed.push(document.id);
    policies.push({ documentId: document.id, ...values });
  }
  const result = recommendCoverage({ clientType: input.clientType, needs: input.needs, employees: input.employees, policies });
  if (unconfirmed.length > 0) result.lines.push(`${unconfirmed.length} police(s) pas encore confirmée(s) : valeurs lues automatiquement.`);
  if (pending.length > 0) result.lines.push(`${pending.length} police(s) en cours de lecture, pas encore comptée(s).`);
  return { ...result, unconfirmed, pending };
}
