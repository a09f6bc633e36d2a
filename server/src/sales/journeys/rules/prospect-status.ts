/**
 * Seed 004's statuses of a prospect and then client: Prospect → En signature → En paiement → Client actif, with
 * "Mandat résilié" on cancellation, a failed renewal that puts the client in "Paiement en échec" until paid, and
 * "Abandonné" after the journey's idle time. One table of what may happen in which status; everything else is refused.
 */

export const PROSPECT_STATUSES = ['prospect', 'en_signature', 'en_paiement', 'client_actif', 'paiement_en_echec', 'mandat_resilie', 'abandonne'] as const;
export type ProspectStatus = (typeof PROSPECT_STATUSES)[number];

export const PROSPECT_STATUS_LABELS: Record<ProspectStatus, string> = {
  prospect: 'Prospect',
  en_signature: 'En signature',
  en_paiement: 'En paiement',
  client_actif: 'Client actif',
  paiement_en_echec: 'Paiement en échec',
  mandat_resilie: 'Mandat résilié',
  abandonne: 'Abandonné',
};

export type ProspectEventKind = 'questionnaire_submitted' | 'signed' | 'activated' | 'payment_failed' | 'payment_recovered' | 'cancelled' | 'abandoned' | 'resumed';

/** Which steps the journey has: a journey without signature (or payment) goes straight on. */
export interface JourneyShape {
  signature: boolean;
  payment: boolean;
}

/** Timestamps a resumed prospect's status is rebuilt from. */
export interface ProgressFacts {
  questionnaireCompletedAt: Date | null;
  signedAt: Date | null;
}

export type Transition = { ok: true; to: ProspectStatus } | { ok: false; reason: string };

const IN_JOURNEY: readonly ProspectStatus[] = ['prospect', 'en_signature', 'en_paiement'];
const CLIENT: readonly ProspectStatus[] = ['client_actif', 'paiement_en_echec'];

/** Where a prospect who was abandoned or just completed a step stands, from facts only. */
export function statusFromProgress(shape: JourneyShape, facts: ProgressFacts): ProspectStatus {
  if (!facts.questionnaireCompletedAt) return 'prospect';
  if (shape.signature && !facts.signedAt) return 'en_signature';
  return 'en_paiement';
}

export function nextProspectStatus(current: ProspectStatus, event: ProspectEventKind, shape: JourneyShape, facts: ProgressFacts): Transition {
  const refuse = (reason: string): Transition => ({ ok: false, reason });
  switch (event) {
    case 'questionnaire_submitted':
      if (current !== 'prospect') return refuse('Le questionnaire a déjà été envoyé.');
      return { ok: true, to: statusFromProgress(shape, { ...facts, questionnaireCompletedAt: facts.questionnaireCompletedAt ?? new Date(0) }) };
    case 'signed':
      if (current !== 'en_signature') return refuse('Ce parcours n’attend pas de signature.');
      return { ok: true, to: 'en_paiement' };
    case 'activated':
      if (current !== 'en_paiement' && !(current === 'en_signature' && !shape.signature)) return refuse('Ce parcours ne peut pas être activé maintenant.');
      return { ok: true, to: 'client_actif' };
    case 'payment_failed':
      if (current === 'client_actif') return { ok: true, to: 'paiement_en_echec' };
      if (current === 'en_paiement' || current === 'paiement_en_echec') return { ok: true, to: current };
      return refuse('Aucun paiement attendu.');
    case 'payment_recovered':
      if (current === 'paiement_en_echec') return { ok: true, to: 'client_actif' };
      return current === 'client_actif' ? { ok: true, to: current } : refuse('Aucun paiement en échec.');
    case 'cancelled':
      if (CLIENT.includes(current)) return { ok: true, to: 'mandat_resilie' };
      return refuse('Seul un client peut résilier son mandat.');
    case 'abandoned':
      if (IN_JOURNEY.includes(current)) return { ok: true, to: 'abandonne' };
      return refuse('Seul un parcours en cours peut être abandonné.');
    case 'resumed':
      if (current !== 'abandonne') return refuse('Ce parcours n’est pas abandonné.');
      return { ok: true, to: statusFromProgress(shape, facts) };
  }
}

/** Is a prospect idle long enough to count as abandoned? Clients and ended prospects never are. */
export function isAbandoned(status: ProspectStatus, lastActivityAt: Date, now: Date, abandonAfterHours: number): boolean {
  return IN_JOURNEY.includes(status) && now.getTime() - lastActivityAt.getTime() >= abandonAfterHours * 3_600_000;
}

/** Has an abandoned prospect been idle long enough for the journey's retention to erase their data? */
export function isDueForErasure(status: ProspectStatus, lastActivityAt: Date, now: Date, eraseAbandonedAfterDays: number | null): boolean {
  return eraseAbandonedAfterDays !== null && status === 'abandonne' && now.getTime() - lastActivityAt.getTime() >= eraseAbandonedAfterDays * 86_400_000;
}

/** The public page a status leads to (the prospect's link always lands on the right step). */
export function publicStepOf(status: ProspectStatus): 'questionnaire' | 'signature' | 'payment' | 'done' | 'ended' {
  switch (status) {
    case 'prospect':
    case 'abandonne':
      return 'questionnaire';
    case 'en_signature':
      return 'signature';
    case 'en_paiement':
      return 'payment';
    case 'client_actif':
    case 'paiement_en_echec':
      return 'done';
    case 'mandat_resilie':
      return 'ended';
  }
}
