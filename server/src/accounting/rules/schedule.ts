/**
 * Annex F §6 « J+2 après fin de mois »: the previous month is due from the 2nd day of the month after it (UTC day of
 * the run). Before that nothing is due (the month's last postings may still arrive on J+1).
 */
export function dueMonthlyPeriod(now: Date): string | null {
  if (now.getUTCDate() < 2) return null;
  const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${previous.getUTCFullYear()}-${String(previous.getUTCMonth() + 1).padStart(2, '0')}`;
}
