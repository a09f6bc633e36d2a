/**
 * When a commission line falls due (the trigger's calendar rule): on the day of the event (sale, collection,
 * renewal, cancellation) or on a day of a later month — « le 15 du mois suivant » is `{ kind: 'day_of_month',
 * day: 15, monthsAfter: 1 }`. The event's day is the company's calendar day (see `localDate`); a day past the end
 * of the month falls on its last day (31 → 30 April, 28/29 February).
 */
import { monthDay, type LocalDate } from './dates.ts';
import { CommissionError } from './errors.ts';

export type DueRule = { kind: 'on_event' } | { kind: 'day_of_month'; day: number; monthsAfter: number };

export function validateDueRule(rule: DueRule, field = 'scheme.due'): void {
  if (rule.kind === 'on_event') return;
  if (rule.kind !== 'day_of_month') throw new CommissionError(field, 'Règle d’échéance inconnue.', 'invalid_scheme');
  if (!Number.isInteger(rule.day) || rule.day < 1 || rule.day > 31) throw new CommissionError(`${field}.day`, 'Le jour d’échéance est entre 1 et 31.', 'invalid_scheme');
  if (!Number.isInteger(rule.monthsAfter) || rule.monthsAfter < 0 || rule.monthsAfter > 24) {
    throw new CommissionError(`${field}.monthsAfter`, 'Le décalage est un nombre de mois entre 0 et 24.', 'invalid_scheme');
  }
}

export function dueDate(eventDate: LocalDate, rule: DueRule): LocalDate {
  return rule.kind === 'on_event' ? eventDate : monthDay(eventDate, rule.monthsAfter, rule.day);
}

export function describeDueRule(rule: DueRule): string {
  if (rule.kind === 'on_event') return 'à la date de l’événement';
  const when = rule.monthsAfter === 0 ? 'du mois' : rule.monthsAfter === 1 ? 'du mois suivant' : `du ${rule.monthsAfter}e mois suivant`;
  return `le ${rule.day} ${when}`;
}
