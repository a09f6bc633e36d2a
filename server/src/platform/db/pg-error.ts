/**
 * The PostgreSQL error behind a failed query, whichever driver raised it: drizzle wraps
 * the driver's error in its own ("Failed query: …") and keeps the original as `cause`.
 */
export interface PgErrorInfo {
  code: string;
  constraint?: string;
  detail?: string;
  table?: string;
}

export const PG_UNIQUE_VIOLATION = '23505';
export const PG_EXCLUSION_VIOLATION = '23P01';
export const PG_CHECK_VIOLATION = '23514';
export const PG_FOREIGN_KEY_VIOLATION = '23503';

export function pgErrorOf(error: unknown): PgErrorInfo | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; detail?: unknown; table?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        constraint: typeof candidate.constraint === 'string' ? candidate.constraint : undefined,
        detail: typeof candidate.detail === 'string' ? candidate.detail : undefined,
        table: typeof candidate.table === 'string' ? candidate.table : undefined,
      };
    }
    current = candidate.cause;
  }
  return undefined;
}

export function violatesConstraint(error: unknown, constraint: string): boolean {
  return pgErrorOf(error)?.constraint === constraint;
}
