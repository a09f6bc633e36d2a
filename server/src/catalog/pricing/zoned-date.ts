// Building an Intl.DateTimeFormat costs far more than using one: one per zone, kept.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function formatFor(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    format = make();
    cache.set(timeZone, format);
  }
  return format;
}

/**
 * Every quote asks for "today" and for the start of the quote date in the company's zone; Intl
 * formatting was 5 % of a quote's CPU under load (issue #4 profile). Both are pure functions of
 * their arguments (zone rules do not change while a process runs), so results are remembered:
 * the local day an instant falls in (per zone, its [start, next start) bounds) and the start of
 * each (zone, date) asked for.
 */
const currentDays = new Map<string, { date: string; from: number; to: number }>();
const startsOfDay = new Map<string, number>();
const MAX_REMEMBERED_STARTS = 10_000;

/** The calendar date (YYYY-MM-DD) of an instant in a time zone: "today" for a company. */
export function dateInZone(instant: Date, timeZone: string): string {
  const t = instant.getTime();
  const day = currentDays.get(timeZone);
  if (day && day.from <= t && t < day.to) return day.date;
  const date = computeDateInZone(instant, timeZone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  currentDays.set(timeZone, { date, from: startOfDayInZone(date, timeZone).getTime(), to: startOfDayInZone(next, timeZone).getTime() });
  return date;
}

function computeDateInZone(instant: Date, timeZone: string): string {
  const parts = formatFor(dateFormats, timeZone, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The instant a calendar day starts in a time zone (00:00 local), e.g. when a quote date's version is chosen. */
export function startOfDayInZone(date: string, timeZone: string): Date {
  const key = `${timeZone} ${date}`;
  let start = startsOfDay.get(key);
  if (start === undefined) {
    start = computeStartOfDayInZone(date, timeZone);
    if (startsOfDay.size >= MAX_REMEMBERED_STARTS) startsOfDay.clear();
    startsOfDay.set(key, start);
  }
  return new Date(start);
}

function computeStartOfDayInZone(date: string, timeZone: string): number {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  // The zone's offset at that moment, read back through Intl; two passes settle DST edges.
  let guess = utcMidnight.getTime();
  for (let pass = 0; pass < 2; pass++) guess = utcMidnight.getTime() - offsetMs(new Date(guess), timeZone);
  return guess;
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = formatFor(
    dateTimeFormats,
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
  ).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}
