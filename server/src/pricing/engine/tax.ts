/**
 * VAT: rates by country and category in basis points (2000 = 20 %), exemption mentions, and the one function that
 * splits a line into excl. tax / tax / incl. tax with per-line half-up rounding and excl + tax === incl exactly.
 */
import { compareDates, parseIsoDate } from './dates.ts';
import { PricingError } from './errors.ts';
import { assertMinor, mulDivHalfUp } from './money.ts';

export type Country = 'FR' | 'CH';
export const COUNTRIES: readonly Country[] = ['FR', 'CH'];

export type TaxCategory = 'standard' | 'intermediate' | 'reduced' | 'super_reduced' | 'accommodation' | 'exempt';
export type TaxedCategory = Exclude<TaxCategory, 'exempt'>;

/** How a rule's amounts are written: tax included (TTC, what a consumer sees) or excluded (HT). */
export type TaxMode = 'excl' | 'incl';

/** Rates in force today, by country and category (a category a country does not have is absent). */
export const VAT_RATES_BP = {
  FR: { standard: 2000, intermediate: 1000, reduced: 550, super_reduced: 210 },
  CH: { standard: 810, reduced: 260, accommodation: 380 },
} as const satisfies Record<Country, Partial<Record<TaxedCategory, number>>>;

/** Rate history, newest first per country, so a quote dated before a change uses the rates of its date. */
export const VAT_RATE_HISTORY: readonly { country: Country; from: string; rates: Partial<Record<TaxedCategory, number>> }[] = [
  { country: 'FR', from: '2014-01-01', rates: VAT_RATES_BP.FR },
  { country: 'CH', from: '2024-01-01', rates: VAT_RATES_BP.CH },
  { country: 'CH', from: '2018-01-01', rates: { standard: 770, reduced: 250, accommodation: 370 } },
];

/** Codes for the legal mention an exempt line must carry on the invoice. */
export type ExemptionCode = 'FR-261-4-4a' | 'FR-293B' | 'CH-21';

export const EXEMPTIONS: Readonly<Record<ExemptionCode, { country: Country; mention: string }>> = {
  'FR-261-4-4a': {
    country: 'FR',
    mention: 'Exonération de TVA, article 261-4-4° a du CGI (formation professionnelle continue)',
  },
  'FR-293B': { country: 'FR', mention: 'TVA non applicable, article 293 B du CGI' },
  'CH-21': { country: 'CH', mention: 'Prestation exclue du champ de la TVA (art. 21 LTVA)' },
};

export function isExemptionCode(value: unknown): value is ExemptionCode {
  return typeof value === 'string' && Object.hasOwn(EXEMPTIONS, value);
}

export interface ResolvedTax {
  country: Country;
  category: TaxCategory;
  rateBp: number;
  exemptionCode: ExemptionCode | null;
  /** The legal mention for exempt lines, null for taxed ones. */
  mention: string | null;
}

/**
 * The rate of `category` in `country` on `date` (YYYY-MM-DD; today's table when omitted). `exempt` needs an
 * exemption code of the same country. A category the country does not have, or a date before the known history, is a
 * PricingError on `field`.
 */
export function resolveTax(
  country: Country,
  category: TaxCategory,
  exemptionCode?: ExemptionCode | null,
  date?: string,
  field = 'taxCategory',
): ResolvedTax {
  if (category === 'exempt') {
    if (!exemptionCode || !isExemptionCode(exemptionCode)) {
      throw new PricingError(field, 'Une ligne exonérée de TVA doit indiquer son code d’exonération (mention légale).', 'invalid_rule');
    }
    const exemption = EXEMPTIONS[exemptionCode];
    if (exemption.country !== country) {
      throw new PricingError(field, `L’exonération ${exemptionCode} ne s’applique pas en ${country}.`, 'invalid_rule');
    }
    return { country, category, rateBp: 0, exemptionCode, mention: exemption.mention };
  }
  let rates: Partial<Record<TaxedCategory, number>> | undefined = VAT_RATES_BP[country];
  if (date !== undefined) {
    const on = parseIsoDate(date, 'date');
    rates = VAT_RATE_HISTORY.find((entry) => entry.country === country && compareDates(on, parseIsoDate(entry.from)) >= 0)?.rates;
    if (!rates) throw new PricingError('date', `Les taux de TVA ${country} antérieurs à cette date ne sont pas connus.`, 'out_of_range');
  }
  const rateBp = Object.hasOwn(rates, category) ? rates[category] : undefined;
  if (typeof rateBp !== 'number') {
    throw new PricingError(field, `La catégorie de TVA « ${category} » n’existe pas en ${country}.`, 'invalid_rule');
  }
  return { country, category, rateBp, exemptionCode: null, mention: null };
}

export interface TaxLine {
  excl: number;
  tax: number;
  incl: number;
}

/**
 * Splits one line. `mode: 'excl'` — the amount is HT: tax = round(HT × rate), TTC = HT + tax. `mode: 'incl'` — the
 * amount is TTC: HT = round(TTC / (1 + rate)), tax = TTC − HT. Rounding is half-up (ties away from zero), so a
 * negative amount splits into exactly the negation of the positive one. excl + tax === incl always holds.
 */
export function taxLine(amountMinor: number, rateBp: number, mode: TaxMode): TaxLine {
  const total = assertMinor(amountMinor);
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > 10_000) {
    throw new PricingError('tax_rate_bp', `Taux de TVA invalide : ${rateBp} points de base.`, 'invalid_rule');
  }
  if (mode === 'excl') {
    const tax = mulDivHalfUp(total, rateBp, 10_000);
    return { excl: total, tax, incl: assertMinor(total + tax) };
  }
  const excl = mulDivHalfUp(total, 10_000, 10_000 + rateBp);
  return { excl, tax: assertMinor(total - excl), incl: total };
}
