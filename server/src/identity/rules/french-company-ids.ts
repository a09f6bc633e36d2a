/**
 * French company identifiers from the INSEE Sirene register.
 *
 * - SIREN: 9 digits identifying a legal unit (entreprise); the last digit is a
 *   Luhn check digit.
 * - SIRET: 14 digits = SIREN + 5-digit NIC identifying an establishment; the
 *   whole 14 digits carry a Luhn check digit.
 *   Exception documented by INSEE for La Poste (SIREN 356 000 000): it has more
 *   establishments than a Luhn-keyed NIC can number, so its SIRETs are only
 *   required to have a digit sum that is a multiple of 5 — except its head
 *   office, 356 000 000 00048, which was numbered before the exception and is
 *   Luhn-valid (same rule as python-stdnum `stdnum.fr.siret`).
 */

const LA_POSTE_SIREN = '356000000';
const LA_POSTE_HEAD_OFFICE_SIRET = '35600000000048';

/**
 * Removes the spaces people type or paste ("732 829 320", with ordinary,
 * non-breaking or narrow non-breaking spaces as French typography uses).
 * Anything else is kept, so that letters make the number invalid rather than
 * disappear.
 */
export function normaliseDigits(input: string): string {
  return input.replace(/\s/gu, '');
}

/** Luhn (ISO/IEC 7812-1 mod 10): from the right, every second digit doubled. */
export function luhnChecksumIsValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The digit that, appended to `payload`, makes it Luhn-valid. */
export function luhnCheckDigit(payload: string): string {
  for (let candidate = 0; candidate <= 9; candidate++) {
    if (luhnChecksumIsValid(payload + candidate)) return String(candidate);
  }
  throw new RangeError('payload must contain digits only');
}

export function isValidSiren(input: string): boolean {
  const digits = normaliseDigits(input);
  if (!/^\d{9}$/.test(digits)) return false;
  // 000 000 000 passes Luhn (sum 0) but is never attributed; it is what a
  // user types to get past a required field.
  if (digits === '000000000') return false;
  return luhnChecksumIsValid(digits);
}

export function isValidSiret(input: string): boolean {
  const digits = normaliseDigits(input);
  if (!/^\d{14}$/.test(digits)) return false;
  if (!isValidSiren(digits.slice(0, 9))) return false;
  if (digits.startsWith(LA_POSTE_SIREN) && digits !== LA_POSTE_HEAD_OFFICE_SIRET) {
    return digitSum(digits) % 5 === 0;
  }
  return luhnChecksumIsValid(digits);
}

/** The SIREN (first 9 digits) of a well-formed SIRET; throws otherwise. */
export function sirenOfSiret(siret: string): string {
  const digits = normaliseDigits(siret);
  if (!/^\d{14}$/.test(digits)) throw new RangeError('a SIRET has 14 digits');
  return digits.slice(0, 9);
}

function digitSum(digits: string): number {
  let sum = 0;
  for (const digit of digits) sum += Number(digit);
  return sum;
}
