import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  otpauthUrl,
  totpCode,
  totpStep,
  verifyTotp,
} from './totp.ts';

const ascii = (text: string) => Buffer.from(text, 'ascii');

describe('base32 (RFC 4648 §10 test vectors)', () => {
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'MY======'],
    ['fo', 'MZXQ===='],
    ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI======'],
  ];

  it.each(vectors)('encodes %j as %s', (text, encoded) => {
    expect(base32Encode(ascii(text), { padding: true })).toBe(encoded);
    expect(base32Encode(ascii(text))).toBe(encoded.replace(/=/g, ''));
  });

  it.each(vectors)('decodes %j from %s, padded or not', (text, encoded) => {
    expect(base32Decode(encoded).toString('ascii')).toBe(text);
    expect(base32Decode(encoded.replace(/=/g, '')).toString('ascii')).toBe(text);
  });

  it('ignores case and spaces', () => {
    expect(base32Decode('mzxw 6ytb oi').toString('ascii')).toBe('foobar');
  });

  it('rejects characters outside the alphabet and impossible lengths', () => {
    expect(() => base32Decode('MZXW6YT1')).toThrow(RangeError); // 1 is not base32
    expect(() => base32Decode('MZXW0YTB')).toThrow(RangeError); // nor 0
    expect(() => base32Decode('M')).toThrow(RangeError);
    expect(() => base32Decode('MZX')).toThrow(RangeError);
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const encoded = base32Encode(bytes);
        return (
          /^[A-Z2-7]*$/.test(encoded) &&
          encoded.length === Math.ceil((bytes.length * 8) / 5) &&
          base32Decode(encoded).equals(Buffer.from(bytes))
        );
      }),
    );
  });
});

describe('TOTP codes', () => {
  const sha1Secret = base32Encode(ascii('12345678901234567890'));
  const sha256Secret = base32Encode(ascii('12345678901234567890123456789012'));
  const sha512Secret = base32Encode(ascii('1234567890123456789012345678901234567890123456789012345678901234'));

  it('encodes the RFC seed as the well-known secret', () => {
    expect(sha1Secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  // RFC 6238 Appendix B (8 digits, step 30, T0 = 0).
  it.each([
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ])('matches RFC 6238 Appendix B at %i s', (seconds, sha1, sha256, sha512) => {
    const timeMs = seconds * 1000;
    expect(totpCode(sha1Secret, timeMs, { digits: 8 })).toBe(sha1);
    expect(totpCode(sha256Secret, timeMs, { digits: 8, algorithm: 'sha256' })).toBe(sha256);
    expect(totpCode(sha512Secret, timeMs, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
  });

  // RFC 4226 Appendix D: HOTP values for counters 0–9; TOTP at counter × 30 s is HOTP(counter).
  it.each([
    [0, '755224'],
    [1, '287082'],
    [2, '359152'],
    [3, '969429'],
    [4, '338314'],
    [5, '254676'],
    [6, '287922'],
    [7, '162583'],
    [8, '399871'],
    [9, '520489'],
  ])('matches RFC 4226 Appendix D for counter %i (6 digits, the default)', (counter, code) => {
    expect(totpCode(sha1Secret, counter * 30_000)).toBe(code);
    expect(totpCode(sha1Secret, counter * 30_000 + 29_999)).toBe(code);
  });

  it('refuses secrets shorter than 128 bits and unsupported digit counts', () => {
    expect(() => totpCode(base32Encode(ascii('123456789012345')), 0)).toThrow(RangeError);
    expect(() => totpCode('', 0)).toThrow(RangeError);
    expect(() => totpCode(sha1Secret, 0, { digits: 5 })).toThrow(RangeError);
  });
});

describe('verifyTotp', () => {
  const secret = base32Encode(ascii('12345678901234567890'));
  // 1111111109 s falls in step 37037036 (0x23523EC in the RFC table).
  const now = 1111111109 * 1000;
  const current = 37037036;
  const codeAt = (step: number) => totpCode(secret, step * 30_000);

  it('accepts the current code and returns its step', () => {
    expect(totpStep(now)).toBe(current);
    expect(verifyTotp(secret, '081804', now)).toEqual({ ok: true, step: current });
  });

  it('accepts one step before and after by default, not two', () => {
    expect(verifyTotp(secret, codeAt(current - 1), now)).toEqual({ ok: true, step: current - 1 });
    expect(verifyTotp(secret, codeAt(current + 1), now)).toEqual({ ok: true, step: current + 1 });
    expect(verifyTotp(secret, codeAt(current - 2), now)).toEqual({ ok: false });
    expect(verifyTotp(secret, codeAt(current + 2), now)).toEqual({ ok: false });
  });

  it('honours the window option', () => {
    expect(verifyTotp(secret, codeAt(current - 1), now, { window: 0 })).toEqual({ ok: false });
    expect(verifyTotp(secret, codeAt(current - 2), now, { window: 2 })).toEqual({ ok: true, step: current - 2 });
  });

  it('refuses a replayed code (its step is not after the last used one)', () => {
    expect(verifyTotp(secret, codeAt(current), now, { lastUsedStep: current })).toEqual({ ok: false });
    expect(verifyTotp(secret, codeAt(current - 1), now, { lastUsedStep: current - 1 })).toEqual({ ok: false });
    expect(verifyTotp(secret, codeAt(current - 1), now, { lastUsedStep: current })).toEqual({ ok: false });
    expect(verifyTotp(secret, codeAt(current), now, { lastUsedStep: current - 1 })).toEqual({
      ok: true,
      step: current,
    });
  });

  it.each(['', '81804', '0081804', ' 081804', '081 804', '08180a', '０８１８０４', '+81804'])(
    'refuses %j (not exactly 6 ASCII digits)',
    (code) => {
      expect(verifyTotp(secret, code, now)).toEqual({ ok: false });
    },
  );

  it('refuses a wrong code', () => {
    const wrong = String((Number(codeAt(current)) + 1) % 1_000_000).padStart(6, '0');
    expect([current - 1, current, current + 1].map(codeAt)).not.toContain(wrong);
    expect(verifyTotp(secret, wrong, now)).toEqual({ ok: false });
  });

  it('accepts, for any secret and time, the code it generates', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 64 }), fc.integer({ min: 0, max: 4e12 }), (bytes, t) => {
        const s = base32Encode(bytes);
        const code = totpCode(s, t);
        const result = verifyTotp(s, code, t, { window: 0 });
        return /^\d{6}$/.test(code) && result.ok && result.step === totpStep(t);
      }),
    );
  });
});

describe('generateTotpSecret', () => {
  it('makes 20 random bytes by default, in unpadded base32', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(secret);
    expect(base32Decode(generateTotpSecret(32))).toHaveLength(32);
  });

  it('refuses fewer than 16 bytes', () => {
    expect(() => generateTotpSecret(10)).toThrow(RangeError);
  });
});

describe('otpauthUrl', () => {
  it('builds the Key URI format', () => {
    expect(otpauthUrl({ secret: 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq', accountName: 'alice@example.com', issuer: 'Comptoir' })).toBe(
      'otpauth://totp/Comptoir:alice%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Comptoir&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('percent-encodes spaces, colons and non-ASCII, and parses back', () => {
    const issuer = 'Comptoir Démo: Genève & Co';
    const accountName = 'zoé+2fa@exemple.fr';
    const url = otpauthUrl({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', accountName, issuer });
    expect(url).toContain('otpauth://totp/Comptoir%20D%C3%A9mo%3A%20Gen%C3%A8ve%20%26%20Co:zo%C3%A9%2B2fa%40exemple.fr?');
    expect(url).not.toContain('+');
    const parsed = new URL(url);
    expect(parsed.searchParams.get('issuer')).toBe(issuer);
    expect(parsed.protocol).toBe('otpauth:');
    const label = url.slice('otpauth://totp/'.length, url.indexOf('?'));
    const [encodedIssuer, encodedAccount, ...rest] = label.split(':');
    expect(rest).toEqual([]);
    expect(decodeURIComponent(encodedIssuer!)).toBe(issuer);
    expect(decodeURIComponent(encodedAccount!)).toBe(accountName);
  });
});
