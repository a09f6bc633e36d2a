import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidSiren,
  isValidSiret,
  luhnCheckDigit,
  luhnChecksumIsValid,
  normaliseDigits,
  sirenOfSiret,
} from './french-company-ids.ts';

/** Digits of a given length, as a string. */
const digitString = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((ds) => ds.join(''));

/** A Luhn-valid SIREN built by computing its check digit (never La Poste, never all zeros). */
const validSiren = digitString(8)
  .map((payload) => payload + luhnCheckDigit(payload))
  .filter((siren) => siren !== '000000000' && siren !== '356000000');

const validSiret = fc
  .tuple(validSiren, digitString(4))
  .map(([siren, nic]) => siren + nic + luhnCheckDigit(siren + nic));

/** Every string obtained by replacing one digit with a different one. */
function singleDigitChanges(digits: string): string[] {
  const variants: string[] = [];
  for (let i = 0; i < digits.length; i++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) !== digits[i]) variants.push(digits.slice(0, i) + d + digits.slice(i + 1));
    }
  }
  return variants;
}

describe('Luhn', () => {
  it('computes the check digit of the textbook example 7992739871 → 3', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3');
    expect(luhnChecksumIsValid('79927398713')).toBe(true);
    expect(luhnChecksumIsValid('79927398710')).toBe(false);
  });

  it('rejects non-digits', () => {
    expect(luhnChecksumIsValid('')).toBe(false);
    expect(luhnChecksumIsValid('0a')).toBe(false);
  });
});

describe('SIREN', () => {
  // Each of these was checked with an independent Luhn computation; they are
  // published examples (python-stdnum documentation and test data, data.gouv.fr
  // csv-detective) or figure in the brief.
  it.each([
    '732829320',
    '404833048',
    '552008443',
    '443121975',
    '552100554',
    '800397291',
    '350792008',
    '820043784',
    '356000000',
  ])('accepts %s', (siren) => {
    expect(isValidSiren(siren)).toBe(true);
  });

  it('accepts the usual spaced forms, including non-breaking spaces', () => {
    expect(isValidSiren('732 829 320')).toBe(true);
    expect(isValidSiren('732\u00a0829\u00a0320')).toBe(true);
    expect(isValidSiren('732\u202f829\u202f320')).toBe(true);
    expect(isValidSiren(' 732829320 ')).toBe(true);
  });

  it.each([
    ['wrong check digit', '404833047'],
    ['wrong check digit', '732829321'],
    ['too short', '73282932'],
    ['too long', '7328293200'],
    ['letters', '73282932O'],
    ['other separators', '732.829.320'],
    ['empty', ''],
    ['all zeros (Luhn-valid, never attributed)', '000000000'],
  ])('rejects %s: %s', (_why, siren) => {
    expect(isValidSiren(siren)).toBe(false);
  });

  it('accepts every number built with its Luhn check digit', () => {
    fc.assert(fc.property(validSiren, (siren) => isValidSiren(siren)));
  });

  it('rejects every single-digit change of a valid number', () => {
    fc.assert(
      fc.property(validSiren, (siren) => singleDigitChanges(siren).every((variant) => !isValidSiren(variant))),
    );
  });
});

describe('SIRET', () => {
  it.each([
    '73282932000074',
    '44126652500019',
    '79068156300017',
    '380 321 430 00023',
    '652 059 213 00023',
  ])('accepts %s', (siret) => {
    expect(isValidSiret(siret)).toBe(true);
  });

  it.each([
    ['wrong check digit', '73282932000079'],
    ['13 digits', '7328293200007'],
    ['15 digits', '732829320000740'],
    ['letters', '7328293200007A'],
  ])('rejects %s: %s', (_why, siret) => {
    expect(isValidSiret(siret)).toBe(false);
  });

  it('rejects a Luhn-valid SIRET whose SIREN is not valid', () => {
    expect(isValidSiren('123456781')).toBe(false);
    const payload = '1234567810000';
    const siret = payload + luhnCheckDigit(payload);
    expect(luhnChecksumIsValid(siret)).toBe(true);
    expect(isValidSiret(siret)).toBe(false);
  });

  describe('La Poste (SIREN 356 000 000): digit sum multiple of 5', () => {
    it.each(['356 000 000 09075', '35600000049837'])('accepts %s (not Luhn-valid)', (siret) => {
      expect(luhnChecksumIsValid(normaliseDigits(siret))).toBe(false);
      expect(isValidSiret(siret)).toBe(true);
    });

    it('accepts the head office 356 000 000 00048, numbered with Luhn', () => {
      expect(isValidSiret('35600000000048')).toBe(true);
    });

    it('rejects a digit sum that is not a multiple of 5', () => {
      expect(isValidSiret('35600000049838')).toBe(false);
    });

    it('follows the digit-sum rule for every NIC', () => {
      fc.assert(
        fc.property(digitString(5), (nic) => {
          const siret = `356000000${nic}`;
          fc.pre(siret !== '35600000000048');
          const sum = [...siret].reduce((total, d) => total + Number(d), 0);
          return isValidSiret(siret) === (sum % 5 === 0);
        }),
      );
    });
  });

  it('accepts every SIRET built from a valid SIREN and a Luhn check digit', () => {
    fc.assert(fc.property(validSiret, (siret) => isValidSiret(siret)));
  });

  it('rejects every single-digit change of a valid SIRET', () => {
    fc.assert(
      fc.property(validSiret, (siret) => singleDigitChanges(siret).every((variant) => !isValidSiret(variant))),
    );
  });

  it('gives the SIREN of a SIRET', () => {
    expect(sirenOfSiret('732 829 320 00074')).toBe('732829320');
    expect(() => sirenOfSiret('732829320')).toThrow(RangeError);
    fc.assert(fc.property(validSiret, (siret) => isValidSiren(sirenOfSiret(siret))));
  });
});
