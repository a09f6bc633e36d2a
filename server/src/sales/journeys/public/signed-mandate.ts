import { eq } from 'drizzle-orm';
import { ProblemError } from '../../../platform/http/problem.ts';
import type { Services } from '../../../platform/services.ts';
import { signatureRequests } from '../../../signature/schema.ts';
import { loadProspectByToken } from '../prospect-store.ts';

/** The thank-you page's « Télécharger le PDF du mandat »: the sealed file of the prospect's signed request. */
export async function signedMandate(services: Services, token: string): Promise<{ bytes: Buffer; filename: string }> {
  const { prospect } = await loadProspectByToken(services.db, token);
  const [request] = prospect.signatureRequestId ? await services.db.select().from(signatureRequests).where(eq(signatureRequests.id, prospect.signatureRequestId)) : [];
  if (!request?.sealedSha256) throw new ProblemError('notFound', 'Le mandat signé n’est pas encore disponible.');
  const name = prospect.mandateNumber ?? 'mandat';
  return { bytes: await services.files.get(request.sealedSha256), filename: `${name.replace(/[^\w.-]/g, '_')}-signe.pdf` };
}
