import type { QuoteLine } from '../../pricing/engine/lines.ts';
import { parseRecurrenceLabel } from '../../pricing/engine/recurrence.ts';

export type OrderKindDecision =
  | { kind: 'one_off' }
  | { kind: 'subscription'; interval: 'month' | 'year'; intervalCount: number }
  | { kind: 'refused'; reason: string };

/**
 * Whether a quote becomes a one-off order or a subscription: every line one-time → one-off; every line on the same
 * monthly or yearly cycle → a subscription on that cycle. Anything else cannot be collected by one checkout.
 */
export function decideOrderKind(lines: readonly Pick<QuoteLine, 'recurrence'>[]): OrderKindDecision {
  const recurrences = lines.map((line) => parseRecurrenceLabel(line.recurrence));
  if (recurrences.every((r) => r.kind === 'one_time')) return { kind: 'one_off' };
  const cycles = new Set(recurrences.map((r) => (r.kind === 'one_time' ? 'one_time' : `${r.every} ${r.unit}`)));
  if (cycles.size > 1) return { kind: 'refused', reason: 'Les lignes du devis ont des périodicités différentes : faites une commande par périodicité.' };
  const [first] = recurrences;
  if (first?.kind !== 'recurring' || (first.unit !== 'month' && first.unit !== 'year')) {
    return { kind: 'refused', reason: 'Un abonnement se facture au mois ou à l’année.' };
  }
  return { kind: 'subscription', interval: first.unit, intervalCount: first.every };
}

/** `CMD-2026-000042`: the company's order counter for the year, six digits. */
export function formatOrderNumber(year: number, sequence: number): string {
  return `CMD-${year}-${String(sequence).padStart(6, '0')}`;
}
