/**
 * Password rules after NIST SP 800-63B §3.1.1.2 (rev. 4 §5.1.1.2): a length
 * floor, a generous ceiling, a block-list of common, breached and
 * context-specific values — and deliberately no composition rules ("must
 * contain a digit…"), which the same guidance says not to impose because they
 * push people towards predictable patterns (Motdepasse1!) without adding
 * strength.
 *
 * Length counts Unicode code points, not UTF-16 units: "🔐" is one character
 * for the person typing it (NIST: each Unicode code point counts as one).
 */
import { COMMON_PASSWORDS } from './common-passwords.ts';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblemCode =
  | 'too_short'
  | 'too_long'
  | 'common'
  | 'same_as_email'
  | 'same_as_name'
  | 'repetitive'
  | 'sequential';
export interface PasswordProblem {
  code: PasswordProblemCode;
  message: string;
}
export type PasswordPolicyResult = { ok: true } | { ok: false; problems: PasswordProblem[] };
export interface PasswordContext {
  email?: string;
  displayName?: string;
}

const MESSAGES: Record<PasswordProblemCode, string> = {
  too_short: `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`,
  too_long: `Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`,
  common: 'Ce mot de passe fait partie des plus courants ou des plus souvent divulgués ; choisissez-en un autre.',
  same_as_email: 'Le mot de passe ne doit pas reprendre votre adresse e-mail.',
  same_as_name: 'Le mot de passe ne doit pas reprendre votre nom.',
  repetitive: 'Le mot de passe ne doit pas répéter un même caractère ou un même motif court.',
  sequential: 'Le mot de passe ne doit pas être une simple suite (123456…, abcdef…, azerty…).',
};

/** Letter rows of the French (AZERTY), English (QWERTY) and Swiss-German (QWERTZ) keyboards, walked left to right. */
const KEYBOARD_WALKS = ['azertyuiopqsdfghjklmwxcvbn', 'qwertyuiopasdfghjklzxcvbnm', 'qwertzuiopasdfghjklyxcvbnm'];
const SHORTEST_KEYBOARD_WALK = 6;
const LONGEST_REPEATED_MOTIF = 4;

export function checkPasswordPolicy(password: string, context: PasswordContext = {}): PasswordPolicyResult {
  const codes: PasswordProblemCode[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) codes.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) codes.push('too_long');
  if (isCommon(password)) codes.push('common');
  if (context.email && resemblesEmail(password, context.email)) codes.push('same_as_email');
  if (context.displayName && resemblesName(password, context.displayName)) codes.push('same_as_name');
  if (isRepetitive(password)) codes.push('repetitive');
  if (isSequential(password)) codes.push('sequential');
  if (codes.length === 0) return { ok: true };
  return { ok: false, problems: codes.map((code) => ({ code, message: MESSAGES[code] })) };
}

/**
 * The forms under which a password is looked up: lower case, without
 * whitespace, reduced to letters and digits ("Mot-de-passe" → "motdepasse"),
 * each also without its trailing digits and symbols ("Soleil 2024 !" → "soleil").
 */
function variants(text: string): Set<string> {
  const lower = text.normalize('NFC').toLowerCase();
  const result = new Set<string>();
  for (const base of [lower, lower.replace(/\s/gu, ''), simplify(lower)]) {
    result.add(base);
    result.add(withoutTrailingNonLetters(base));
  }
  result.delete('');
  return result;
}

function withoutTrailingNonLetters(text: string): string {
  return text.replace(/\P{L}+$/u, '');
}

/** For comparing with personal data: no accents, no case, letters and digits only ("Zoé Lefèvre" → "zoelefevre"). */
function simplify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function isCommon(password: string): boolean {
  for (const variant of variants(password)) if (COMMON_PASSWORDS.has(variant)) return true;
  return false;
}

function resemblesEmail(password: string, email: string): boolean {
  const address = email.trim();
  const localPart = address.slice(0, address.lastIndexOf('@'));
  return resemblesAny(password, [address, localPart]);
}

function resemblesName(password: string, displayName: string): boolean {
  return resemblesAny(password, [displayName]);
}

function resemblesAny(password: string, personal: string[]): boolean {
  const targets = new Set(personal.map(simplify).filter((target) => target !== ''));
  for (const variant of variants(password)) if (targets.has(simplify(variant))) return true;
  return false;
}

const graphemeSegmenter = new Intl.Segmenter('fr', { granularity: 'grapheme' });

/**
 * One character, or a motif of up to 4, repeated at least three times and nothing else ("aaaa…", "abcabcabc…").
 * Characters are what a person sees (an emoji or a letter with its accent is one), each lower-cased on its own: the
 * whole string lower-cased would turn "ΣΣΣ" into "σσς" (a final sigma) and hide the repetition.
 */
function isRepetitive(password: string): boolean {
  const chars = Array.from(graphemeSegmenter.segment(password), ({ segment }) => segment.toLowerCase());
  for (let period = 1; period <= LONGEST_REPEATED_MOTIF; period++) {
    if (chars.length < 3 * period) break;
    if (chars.every((char, i) => i < period || char === chars[i - period])) return true;
  }
  return false;
}

/**
 * Consecutive digits or letters, up or down, wrapping around ("123456789012",
 * "abcdefghijkl", "zyxwvu…"), or a walk along a keyboard row ("azertyuiopqs").
 */
function isSequential(password: string): boolean {
  const lower = password.toLowerCase();
  if ([...lower].length < 3) return false;
  const alphabet = /^\d+$/.test(lower) ? '0123456789' : /^[a-z]+$/.test(lower) ? 'abcdefghijklmnopqrstuvwxyz' : null;
  if (alphabet) {
    const steps = new Set<number>();
    for (let i = 1; i < lower.length; i++) {
      steps.add((alphabet.indexOf(lower[i]!) - alphabet.indexOf(lower[i - 1]!) + alphabet.length) % alphabet.length);
    }
    if (steps.size === 1 && (steps.has(1) || steps.has(alphabet.length - 1))) return true;
  }
  if (lower.length < SHORTEST_KEYBOARD_WALK) return false;
  const reversed = [...lower].reverse().join('');
  return KEYBOARD_WALKS.some((row) => row.includes(lower) || row.includes(reversed));
}
