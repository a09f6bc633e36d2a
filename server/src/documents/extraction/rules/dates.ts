/** Dates as policies print them: `01.01.2026`, `1/1/26`, `2026-01-01`, `1er janvier 2026`. */
export interface DateMatch {
  /** ISO `yyyy-mm-dd`. */
  iso: string;
  index: number;
  raw: string;
}

const MONTHS: Record<string, number> = {
  janvier: 1,
  fevrier: 2,
  février: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  aout: 8,
  août: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  decembre: 12,
  décembre: 12,
};

const DATE = new RegExp(
  [
    String.raw`(?<![\d.])(\d{1,2})\s?[./-]\s?(\d{1,2})\s?[./-]\s?(\d{4}|\d{2})(?![\d])`,
    String.raw`(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)`,
    String.raw`(?<!\d)(1er|\d{1,2})\s+(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\s+(\d{4})(?!\d)`,
  ].join('|'),
  'gi',
);

export function isoDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || year < 1900 || year > 2200) return undefined;
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!Number.isInteger(day) || day < 1 || day > last) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fullYear(text: string): number {
  const year = Number(text);
  return text.length === 2 ? 2000 + year : year;
}

export function findDates(text: string): DateMatch[] {
  const found: DateMatch[] = [];
  for (const match of text.matchAll(DATE)) {
    let iso: string | undefined;
    if (match[1]) iso = isoDate(fullYear(match[3]!), Number(match[2]), Number(match[1]));
    else if (match[4]) iso = isoDate(Number(match[4]), Number(match[5]), Number(match[6]));
    else if (match[7]) {
      const month = MONTHS[match[8]!.toLowerCase().replace('û', 'u')] ?? MONTHS[match[8]!.toLowerCase()];
      iso = month ? isoDate(Number(match[9]), month, match[7].toLowerCase() === '1er' ? 1 : Number(match[7])) : undefined;
    }
    if (iso) found.push({ iso, index: match.index ?? 0, raw: match[0] });
  }
  return found;
}

/** `start` plus whole years, minus one day: a contract of "3 ans" from 01.01.2026 ends on 31.12.2028. */
export function addYearsMinusOneDay(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February plus a year that has none rolls to 1 March in Date.UTC: step back to the 28th first.
  if (date.getUTCDate() !== d) date.setUTCDate(0);
  else date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
