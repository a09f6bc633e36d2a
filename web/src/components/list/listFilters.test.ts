import { describe, expect, it } from 'vitest';
import { completeDay, filtersDiffer, pageCount } from './listFilters.ts';

describe('list filters', () => {
  it('are active when any value differs from where it started', () => {
    const initial = { q: '', status: null as string | null, kind: 'all' };
    expect(filtersDiffer(initial, initial)).toBe(false);
    expect(filtersDiffer({ ...initial }, initial)).toBe(false);
    expect(filtersDiffer({ ...initial, status: 'paid' }, initial)).toBe(true);
    expect(filtersDiffer({ ...initial, kind: 'invoice' }, initial)).toBe(true);
    expect(filtersDiffer({ ...initial, q: ' ' }, initial)).toBe(true);
  });

  it('send a day only once it is complete', () => {
    expect(completeDay('2026-11-24')).toBe('2026-11-24');
    expect(completeDay('')).toBeUndefined();
    expect(completeDay('2026-11')).toBeUndefined();
    expect(completeDay('24/11/2026')).toBeUndefined();
  });

  it('count pages, at least one', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
    expect(pageCount(1000, 50)).toBe(20);
  });
});
