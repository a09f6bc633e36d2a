/**
 * The journey's mail texts are the seed's, with `{placeholders}` (seed 004: `{client.name}`, `{mandatNumber}`,
 * `{annualPrice}`, `{startDate}`…). An unknown placeholder stays visible rather than silently vanishing.
 */
export function fillPlaceholders(text: string, values: Record<string, string | null | undefined>): string {
  return text.replace(/\{([a-zA-Z][\w.]*)\}/g, (whole, key: string) => {
    const value = values[key];
    return value === undefined || value === null ? whole : value;
  });
}

/** Seed 004 writes prices as "CHF 185.-/an": whole francs bare, otherwise two decimals (`15.50`). Minor units in. */
export function swissPrice(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const units = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(units).replace(/\B(?=(\d{3})+(?!\d))/g, '\u2019');
  return cents === 0 ? `${sign}${grouped}` : `${sign}${grouped}.${String(cents).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` as the company's country writes it: 24.11.2026 in Switzerland, 24/11/2026 in France. */
export function localDate(day: string, country: string): string {
  const [y, m, d] = day.split('-');
  return country === 'CH' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`;
}
