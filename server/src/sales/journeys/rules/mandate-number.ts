/** Seed 004 `WW-{year}-{sequence}`: the journey's format with the year and a gap-free sequence, zero-padded. */
export function formatMandateNumber(format: string, year: number, sequence: number, digits: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError('sequence must be a positive integer');
  return format.replaceAll('{year}', String(year)).replaceAll('{seq}', String(sequence).padStart(digits, '0'));
}
