import { ProblemError } from '../../platform/http/problem.ts';

/**
 * Whether a provider refused for good (bad request, amount too high, unknown object) rather than failed for now
 * (network, 429, 5xx). A refused call is recorded as failed; a transient one is retried by the job.
 */
export function isPermanentProviderError(error: unknown): error is Error {
  if (error instanceof ProblemError) return error.status >= 400 && error.status < 500;
  const status = (error as { statusCode?: number } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 429 && status !== 409;
}
