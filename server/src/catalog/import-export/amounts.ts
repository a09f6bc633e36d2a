/**
 * Amounts are integer minor units (or decimal strings of minor units for unit prices) in the database;
 * files carry major units. Both directions use string arithmetic only: no float ever touches money.
 */

/** `990` → `9,90` (French) or `9.90`; `-5` → `-0,05`. */
export function formatMinor(minor: number | bigint, decimal: ',' | '.' = ','): string {
  const value = BigInt(minor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}${decimal}${digits.slice(-2)}`;
}

/** A decimal string of minor units (`"12.5"` = 0,125 €) in major units, at least two decimals: `0,125`. */
export function formatMinorDecimal(minor: string, decimal: ',' | '.' = ','): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(minor.trim());
  if (!match) throw new Error(`Not a decimal amount: ${minor}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const digits = whole.padStart(3, '0');
  const cents = digits.slice(-2) + fraction.replace(/0+$/, '');
  const integer = digits.slice(0, -2).replace(/^0+(?=\d)/, '');
  return `${sign}${integer}${decimal}${cents}`;
}

/**
 * A major-unit amount typed by a person or a spreadsheet (`9,90`, `9.9`, `1 234,50`, `12`, `12 €`) as integer
 * minor units; undefined when it is not an amount with at most two decimals.
 */
export function parseMajorToMinor(text: string): number | undefined {
  const cleaned = text.trim().replace(/\s*(€|EUR|CHF)$/i, '').replace(/[\s\u00A0\u202F']/g, '');
  const match = /^(-?)(\d+)(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  const minor = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  const result = Number(minor);
  return sign === '-' ? -result : result;
}

/** For spreadsheets: the amount as a JavaScript number of major units, built from its exact decimal text. */
export function minorToSpreadsheetNumber(minor: number): number {
  return Number(formatMinor(minor, '.'));
}
