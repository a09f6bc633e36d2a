import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256OfJson } from './evidence-hash.ts';
import { checkOtp, generateOtp, hashOtp, OTP_RULES } from './otp.ts';
import { canSign, effectiveStatus, expiryFrom } from './request-status.ts';
import { STROKE_LIMITS, strokesToSvgPath, validateStrokes } from './strokes.ts';
import type { StoredSignatureStatus } from '../schema.ts';
import { monthlyEquivalent, frenchDate } from '../../documents/templates/winwin-mandate.ts';

const now = new Date('2026-11-24T10:00:00Z');
const stroke = (n: number, w = 300, h = 100) => Array.from({ length: n }, (_, i) => ({ x: (i * w) / n, y: (i % 2) * (h - 1), t: i * 10 }));

describe('request status', () => {
  it('a request past its expiry is expired unless signed or cancelled', () => {
    const past = new Date(now.getTime() - 1);
    const future = new Date(now.getTime() + 1);
    expect(effectiveStatus({ status: 'sent', expiresAt: past }, now)).toBe('expired');
    expect(effectiveStatus({ status: 'viewed', expiresAt: now }, now)).toBe('expired');
    expect(effectiveStatus({ status: 'viewed', expiresAt: future }, now)).toBe('viewed');
    expect(effectiveStatus({ status: 'signed', expiresAt: past }, now)).toBe('signed');
    expect(effectiveStatus({ status: 'cancelled', expiresAt: future }, now)).toBe('cancelled');
  });

  it('only an open, unexpired request can be signed (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom<StoredSignatureStatus>('sent', 'viewed', 'signed', 'cancelled'), fc.integer({ min: -1e9, max: 1e9 }), (status, delta) => {
        const result = canSign({ status, expiresAt: new Date(now.getTime() + delta) }, now);
        expect(result.ok).toBe((status === 'sent' || status === 'viewed') && delta > 0);
        if (!result.ok) expect(result.reason).toBe(status === 'signed' ? 'signed' : status === 'cancelled' ? 'cancelled' : 'expired');
      }),
    );
  });

  it('expiry is whole days after creation', () => {
    expect(expiryFrom(now, 30).toISOString()).toBe('2026-12-24T10:00:00.000Z');
  });
});

describe('strokes', () => {
  it('accepts a real signature and refuses empty, dot-sized, off-canvas or oversized ones', () => {
    expect(validateStrokes({ width: 300, height: 100, pointerType: 'mouse', strokes: [stroke(20)] })).toEqual({ ok: true, pointCount: 20 });
    expect(validateStrokes({ width: 300, height: 100, pointerType: 'mouse', strokes: [] }).ok).toBe(false);
    expect(validateStrokes({ width: 300, height: 100, pointerType: 'mouse', strokes: [[]] }).ok).toBe(false);
    expect(validateStrokes({ width: 300, height: 100, pointerType: 'mouse', strokes: [[{ x: 5, y: 5, t: 0 }, { x: 6, y: 5, t: 1 }, { x: 7, y: 6, t: 2 }, { x: 6, y: 6, t: 3 }, { x: 5, y: 6, t: 4 }]] }).ok).toBe(false);
    expect(validateStrokes({ width: 300, height: 100, pointerType: 'mouse', strokes: [[...stroke(10), { x: 301, y: 5, t: 200 }]] }).ok).toBe(false);
    expect(validateStrokes({ width: 300, height: 100, pointerType: 'mouse', strokes: [[...stroke(10), { x: Number.NaN, y: 5, t: 200 }]] }).ok).toBe(false);
    expect(validateStrokes({ width: 0, height: 100, pointerType: 'mouse', strokes: [stroke(10)] }).ok).toBe(false);
    const many = Array.from({ length: 6 }, () => stroke(STROKE_LIMITS.maxPointsPerStroke));
    expect(validateStrokes({ width: 300, height: 100, pointerType: 'mouse', strokes: many }).ok).toBe(false);
  });

  it('a dot on the right edge of a drawing is drawn inwards, inside the box', () => {
    const input = { width: 500, height: 200, pointerType: 'pen', strokes: [[{ x: 10, y: 0, t: 0 }], [0, 1, 2, 3].map((t) => ({ x: 0, y: 0, t }))] };
    expect(validateStrokes(input).ok).toBe(true);
    expect(strokesToSvgPath(input, 20, 20)).toBe('M 20 9 L 19.5 9 M 0 9 L 0 9 L 0 9 L 0 9');
  });

  it('any accepted drawing stays inside its box once scaled (property)', () => {
    const point = fc.record({ x: fc.double({ min: 0, max: 500, noNaN: true }), y: fc.double({ min: 0, max: 200, noNaN: true }), t: fc.nat() });
    fc.assert(
      fc.property(fc.array(fc.array(point, { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 20, max: 300 }), fc.integer({ min: 20, max: 120 }), (strokes, bw, bh) => {
        const input = { width: 500, height: 200, pointerType: 'pen', strokes };
        if (!validateStrokes(input).ok) return;
        const numbers = strokesToSvgPath(input, bw, bh)
          .split(/[ML ]+/)
          .filter(Boolean)
          .map(Number);
        for (let i = 0; i < numbers.length; i += 2) {
          expect(numbers[i]!).toBeGreaterThanOrEqual(-0.01);
          expect(numbers[i]!).toBeLessThanOrEqual(bw + 0.01);
          expect(numbers[i + 1]!).toBeGreaterThanOrEqual(-0.01);
          expect(numbers[i + 1]!).toBeLessThanOrEqual(bh + 0.01);
        }
        expect(strokesToSvgPath(input, bw, bh).match(/M/g)!.length).toBe(strokes.length);
      }),
    );
  });
});

describe('evidence hash', () => {
  it('ignores key order and undefined fields, and changes with any value (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer(), fc.boolean())), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(sha256OfJson(record)).toBe(sha256OfJson({ ...reversed, missing: undefined }));
        expect(sha256OfJson({ ...record, extra: 'x'.repeat(3) })).not.toBe(sha256OfJson({ ...record, extra: 'x'.repeat(2) }));
      }),
    );
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: new Date('2026-01-01T00:00:00Z') }] })).toBe('{"a":[{"c":"2026-01-01T00:00:00.000Z","d":2}],"b":1}');
  });
});

describe('one-time code', () => {
  const requestId = '0192b1d0-0000-7000-8000-000000000001';
  it('six digits, checked in constant time, expires, and locks after too many attempts', () => {
    const code = generateOtp();
    expect(code).toMatch(/^\d{6}$/);
    const state = { requestId, otpHash: hashOtp(requestId, code), otpExpiresAt: new Date(now.getTime() + 60_000), otpAttempts: 0 };
    expect(checkOtp(state, code, now)).toEqual({ ok: true });
    const wrong = String((Number(code) + 1) % 1e6).padStart(6, '0');
    expect(checkOtp(state, wrong, now)).toMatchObject({ ok: false, reason: 'wrong', attemptsLeft: OTP_RULES.maxAttempts - 1 });
    expect(checkOtp(state, 'abcdef', now)).toMatchObject({ ok: false, reason: 'wrong' });
    expect(checkOtp({ ...state, otpAttempts: OTP_RULES.maxAttempts }, code, now)).toMatchObject({ ok: false, reason: 'locked' });
    expect(checkOtp(state, code, new Date(now.getTime() + 60_000))).toMatchObject({ ok: false, reason: 'expired' });
    expect(checkOtp({ ...state, otpHash: null }, code, now)).toMatchObject({ ok: false, reason: 'none' });
    // The hash is bound to the request: the same code for another request does not match.
    expect(checkOtp({ ...state, otpHash: hashOtp('0192b1d0-0000-7000-8000-000000000002', code) }, code, now).ok).toBe(false);
  });
});

describe('winwin mandate figures', () => {
  it('the monthly equivalent is the annual price / 12 rounded half up to the centime (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (annual) => {
        const monthly = monthlyEquivalent(annual);
        expect(Math.abs(monthly * 12 - annual)).toBeLessThanOrEqual(6);
        expect(monthly).toBe(Math.round(annual / 12));
      }),
    );
    expect(monthlyEquivalent(18_500)).toBe(1542);
    expect(frenchDate('2026-12-01')).toBe('1er décembre 2026');
    expect(frenchDate('2027-03-15')).toBe('15 mars 2027');
  });
});

describe('file names', () => {
  it('keeps names ASCII and header-safe', async () => {
    const { safeFilename } = await import('../create-signature-request.ts');
    expect(safeFilename('charte qualité.pdf')).toBe('charte-qualite.pdf');
    expect(safeFilename('../../etc/passwd')).toBe('etc-passwd.pdf');
    expect(safeFilename('"; x=1')).toBe('x-1.pdf');
    expect(safeFilename('')).toBe('document.pdf');
  });
});
