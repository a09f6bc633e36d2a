/** `F-2026-000123`: the prefix of the company's settings, the year of issue, the sequence on six digits. */
export function formatInvoiceNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** Prefixes are short, upper-case and safe in file names: `F`, `AV`, `FAC-MTV`. */
export function validInvoicePrefix(prefix: string): boolean {
  return /^[A-Z][A-Z0-9-]{0,11}$/.test(prefix) && !prefix.endsWith('-');
}
