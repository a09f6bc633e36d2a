/**
 * Dunning (issue #5 §4, seed 004 "Retry automatique (3 tentatives)"): after a renewal fails, retry after growing gaps,
 * then suspend or cancel as the workspace chose. Days are counted from the first failure.
 */
export interface DunningPolicy {
  /** Days after the first failure for each retry, strictly increasing (default 3, 7, 14: gaps of 3, 4, 7 days). */
  retryDays: number[];
  finalAction: 'suspend' | 'cancel';
}

export const DEFAULT_DUNNING_POLICY: DunningPolicy = { retryDays: [3, 7, 14], finalAction: 'cancel' };

export function validateDunningPolicy(policy: DunningPolicy): string | null {
  if (policy.retryDays.length === 0 || policy.retryDays.length > 10) return 'between 1 and 10 retries';
  for (const [i, day] of policy.retryDays.entries()) {
    if (!Number.isInteger(day) || day < 1 || day > 60) return `retry ${i + 1}: a whole number of days between 1 and 60`;
    if (i > 0 && day <= policy.retryDays[i - 1]!) return `retry ${i + 1}: must come after retry ${i}`;
  }
  return null;
}

export type DunningStep = { kind: 'retry'; attempt: number; at: Date } | { kind: 'final'; action: 'suspend' | 'cancel' };

/**
 * What follows the failure numbered `failedAttempts` (1 = the renewal itself failed, 2 = the first retry failed…).
 * Retries are scheduled from the first failure's time; once they are spent the final action applies.
 */
export function nextDunningStep(policy: DunningPolicy, firstFailureAt: Date, failedAttempts: number): DunningStep {
  const retryIndex = failedAttempts - 1;
  const day = policy.retryDays[retryIndex];
  if (day === undefined) return { kind: 'final', action: policy.finalAction };
  return { kind: 'retry', attempt: failedAttempts + 1, at: new Date(firstFailureAt.getTime() + day * 86_400_000) };
}
