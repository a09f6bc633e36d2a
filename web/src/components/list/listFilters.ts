/**
 * The rules every filtered, paged back-office list follows (orders, payments, invoices…), kept apart from React so
 * they are tested on their own.
 */

/** Whether any filter differs from its starting value: the « clear filters » button shows only then. */
export function filtersDiffer<F extends Record<string, unknown>>(values: F, initial: F): boolean {
  return Object.keys(initial).some((key) => values[key] !== initial[key]);
}

/** A day typed in a date field, or undefined while it is incomplete (the API would refuse half a date). */
export function completeDay(day: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined;
}

/** How many pages `total` rows fill, at least one. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
