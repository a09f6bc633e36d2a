/**
 * Money is a safe integer of minor units. Anything fractional (base × rate, a pro rata, a share) is an exact
 * `Decimal` until `roundCommission`, the engine's one rounding: half-up to the cent, ties away from zero, so a
 * clawback (−0.5 → −1) rounds exactly like the commission it takes back (0.5 → 1).
 */
import { Decimal } from 'decimal.js';
import { formatMoney as formatPricingMoney } from '../../pricing/engine/format.ts';
import { CommissionError } from './errors.ts';

export type Currency = 'EUR' | 'CHF';

/** Engine-local Decimal (a clone: nobody else's configuration changes it). */
export const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -100, toExpPos: 100 });

export function assertMinor(value: number, field = 'amount'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new CommissionError(field, `Le montant ${String(value)} n’est pas un nombre entier de centimes.`, 'out_of_range');
  }
  return value === 0 ? 0 : value;
}

/** THE rounding of the engine: exact decimal of minor units → integer minor units, half-up (ties away from zero). */
export function roundCommission(value: Decimal): number {
  const rounded = value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  if (!Number.isSafeInteger(rounded)) throw new CommissionError('amount', 'Le montant calculé dépasse les limites représentables.', 'out_of_range');
  return rounded === 0 ? 0 : rounded;
}

/** `12000` → `120,00 €`; `CHF 185.–` for Swiss francs (the pricing engine's display). */
export function formatMoney(minor: number, currency: Currency): string {
  return formatPricingMoney(minor, currency);
}
