/**
 * Which business facts earn a commission, per the scheme's settlement:
 *  - `upfront`: the sale (the first year's base) and each renewal (the renewed year's base), at their dates;
 *  - `recurring`: each month of the contract from the sale, up to `until` and before the cancellation; month 13+
 *    counts as renewal;
 *  - `on_collection`: each collection; one made in the 13th month or later counts as renewal.
 * `appliesTo` keeps first-year events (`new`), renewal events (`renewal`) or both. Facts are validated here and their
 * dates brought to the company's calendar.
 */
import type { CommissionInput, Sale } from './contract.ts';
import { addMonths, type LocalDate, localDate, wholeMonthsBetween } from './dates.ts';
import { frDate } from './explain.ts';
import { CommissionError } from './errors.ts';
import { assertMinor } from './money.ts';

export interface NormalizedFacts {
  sales: Map<string, Sale>;
  salesInOrder: Sale[];
  saleDate: Map<string, LocalDate>;
  cancelledOn: Map<string, LocalDate>;
}

export interface EarningEvent {
  sale: Sale;
  kind: 'commission' | 'renewal';
  date: LocalDate;
  /** 1 for the contract's first month. */
  monthIndex: number;
  base: number;
  label: string;
}

const MAX_MONTHS = 1200;

function nonNegative(value: unknown, field: string): number {
  const n = assertMinor(value as number, field);
  if (n < 0) throw new CommissionError(field, 'Un montant de fait est positif ou nul.', 'invalid_fact');
  return n;
}

export function normalizeFacts(input: CommissionInput): NormalizedFacts {
  const tz = input.company.timeZone;
  const sales = new Map<string, Sale>();
  const saleDate = new Map<string, LocalDate>();
  for (const [i, sale] of input.sales.entries()) {
    if (typeof sale.id !== 'string' || sale.id === '' || sales.has(sale.id)) throw new CommissionError(`sales[${i}].id`, 'Identifiant de vente vide ou en double.', 'invalid_fact');
    nonNegative(sale.amount, `sales[${i}].amount`);
    if (sale.margin !== undefined) assertMinor(sale.margin, `sales[${i}].margin`);
    sales.set(sale.id, sale);
    saleDate.set(sale.id, localDate(sale.at, tz, `sales[${i}].at`));
  }
  const known = (saleId: string, field: string) => {
    if (!sales.has(saleId)) throw new CommissionError(field, `Vente inconnue : « ${String(saleId)} ».`, 'invalid_fact');
  };
  const cancelledOn = new Map<string, LocalDate>();
  for (const [i, c] of (input.cancellations ?? []).entries()) {
    known(c.saleId, `cancellations[${i}].saleId`);
    const date = localDate(c.at, tz, `cancellations[${i}].at`);
    if (date < saleDate.get(c.saleId)!) throw new CommissionError(`cancellations[${i}].at`, 'Résiliation antérieure à la vente.', 'invalid_fact');
    const previous = cancelledOn.get(c.saleId);
    if (previous === undefined || date < previous) cancelledOn.set(c.saleId, date);
  }
  const salesInOrder = [...sales.values()].sort((a, b) => {
    const da = saleDate.get(a.id)!;
    const db = saleDate.get(b.id)!;
    return da < db ? -1 : da > db ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return { sales, salesInOrder, saleDate, cancelledOn };
}

export function earningEvents(facts: NormalizedFacts, input: CommissionInput): EarningEvent[] {
  const { scheme } = input;
  const tz = input.company.timeZone;
  const keepNew = scheme.appliesTo !== 'renewal';
  const keepRenewal = scheme.appliesTo !== 'new';
  const baseOf = (amount: number, margin: number | undefined) => (scheme.base === 'margin' ? (margin ?? 0) : amount);
  const events: EarningEvent[] = [];
  const keep = (e: EarningEvent) => {
    if ((e.kind === 'commission' && keepNew) || (e.kind === 'renewal' && keepRenewal)) events.push(e);
  };
  const active = (saleId: string, date: LocalDate) => {
    const cancelled = facts.cancelledOn.get(saleId);
    return cancelled === undefined || date < cancelled;
  };

  if (scheme.settlement === 'upfront') {
    for (const sale of facts.salesInOrder) {
      const date = facts.saleDate.get(sale.id)!;
      keep({ sale, kind: 'commission', date, monthIndex: 1, base: baseOf(sale.amount, sale.margin), label: `vente ${sale.id} du ${frDate(date)}` });
    }
    for (const [i, renewal] of (input.renewals ?? []).entries()) {
      const sale = facts.sales.get(renewal.saleId);
      if (!sale) throw new CommissionError(`renewals[${i}].saleId`, `Vente inconnue : « ${String(renewal.saleId)} ».`, 'invalid_fact');
      const date = localDate(renewal.at, tz, `renewals[${i}].at`);
      if (!active(sale.id, date)) continue;
      const amount = renewal.amount === undefined ? sale.amount : nonNegative(renewal.amount, `renewals[${i}].amount`);
      const monthIndex = wholeMonthsBetween(facts.saleDate.get(sale.id)!, date) + 1;
      keep({ sale, kind: 'renewal', date, monthIndex, base: baseOf(amount, renewal.margin ?? sale.margin), label: `renouvellement ${sale.id} du ${frDate(date)}` });
    }
  } else if (scheme.settlement === 'recurring') {
    if (input.until === undefined) throw new CommissionError('until', 'Un barème récurrent demande la date jusqu’à laquelle produire les mois.', 'invalid_input');
    const until = localDate(input.until, tz, 'until');
    for (const sale of facts.salesInOrder) {
      const start = facts.saleDate.get(sale.id)!;
      for (let m = 1; m <= MAX_MONTHS; m++) {
        const date = addMonths(start, m - 1);
        if (date > until || !active(sale.id, date)) break;
        keep({ sale, kind: m <= 12 ? 'commission' : 'renewal', date, monthIndex: m, base: baseOf(sale.amount, sale.margin), label: `${sale.id} mois ${m} (${frDate(date)})` });
      }
    }
  } else {
    for (const [i, collection] of (input.collections ?? []).entries()) {
      const sale = facts.sales.get(collection.saleId);
      if (!sale) throw new CommissionError(`collections[${i}].saleId`, `Vente inconnue : « ${String(collection.saleId)} ».`, 'invalid_fact');
      const amount = nonNegative(collection.amount, `collections[${i}].amount`);
      const date = localDate(collection.at, tz, `collections[${i}].at`);
      const monthIndex = wholeMonthsBetween(facts.saleDate.get(sale.id)!, date) + 1;
      keep({
        sale,
        kind: monthIndex <= 12 ? 'commission' : 'renewal',
        date,
        monthIndex,
        base: baseOf(amount, collection.margin ?? sale.margin),
        label: `encaissement ${sale.id} du ${frDate(date)}`,
      });
    }
    events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
  return events;
}
