import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canDelete, canTransition, isLocked, type LifecycleStatus, lifecycleStatuses, nextStatuses } from './lifecycle.ts';

describe('product lifecycle', () => {
  it.each([
    ['draft', 'test', true],
    ['draft', 'active', false],
    ['test', 'active', true],
    ['test', 'draft', true],
    ['active', 'frozen', true],
    ['active', 'draft', false],
    ['active', 'test', false],
    ['frozen', 'active', true],
    ['frozen', 'retired', true],
    ['retired', 'active', false],
    ['retired', 'draft', false],
  ] as [LifecycleStatus, LifecycleStatus, boolean][])('%s → %s allowed: %s', (from, to, expected) => {
    expect(canTransition(from, to)).toBe(expected);
  });

  it('never allows staying put, and retired is final', () => {
    for (const status of lifecycleStatuses) expect(canTransition(status, status)).toBe(false);
    expect(nextStatuses('retired')).toEqual([]);
  });

  it('reaches active only through test (every path from draft)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lifecycleStatuses), { maxLength: 12 }), (moves) => {
        let status: LifecycleStatus = 'draft';
        let passedTest = false;
        for (const move of moves) {
          if (!canTransition(status, move)) continue;
          status = move;
          if (status === 'test') passedTest = true;
          if (status === 'active') expect(passedTest).toBe(true);
        }
      }),
    );
  });

  it('locks active and frozen products while a publication is live; deletes only unpublished drafts', () => {
    expect(isLocked('active', true)).toBe(true);
    expect(isLocked('frozen', true)).toBe(true);
    expect(isLocked('active', false)).toBe(false);
    expect(isLocked('draft', true)).toBe(false);
    expect(canDelete('draft', false)).toBe(true);
    expect(canDelete('draft', true)).toBe(false);
    expect(canDelete('active', false)).toBe(false);
  });
});
