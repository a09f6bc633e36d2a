import { describe, expect, it } from 'vitest';
import { DEFAULT_DUNNING_POLICY, nextDunningStep, validateDunningPolicy } from './dunning-schedule.ts';

const firstFailure = new Date('2027-03-01T09:00:00Z');

describe('dunning schedule', () => {
  it('retries three times with growing gaps, then applies the final action', () => {
    const days = [1, 2, 3].map((failed) => {
      const step = nextDunningStep(DEFAULT_DUNNING_POLICY, firstFailure, failed);
      if (step.kind !== 'retry') throw new Error('expected a retry');
      return { attempt: step.attempt, day: (step.at.getTime() - firstFailure.getTime()) / 86_400_000 };
    });
    expect(days).toEqual([
      { attempt: 2, day: 3 },
      { attempt: 3, day: 7 },
      { attempt: 4, day: 14 },
    ]);
    const gaps = days.map((d, i) => d.day - (i === 0 ? 0 : days[i - 1]!.day));
    expect(gaps).toEqual([3, 4, 7]);
    expect(nextDunningStep(DEFAULT_DUNNING_POLICY, firstFailure, 4)).toEqual({ kind: 'final', action: 'cancel' });
    expect(nextDunningStep({ retryDays: [2], finalAction: 'suspend' }, firstFailure, 2)).toEqual({ kind: 'final', action: 'suspend' });
  });

  it('refuses schedules that are empty, unordered or out of range', () => {
    expect(validateDunningPolicy(DEFAULT_DUNNING_POLICY)).toBeNull();
    expect(validateDunningPolicy({ retryDays: [], finalAction: 'cancel' })).toMatch(/between 1 and 10/);
    expect(validateDunningPolicy({ retryDays: [3, 3], finalAction: 'cancel' })).toMatch(/retry 2/);
    expect(validateDunningPolicy({ retryDays: [0], finalAction: 'cancel' })).toMatch(/retry 1/);
  });
});
