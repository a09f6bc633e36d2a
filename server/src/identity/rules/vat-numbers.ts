/**
 * VAT numbers of the two countries Comptoir invoices in.
 *
 * France — numéro de TVA intracommunautaire: "FR" + 2-digit key + SIREN, where
 * key = (12 + 3 × (SIREN mod 97)) mod 97 (DGFiP; the same as
 * (SIREN × 100 + 12) mod 97 since 100 ≡ 3 mod 97). Businesses in Monaco have a
 * French VAT number whose "SIREN" part starts with 000 and is not a SIREN
 * (no Luhn key); only the VAT key applies to them. Newer alphanumeric keys
 * (e.g. FR K7 …) are not supported here and are reported as a format error.
 *
 * Switzerland — UID/IDE (Unternehmens-Identifikationsnummer, OFS/BFS, used by
 * the AFC/ESTV as the VAT number): "CHE" + 9 digits, the 9th a mod-11 check
 * digit with weights 5,4,3,2,7,6,5,4 (check = 11 − sum mod 11; 11 → 0; 10 is
 * never attributed). As a VAT number it is followed by MWST, TVA or IVA (and,
 * rarely, TPV in Romansh).
 */
import { isValidSiren, normaliseDigits } from './french-company-ids.ts';

export type VatCountry = 'FR' | 'CH';
export type VatValidation = { ok: true; normalised: string } | { ok: false; reason: string };

const SWISS_UID_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4] as const;
const SWISS_VAT_SUFFIXES = ['MWST', 'TVA', 'IVA', 'TPV'] as const;
type SwissVatSuffix = (typeof SWISS_VAT_SUFFIXES)[number];

/** The two-digit French VAT key of a 9-digit SIREN (no SIREN validation). */
export function frenchVatKey(siren: string): string {
  if (!/^\d{9}$/.test(siren)) throw new RangeError('a SIREN has 9 digits');
  return String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0');
}

/** "FR" + key + SIREN, compact (e.g. FR40303265045). Throws on an invalid SIREN. */
export function frenchVatFromSiren(siren: string): string {
  const digits = normaliseDigits(siren);
  if (!isValidSiren(digits)) throw new RangeError('invalid SIREN');
  return `FR${frenchVatKey(digits)}${digits}`;
}

export function isValidFrenchVat(input: string): boolean {
  return validateFrenchVat(input).ok;
}

/** The UID check digit for 8 digits, or null when it would be 10 (such UIDs are never issued). */
export function swissUidCheckDigit(firstEight: string): string | null {
  if (!/^\d{8}$/.test(firstEight)) throw new RangeError('expected 8 digits');
  let sum = 0;
  SWISS_UID_WEIGHTS.forEach((weight, i) => {
    sum += weight * Number(firstEight[i]);
  });
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  return String(check === 11 ? 0 : check);
}

export function isValidSwissUid(input: string): boolean {
  return validateSwissUid(input).ok;
}

/** 'CHE-123.456.789' from 9 digits (a leading CHE and separators are tolerated). */
export function formatSwissUid(digits: string): string {
  const compact = compactSwiss(digits).replace(/^CHE/, '');
  if (!/^\d{9}$/.test(compact)) throw new RangeError('a Swiss UID has 9 digits');
  return `CHE-${compact.slice(0, 3)}.${compact.slice(3, 6)}.${compact.slice(6)}`;
}

export function validateVatNumber(input: string, country: VatCountry): VatValidation {
  if (input.trim() === '') return { ok: false, reason: 'numéro de TVA manquant' };
  return country === 'FR' ? validateFrenchVat(input) : validateSwissUid(input);
}

function validateFrenchVat(input: string): VatValidation {
  const compact = input.replace(/[\s.-]/gu, '').toUpperCase();
  const match = /^FR(\d{2})(\d{9})$/.exec(compact);
  if (!match) {
    return { ok: false, reason: 'format de TVA incorrect : attendu FR suivi de 2 chiffres de clé et du SIREN' };
  }
  const key = match[1]!;
  const siren = match[2]!;
  const isMonaco = siren.startsWith('000') && siren !== '000000000';
  if (!isMonaco && !isValidSiren(siren)) return { ok: false, reason: 'SIREN invalide' };
  if (key !== frenchVatKey(siren)) return { ok: false, reason: 'clé de TVA incorrecte' };
  return { ok: true, normalised: compact };
}

function validateSwissUid(input: string): VatValidation {
  const match = /^CHE(\d{9})(MWST|TVA|IVA|TPV)?$/.exec(compactSwiss(input));
  if (!match) {
    return {
      ok: false,
      reason: 'format de numéro IDE incorrect : attendu CHE-123.456.789, suivi éventuellement de MWST, TVA ou IVA',
    };
  }
  const digits = match[1]!;
  const suffix = match[2] as SwissVatSuffix | undefined;
  if (swissUidCheckDigit(digits.slice(0, 8)) !== digits[8]) {
    return { ok: false, reason: 'chiffre de contrôle IDE incorrect' };
  }
  const formatted = formatSwissUid(digits);
  return { ok: true, normalised: suffix ? `${formatted} ${suffix}` : formatted };
}

function compactSwiss(input: string): string {
  return input.replace(/[\s.-]/gu, '').toUpperCase();
}
