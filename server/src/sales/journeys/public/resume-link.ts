import { ProblemError } from '../../../platform/http/problem.ts';
import type { Services } from '../../../platform/services.ts';
import { resumeJourneyMail } from '../activation/journey-mails.ts';
import { loadProspectByToken } from '../prospect-store.ts';
import { journeyPageUrl } from './start-payment.ts';

/** "Reprendre plus tard": the personal link, mailed to the address the prospect typed (the only one it ever goes to). */
export async function mailResumeLink(services: Services, token: string): Promise<void> {
  const { prospect, definition } = await loadProspectByToken(services.db, token);
  if (!prospect.email) throw new ProblemError('validation', 'Indiquez d’abord votre e-mail dans le questionnaire.', { errors: [{ field: 'answers.email', message: 'E-mail requis.' }] });
  await services.db.transaction((tx) =>
    services.mail.queue(tx, { template: resumeJourneyMail, data: { brand: definition.brand.name, name: prospect.name, url: journeyPageUrl(services, prospect.token) }, to: prospect.email!, workspaceId: prospect.workspaceId }),
  );
}
