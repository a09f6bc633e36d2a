import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from './french-company-ids.ts';
import {
  formatSwissUid,
  frenchVatFromSiren,
  frenchVatKey,
  isValidFrenchVat,
  isValidSwissUid,
  swissUidCheckDigit,
  validateVatNumber,
} from './vat-numbers.ts';

const digitString = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((ds) => ds.join(''));

const validSiren = digitString(8)
  .map((payload) => payload + luhnCheckDigit(payload))
  .filter((siren) => siren !== '000000000');

/** A Swiss UID (9 digits) built by computing its check digit. */
const validSwissDigits = digitString(8)
  .map((firstEight) => [firstEight, swissUidCheckDigit(firstEight)] as const)
  .filter(([, check]) => check !== null)
  .map(([firstEight, check]) => firstEight + check);

describe('French VAT number', () => {
  // Keys verified by hand with (12 + 3 × (SIREN mod 97)) mod 97; the numbers
  // are the python-stdnum documentation examples.
  it.each([
    ['303265045', 'FR40303265045'],
    ['334175221', 'FR23334175221'],
    ['732829320', 'FR44732829320'],
    ['443121975', 'FR46443121975'],
  ])('derives the number of SIREN %s: %s', (siren, vat) => {
    expect(frenchVatFromSiren(siren)).toBe(vat);
    expect(isValidFrenchVat(vat)).toBe(true);
  });

  it('pads a key below 10 with a zero', () => {
    // 100003441 is Luhn-valid and ≡ 30 (mod 97): (12 + 3 × 30) mod 97 = 5.
    expect(frenchVatKey('100003441')).toBe('05');
    expect(frenchVatFromSiren('100 003 441')).toBe('FR05100003441');
  });

  it('accepts spaces, dots, hyphens and lower case', () => {
    expect(isValidFrenchVat('Fr 40 303 265 045')).toBe(true);
    expect(isValidFrenchVat('fr40-303.265.045')).toBe(true);
  });

  it('accepts a Monaco number (no SIREN behind it, key only)', () => {
    expect(isValidFrenchVat('FR 53 0000 04605')).toBe(true);
    expect(isValidFrenchVat('FR 54 0000 04605')).toBe(false);
  });

  it.each([
    ['wrong key', 'FR41303265045'],
    ['invalid SIREN', 'FR84323140391'],
    ['no country code', '40303265045'],
    ['other country', 'DE40303265045'],
    ['alphanumeric key (not supported)', 'FRK7399859412'],
    ['short', 'FR4030326504'],
    ['all zeros', 'FR12000000000'],
  ])('rejects %s: %s', (_why, vat) => {
    expect(isValidFrenchVat(vat)).toBe(false);
  });

  it('refuses to derive a number from an invalid SIREN', () => {
    expect(() => frenchVatFromSiren('303265046')).toThrow(RangeError);
  });

  it('accepts the derived number of every valid SIREN, and no other key', () => {
    fc.assert(
      fc.property(validSiren, fc.integer({ min: 0, max: 99 }), (siren, key) => {
        const vat = frenchVatFromSiren(siren);
        const otherKey = `FR${String(key).padStart(2, '0')}${siren}`;
        return isValidFrenchVat(vat) && isValidFrenchVat(otherKey) === (otherKey === vat);
      }),
    );
  });
});

describe('Swiss UID / VAT number', () => {
  it.each([
    'CHE-116.281.710',
    'CHE-100.155.212',
    'CHE-107.787.577',
    'CHE-113.690.319',
    'CHE-110.576.236',
  ])('accepts %s (check digit recomputed)', (uid) => {
    expect(isValidSwissUid(uid)).toBe(true);
  });

  it('computes the check digits, 11 becoming 0', () => {
    // 1·5+1·4+6·3+2·2+8·7+1·6+7·5+1·4 = 132 ≡ 0 (mod 11) → 11 → 0
    expect(swissUidCheckDigit('11628171')).toBe('0');
    expect(swissUidCheckDigit('10015521')).toBe('2');
    expect(swissUidCheckDigit('10778757')).toBe('7');
  });

  it('has no valid number when the check digit would be 10', () => {
    // 0·5 + 1·4 + 0 + 0 + 0 + 0 + 0 + 2·4 = 12 ≡ 1 (mod 11) → 11 − 1 = 10
    expect(swissUidCheckDigit('01000002')).toBeNull();
    for (let last = 0; last <= 9; last++) {
      expect(isValidSwissUid(`CHE01000002${last}`)).toBe(false);
    }
  });

  it('accepts the forms people type', () => {
    for (const form of [
      'CHE-116.281.710',
      'CHE116281710',
      'che-116.281.710',
      'CHE 116 281 710',
      'CHE-116.281.710 MWST',
      'CHE-116.281.710 TVA',
      'CHE-116.281.710 IVA',
      'CHE116281710MWST',
      'CHE-116.281.710 mwst',
    ]) {
      expect(isValidSwissUid(form), form).toBe(true);
    }
  });

  it.each([
    ['wrong check digit', 'CHE-116.281.711'],
    ['wrong check digit', 'CHE-107.787.578 IVA'],
    ['no CHE prefix', '116.281.710'],
    ['old 6-digit format', 'CHE-123.456'],
    ['unknown suffix', 'CHE-116.281.710 VAT'],
    ['letters', 'CHE-10A.787.577'],
  ])('rejects %s: %s', (_why, uid) => {
    expect(isValidSwissUid(uid)).toBe(false);
  });

  it('formats 9 digits', () => {
    expect(formatSwissUid('116281710')).toBe('CHE-116.281.710');
    expect(formatSwissUid('CHE116281710')).toBe('CHE-116.281.710');
    expect(() => formatSwissUid('11628171')).toThrow(RangeError);
  });

  it('accepts every computed UID and rejects every single-digit change of it', () => {
    fc.assert(
      fc.property(validSwissDigits, fc.nat(8), fc.integer({ min: 1, max: 9 }), (digits, position, delta) => {
        const changed =
          digits.slice(0, position) + ((Number(digits[position]) + delta) % 10) + digits.slice(position + 1);
        return isValidSwissUid(`CHE${digits}`) && !isValidSwissUid(`CHE${changed}`);
      }),
    );
  });
});

describe('validateVatNumber', () => {
  it('normalises a French number', () => {
    expect(validateVatNumber('fr 40 303 265 045', 'FR')).toEqual({ ok: true, normalised: 'FR40303265045' });
  });

  it('normalises a Swiss number, keeping the language suffix', () => {
    expect(validateVatNumber('che116281710tva', 'CH')).toEqual({ ok: true, normalised: 'CHE-116.281.710 TVA' });
    expect(validateVatNumber('CHE 116 281 710', 'CH')).toEqual({ ok: true, normalised: 'CHE-116.281.710' });
  });

  it('explains in French what is wrong', () => {
    expect(validateVatNumber('FR41303265045', 'FR')).toEqual({ ok: false, reason: 'clé de TVA incorrecte' });
    expect(validateVatNumber('FR40303265046', 'FR')).toEqual({ ok: false, reason: 'SIREN invalide' });
    expect(validateVatNumber('  ', 'FR')).toEqual({ ok: false, reason: 'numéro de TVA manquant' });
    expect(validateVatNumber('CHE-116.281.711', 'CH')).toEqual({
      ok: false,
      reason: 'chiffre de contrôle IDE incorrect',
    });
    const wrongFormat = validateVatNumber('CHE-116.281.710', 'FR');
    expect(wrongFormat.ok).toBe(false);
    if (!wrongFormat.ok) expect(wrongFormat.reason).toMatch(/^format de TVA incorrect/);
  });

  it('does not accept a number of the other country', () => {
    expect(validateVatNumber('FR40303265045', 'CH').ok).toBe(false);
    expect(validateVatNumber('CHE-116.281.710 MWST', 'FR').ok).toBe(false);
  });
});
