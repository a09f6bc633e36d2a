import type { ReactNode } from 'react';
import { ApiError, fieldErrorsByPath } from '../api.ts';

/** Server field errors of a failed request, by body path ("email", "addresses.0.city"). */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  return error instanceof ApiError ? fieldErrorsByPath(error.errors) : {};
}

/**
 * What to pass as a Mantine input's `error`: nothing, one message, or every message on
 * its own line (a password can break several policy rules at once). Mantine renders
 * the error in a <p>, so the lines are spans, not a list.
 */
export function errorMessages(messages: readonly (string | undefined)[] | undefined): ReactNode {
  const list = (messages ?? []).filter((m): m is string => !!m);
  if (list.length === 0) return undefined;
  if (list.length === 1) return list[0];
  return list.map((message) => (
    <span key={message} style={{ display: 'block' }}>
      {message}
    </span>
  ));
}

/** True when `path` is one of `placed` or nested under one of them. */
export function isPlaced(path: string, placed: readonly string[]): boolean {
  return placed.some((p) => path === p || path.startsWith(`${p}.`));
}
