/**
 * Swiss and French money as printed on policies: `CHF 1'234.50`, `Fr. 185.–`, `1 234,50 CHF`, `EUR 1.234,56`,
 * `€ 99`. Amounts become integer minor units by string arithmetic — never a binary float.
 */
export type Currency = 'CHF' | 'EUR';

export interface MoneyMatch {
  amount: number;
  currency: Currency | null;
  /** Offset of the match in the searched string, and its text. */
  index: number;
  raw: string;
}

const MAX_INTEGER_DIGITS = 12;

/**
 * `1'234.50` → 123450; `185.–` → 18500; `1.234,56` → 123456; `12,5` → 1250. Undefined when the text is not a
 * well-formed amount (thousands groups of three digits, at most two decimals).
 */
export function parseAmountToMinor(raw: string): number | undefined {
  let text = raw.trim().replace(/\s+/g, ' ');
  if (!text) return undefined;
  let decimals = '';
  const dashEnding = /[.,]\s?[-–—]+$/;
  if (dashEnding.test(text)) {
    text = text.replace(dashEnding, '');
  } else {
    const decimal = /[.,](\d{1,2})$/.exec(text);
    if (decimal) {
      decimals = decimal[1]!;
      text = text.slice(0, decimal.index);
    }
  }
  if (!/^\d/.test(text)) return undefined;
  // The integer part: plain digits, or groups of three after a separator (' space . ,).
  if (!/^\d+$/.test(text) && !/^\d{1,3}(?:['. ,]\d{3})+$/.test(text)) return undefined;
  const digits = text.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_INTEGER_DIGITS) return undefined;
  const minor = Number(digits) * 100 + Number(decimals.padEnd(2, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : undefined;
}

const NUMBER = String.raw`\d{1,3}(?:['. ]\d{3})+(?:[.,]\d{1,2}|[.,] ?[-–—]+)?|\d{1,3}(?:,\d{3})+\.\d{1,2}|\d+(?:[.,]\d{1,2}|[.,] ?[-–—]+)?`;
const CURRENCY_BEFORE = String.raw`(CHF|SFr\.?|Fr\.|Frs\.?|EUR|€)`;
const CURRENCY_AFTER = String.raw`(CHF|francs?|Fr\.?|EUR|euros?|€)`;
const MONEY = new RegExp(String.raw`${CURRENCY_BEFORE}\s?(${NUMBER})|(?<![\d'.,])(${NUMBER})(?:\s?${CURRENCY_AFTER})?(?![\d'])`, 'gi');

function currencyOf(token: string | undefined): Currency | null {
  if (!token) return null;
  return /^(eur|euros?|€)$/i.test(token.trim()) ? 'EUR' : 'CHF';
}

/** Every amount in a line, with its currency when one is written next to it. */
export function findMoney(text: string): MoneyMatch[] {
  const found: MoneyMatch[] = [];
  for (const match of text.matchAll(MONEY)) {
    const [raw, before, numberAfterCurrency, bareNumber, after] = match;
    const number = numberAfterCurrency ?? bareNumber;
    if (!number) continue;
    // "1,234.50" (English grouping) keeps its dot as the decimal separator.
    const normalized = /^\d{1,3}(?:,\d{3})+\.\d{1,2}$/.test(number) ? number.replace(/,/g, "'") : number;
    const amount = parseAmountToMinor(normalized);
    if (amount === undefined) continue;
    found.push({ amount, currency: currencyOf(before ?? after), index: match.index ?? 0, raw: raw.trim() });
  }
  return found;
}
