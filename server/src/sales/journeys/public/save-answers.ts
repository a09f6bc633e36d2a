import { eq } from 'drizzle-orm';
import { ProblemError } from '../../../platform/http/problem.ts';
import type { Services } from '../../../platform/services.ts';
import { dateInZone } from '../../../catalog/pricing/zoned-date.ts';
import { type Answers, mappedColumns, validateAnswers } from '../rules/form-rules.ts';
import { questionnaireOf } from '../rules/journey-definition.ts';
import { applyProspectEvent, anonymousCause, loadProspectByToken, prospectActor, recordProspectActivity } from '../prospect-store.ts';
import { prospects } from '../schema.ts';

/**
 * Autosave while the prospect types: values given are checked (a wrong one is a 400 naming it and nothing is saved),
 * merged into the saved answers (`null` clears one), and the prospect's searchable columns follow. An abandoned
 * prospect who comes back is resumed where their facts say.
 */
export async function saveAnswers(services: Services, token: string, patch: Answers, requestId: string) {
  return services.db.transaction(async (tx) => {
    const loaded = await loadProspectByToken(tx, token, { lock: true });
    const { prospect, definition, company } = loaded;
    if (prospect.questionnaireCompletedAt) throw new ProblemError('conflict', 'Le questionnaire est déjà envoyé : il ne peut plus être modifié.', { code: 'questionnaire_submitted' });
    const form = questionnaireOf(definition);
    const now = services.clock.now();
    const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== null));
    const errors = validateAnswers(form, given, { partial: true, today: dateInZone(now, company.timeZone) });
    if (errors.length) throw new ProblemError('validation', errors[0]!.message, { errors: errors.map((e) => ({ field: `body.answers.${e.field}`, message: e.message })) });
    const answers: Answers = { ...prospect.answers };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete answers[key];
      else answers[key] = value;
    }
    const columns = mappedColumns(form, answers);
    await tx
      .update(prospects)
      .set({ answers, name: columns.name ?? null, email: columns.email ?? null, phone: columns.phone ?? null, clientType: (columns.clientType as 'particulier' | 'entreprise' | undefined) ?? null, updatedAt: now })
      .where(eq(prospects.id, prospect.id));
    loaded.prospect = { ...prospect, answers };
    if (prospect.status === 'abandonne') {
      await applyProspectEvent(tx, loaded, 'resumed', { auth: anonymousCause(requestId), actorLabel: prospectActor(prospect), now });
    } else {
      await recordProspectActivity(tx, prospect, 'answers_saved', now, { fields: Object.keys(patch) });
    }
    return answers;
  });
}
