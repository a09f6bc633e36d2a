/**
 * Quote lines: the engine's working form (with its Recurrence and tax treatment) and the public snake_case form of
 * the contract. A line's amount is split by `taxLine` once, so HT + TVA = TTC holds on every line by construction.
 */
import { PricingError } from './errors.ts';
import { formatRateBp } from './format.ts';
import { assertMinor } from './money.ts';
import { monthlyEquivalent, parseRecurrenceLabel, type Recurrence, recurrenceLabel } from './recurrence.ts';
import { type ResolvedTax, type TaxMode, taxLine } from './tax.ts';

export type LineKind = 'base' | 'component' | 'bundle_discount' | 'option' | 'surcharge' | 'promotion';

export interface EngineLine {
  kind: LineKind;
  code: string | null;
  description: string;
  unitAmount: number;
  quantity: number;
  /** Whether `unitAmount` (and the amount the line was priced on) is TTC or HT. */
  taxMode: TaxMode;
  excl: number;
  tax: number;
  incl: number;
  rateBp: number;
  mention: string | null;
  recurrence: Recurrence;
  usage?: string;
}

/** The public line (amounts in integer minor units). */
export interface QuoteLine {
  kind: LineKind;
  code: string | null;
  description: string;
  /** The unit price as the rule writes it (TTC when `tax_mode` is `incl`); for tiered prices, the average, rounded. */
  unit_amount: number;
  quantity: number;
  tax_mode: TaxMode;
  amount_excl_tax: number;
  tax_rate_bp: number;
  /** For people: `20 %`, `5,5 %`, `0 %`. */
  tax_rate: string;
  tax_amount: number;
  amount_incl_tax: number;
  /** The legal mention of an exempt line (`Exonération de TVA, article 261-4-4° a du CGI…`), else null. */
  tax_mention: string | null;
  /** `one_time`, `monthly`, `yearly`, `every 3 months`… */
  recurrence: string;
  /** TTC spread over a month, half-up; null for one-time lines. */
  monthly_equivalent: number | null;
  /** The consumption a usage line was priced on (decimal string). */
  usage?: string;
}

export interface LineSpec {
  kind: LineKind;
  code: string | null;
  description: string;
  unitAmount: number;
  quantity: number;
  /** The line's amount in `taxMode` (TTC or HT), integer minor units. */
  amount: number;
  taxMode: TaxMode;
  tax: ResolvedTax;
  recurrence: Recurrence;
  usage?: string;
}

export function makeLine(spec: LineSpec): EngineLine {
  const split = taxLine(spec.amount, spec.tax.rateBp, spec.taxMode);
  return {
    kind: spec.kind,
    code: spec.code,
    description: spec.description,
    unitAmount: assertMinor(spec.unitAmount),
    quantity: spec.quantity,
    taxMode: spec.taxMode,
    ...split,
    rateBp: spec.tax.rateBp,
    mention: spec.tax.mention,
    recurrence: spec.recurrence,
    ...(spec.usage === undefined ? {} : { usage: spec.usage }),
  };
}

export function toQuoteLine(line: EngineLine): QuoteLine {
  return {
    kind: line.kind,
    code: line.code,
    description: line.description,
    unit_amount: line.unitAmount,
    quantity: line.quantity,
    tax_mode: line.taxMode,
    amount_excl_tax: line.excl,
    tax_rate_bp: line.rateBp,
    tax_rate: formatRateBp(line.rateBp),
    tax_amount: line.tax,
    amount_incl_tax: line.incl,
    tax_mention: line.mention,
    recurrence: recurrenceLabel(line.recurrence),
    monthly_equivalent: monthlyEquivalent(line.incl, line.recurrence),
    ...(line.usage === undefined ? {} : { usage: line.usage }),
  };
}

/** Reads a public line back (a bundle component's), checking that it is whole: integers and HT + TVA = TTC. */
export function fromQuoteLine(line: QuoteLine, field: string): EngineLine {
  if (
    !line ||
    typeof line !== 'object' ||
    typeof line.description !== 'string' ||
    !Number.isSafeInteger(line.quantity) ||
    (line.tax_mode !== 'incl' && line.tax_mode !== 'excl') ||
    !(line.code === null || typeof line.code === 'string') ||
    !(line.tax_mention === null || typeof line.tax_mention === 'string') ||
    !(line.usage === undefined || typeof line.usage === 'string')
  ) {
    throw new PricingError(field, 'Ligne de composant mal formée.', 'invalid_input');
  }
  const integers = [line.unit_amount, line.amount_excl_tax, line.tax_amount, line.amount_incl_tax, line.tax_rate_bp];
  if (!integers.every(Number.isSafeInteger) || line.amount_excl_tax + line.tax_amount !== line.amount_incl_tax) {
    throw new PricingError(field, 'Ligne de composant incohérente (montants non entiers ou HT + TVA ≠ TTC).', 'invalid_input');
  }
  return {
    kind: 'component',
    code: line.code,
    description: line.description,
    unitAmount: line.unit_amount,
    quantity: line.quantity,
    taxMode: line.tax_mode,
    excl: line.amount_excl_tax,
    tax: line.tax_amount,
    incl: line.amount_incl_tax,
    rateBp: line.tax_rate_bp,
    mention: line.tax_mention,
    recurrence: parseRecurrenceLabel(line.recurrence, `${field}.recurrence`),
    ...(line.usage === undefined ? {} : { usage: line.usage }),
  };
}
