import { describe, expect, it } from 'vitest';
import { decideOrderKind, formatOrderNumber } from './order-kind.ts';

describe('order kind', () => {
  it.each([
    [['one_time'], { kind: 'one_off' }],
    [['one_time', 'one_time'], { kind: 'one_off' }],
    [['yearly'], { kind: 'subscription', interval: 'year', intervalCount: 1 }],
    [['monthly', 'monthly'], { kind: 'subscription', interval: 'month', intervalCount: 1 }],
    [['every 3 months'], { kind: 'subscription', interval: 'month', intervalCount: 3 }],
  ])('%j → %j', (recurrences, expected) => {
    expect(decideOrderKind(recurrences.map((recurrence) => ({ recurrence })))).toEqual(expected);
  });

  it('refuses mixed cycles and weekly cycles with a reason', () => {
    expect(decideOrderKind([{ recurrence: 'one_time' }, { recurrence: 'monthly' }]).kind).toBe('refused');
    expect(decideOrderKind([{ recurrence: 'weekly' }]).kind).toBe('refused');
  });

  it('numbers orders per year on six digits', () => {
    expect(formatOrderNumber(2026, 42)).toBe('CMD-2026-000042');
  });
});
