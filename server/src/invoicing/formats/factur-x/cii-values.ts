/**
 * How the invoice document's values are written in CII: amounts and rates as decimals with exactly two fraction
 * digits, quantities as plain decimals, dates in UNTDID 2379 format 102 (CCYYMMDD). Pure string work on integers, so
 * no binary float ever decides a cent.
 */

/**
 * Minor units (cents, centimes) → "1234.56". Negative amounts keep their sign ("-0.05"). Both currencies Comptoir
 * invoices in (EUR, CHF) have two decimals (ISO 4217), and BR-DEC-* allow at most two on every amount.
 */
export function formatMinorUnits(minor: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Factur-X: an amount must be an integer in minor units, got ${minor}`);
  const abs = Math.abs(minor);
  const cents = abs % 100;
  // (abs − cents) is an exact multiple of 100, so this division is exact in binary floating point.
  const units = (abs - cents) / 100;
  return `${minor < 0 ? '-' : ''}${units}.${String(cents).padStart(2, '0')}`;
}

/** Basis points → percent with two decimals: 2000 → "20.00", 550 → "5.50", 210 → "2.10" (BT-119, BT-152). */
export function formatRateBp(bp: number): string {
  if (!Number.isSafeInteger(bp) || bp < 0) throw new RangeError(`Factur-X: a VAT rate must be a non-negative integer in basis points, got ${bp}`);
  return formatMinorUnits(bp);
}

/**
 * A billed quantity (BT-129) as an xs:decimal. The document holds a JS number typed by a person (1, 2, 0.5, 1.25);
 * its shortest round-trip form is that decimal. Exponent forms (1e-7, 1e21) are not xs:decimal and are refused.
 */
export function formatQuantity(quantity: number): string {
  const text = String(quantity);
  if (!Number.isFinite(quantity) || !/^-?\d+(\.\d+)?$/.test(text)) {
    throw new RangeError(`Factur-X: a quantity must be a finite decimal number, got ${text}`);
  }
  return text;
}

/** "2026-11-24" → "20261124" (format 102), refusing anything that is not a real calendar date. */
export function formatDate102(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`Factur-X: a date must be YYYY-MM-DD, got "${isoDate}"`);
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) {
    throw new RangeError(`Factur-X: "${isoDate}" is not a calendar date`);
  }
  return `${y}${m}${d}`;
}
