import { eq } from 'drizzle-orm';
import { dateInZone } from '../../../catalog/pricing/zoned-date.ts';
import { ProblemError } from '../../../platform/http/problem.ts';
import type { Services } from '../../../platform/services.ts';
import { keptAnswers, mappedColumns, validateAnswers } from '../rules/form-rules.ts';
import { questionnaireOf, stepOf } from '../rules/journey-definition.ts';
import { prospectDocuments, prospectRecommendation } from './prospect-documents.ts';
import { anonymousCause, applyProspectEvent, loadProspectByToken, prospectActor } from '../prospect-store.ts';
import { prospects } from '../schema.ts';
import { priceProspect } from './price-prospect.ts';

export interface SubmitQuestionnaireInput {
  consent: { accepted: boolean; version: string };
  /** The prospect's IANA time zone, from the browser (kept with the consent). */
  timeZone?: string | null;
}

/**
 * "Envoyer": every visible field checked, explicit GDPR consent to the text version shown (kept with its time), the
 * price quoted from the catalog and frozen on the prospect, then Prospect → En signature (or straight to payment for
 * a journey without signature).
 */
export async function submitQuestionnaire(services: Services, token: string, input: SubmitQuestionnaireInput, requestId: string) {
  const now = services.clock.now();
  const peek = await loadProspectByToken(services.db, token);
  const form = questionnaireOf(peek.definition);
  const today = dateInZone(now, peek.company.timeZone);
  const answers = keptAnswers(form, peek.prospect.answers);
  const errors = validateAnswers(form, answers, { partial: false, today });
  if (errors.length) throw new ProblemError('validation', 'Le questionnaire est incomplet.', { errors: errors.map((e) => ({ field: `answers.${e.field}`, message: e.message })) });
  if (!input.consent.accepted) throw new ProblemError('validation', 'Votre consentement est nécessaire pour continuer.', { errors: [{ field: 'body.consent.accepted', message: 'Consentement requis.' }] });
  if (input.consent.version !== form.consent.version) {
    throw new ProblemError('validation', 'Le texte de consentement a changé : relisez-le.', { errors: [{ field: 'body.consent.version', message: `version attendue ${form.consent.version}` }] });
  }
  const documentsStep = stepOf(peek.definition, 'documents');
  const uploaded = documentsStep ? await prospectDocuments(services.db, token) : null;
  if (documentsStep?.required && uploaded!.items.length === 0) {
    throw new ProblemError('validation', 'Ajoutez au moins une police d’assurance.', { errors: [{ field: 'documents', message: 'Au moins un document est requis.' }] });
  }
  const quote = await priceProspect(services, peek.journey, peek.definition, answers, { today, offered: peek.prospect.offered });
  const recommendation = documentsStep || stepOf(peek.definition, 'recommendation') ? await prospectRecommendation(services.db, { ...peek.prospect, clientType: (answers.client_type as 'particulier' | 'entreprise' | undefined) ?? null }, answers) : null;

  return services.db.transaction(async (tx) => {
    const loaded = await loadProspectByToken(tx, token, { lock: true });
    if (loaded.prospect.status === 'abandonne') await applyProspectEvent(tx, loaded, 'resumed', { auth: anonymousCause(requestId), actorLabel: prospectActor(loaded.prospect), now });
    const columns = mappedColumns(form, answers);
    await applyProspectEvent(tx, loaded, 'questionnaire_submitted', {
      auth: anonymousCause(requestId),
      actorLabel: prospectActor(loaded.prospect),
      now,
      detail: { price: quote.total_incl_tax, currency: quote.currency, timeZone: input.timeZone ?? null },
      set: {
        answers,
        name: columns.name ?? null,
        email: columns.email ?? null,
        phone: columns.phone ?? null,
        clientType: (columns.clientType as 'particulier' | 'entreprise' | undefined) ?? null,
        consentVersion: form.consent.version,
        consentText: form.consent.text,
        consentedAt: now,
        quote: quote as unknown as Record<string, unknown>,
        recommendation: recommendation as unknown as Record<string, unknown> | null,
        priceAmount: quote.total_incl_tax,
        currency: quote.currency as 'EUR' | 'CHF',
      },
    });
    const [after] = await tx.select().from(prospects).where(eq(prospects.id, loaded.prospect.id));
    return after!;
  });
}
