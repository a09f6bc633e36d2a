import { eq } from 'drizzle-orm';
import { dateInZone } from '../../../catalog/pricing/zoned-date.ts';
import { ProblemError } from '../../../platform/http/problem.ts';
import type { Services } from '../../../platform/services.ts';
import { createSignatureRequest } from '../../../signature/create-signature-request.ts';
import { signatureRequests } from '../../../signature/schema.ts';
import { ageOn } from '../rules/form-rules.ts';
import { stepOf } from '../rules/journey-definition.ts';
import { anonymousCause, type LoadedProspect, loadProspectByToken, recordProspectActivity } from '../prospect-store.ts';
import { prospects } from '../schema.ts';
import { journeyPageUrl } from './start-payment.ts';

/** The subject the signature module echoes back in `signature.request.signed`. */
export const PROSPECT_SUBJECT = 'sales.prospect';

/** What the mandate template is filled with: the prospect's answers, the catalog price, the start date. */
export function mandateDataOf(loaded: LoadedProspect, today: string) {
  const { prospect } = loaded;
  const answers = prospect.answers;
  const text = (key: string) => (typeof answers[key] === 'string' ? (answers[key] as string) : undefined);
  const company = prospect.clientType === 'entreprise';
  const address = [text('address'), [text('postcode'), text('city')].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return {
    reference: `${loaded.journey.slug}-${prospect.id.slice(-8)}`,
    client: {
      kind: company ? ('entreprise' as const) : ('particulier' as const),
      name: company ? (text('company_name') ?? prospect.name ?? '') : (prospect.name ?? ''),
      ...(company && prospect.name ? { representative: prospect.name } : {}),
      email: prospect.email!,
      ...(prospect.phone ? { phone: prospect.phone } : {}),
      ...(address ? { address } : {}),
      ...(company ? { employees: typeof answers.employees === 'number' ? answers.employees : 0 } : { age: text('birth_date') ? ageOn(text('birth_date')!, today) : 0 }),
    },
    annualPrice: prospect.priceAmount ?? 0,
    startDate: today,
    offered: prospect.offered,
  };
}

/**
 * « Signer mon mandat »: the mandate PDF rendered from the journey's template with the prospect's data and price, as a
 * signature request of the signature module (the signer's identity checked by the journey's method — a code mailed
 * to the address of the questionnaire for WIN WIN). The same request is reopened from the prospect's link until it is
 * signed or expires; then a new one is made.
 */
export async function startProspectSignature(services: Services, token: string, requestId: string): Promise<{ url: string }> {
  return services.db.transaction(async (tx) => {
    const loaded = await loadProspectByToken(tx, token, { lock: true });
    const { prospect, definition, company } = loaded;
    const step = stepOf(definition, 'signature');
    if (!step) throw new ProblemError('conflict', 'Ce parcours ne comporte pas de signature.');
    if (prospect.status !== 'en_signature') throw new ProblemError('conflict', prospect.signedAt ? 'Le mandat est déjà signé.' : 'Envoyez d’abord le questionnaire.', { code: 'signature_not_expected', status: prospect.status });
    const now = services.clock.now();
    if (prospect.signatureRequestId && prospect.signatureTokenSealed) {
      const [open] = await tx.select().from(signatureRequests).where(eq(signatureRequests.id, prospect.signatureRequestId));
      if (open && (open.status === 'sent' || open.status === 'viewed') && open.expiresAt > now) {
        const signToken = services.secrets.open(prospect.signatureTokenSealed, prospect.id);
        return { url: `${services.config.publicUrl}/signer/${signToken}` };
      }
    }
    const today = dateInZone(now, company.timeZone);
    const created = await createSignatureRequest(
      tx,
      services,
      {
        workspaceId: prospect.workspaceId,
        companyId: prospect.companyId,
        subject: { kind: PROSPECT_SUBJECT, id: prospect.id },
        title: `${step.title} — ${prospect.name ?? prospect.email}`,
        document: { template: step.template, data: mandateDataOf(loaded, today) },
        signer: { name: prospect.name ?? prospect.email!, email: prospect.email!, ...(prospect.phone ? { phone: prospect.phone } : {}) },
        verification: step.verification,
        returnUrl: journeyPageUrl(services, prospect.token),
        locale: 'fr',
      },
      anonymousCause(requestId),
    );
    await tx
      .update(prospects)
      .set({ signatureRequestId: created.id, signatureTokenSealed: services.secrets.seal(created.token, prospect.id), updatedAt: now })
      .where(eq(prospects.id, prospect.id));
    await recordProspectActivity(tx, prospect, 'signature_requested', now, { signatureRequestId: created.id, documentSha256: created.documentSha256 });
    return { url: created.signUrl };
  });
}
