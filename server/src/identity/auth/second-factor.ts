import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import { hashRecoveryCode, normaliseRecoveryCode } from '../rules/recovery-codes.ts';
import { verifyTotp } from '../rules/totp.ts';
import type { UserRow } from './load-user-access.ts';

export type SecondFactorResult =
  | { ok: true; method: 'totp'; totpLastStep: number }
  | { ok: true; method: 'recovery-code'; remainingRecoveryCodes: string[] }
  | { ok: false };

/** The TOTP secret is sealed with the user id as associated data: a sealed seed cannot be moved to another user. */
export function totpAssociatedData(userId: string): string {
  return `totp:${userId}`;
}

/**
 * Checks a second factor: a 6-digit TOTP code (never the same time step twice) or one
 * of the user's single-use recovery codes.
 */
export function verifySecondFactor(user: UserRow, code: string, secrets: SecretBox, now: Date): SecondFactorResult {
  const trimmed = code.replace(/\s+/g, '');
  if (/^\d{6}$/.test(trimmed)) {
    if (!user.totpSecret) return { ok: false };
    const secret = secrets.open(user.totpSecret, totpAssociatedData(user.id));
    const result = verifyTotp(secret, trimmed, now.getTime(), { window: 1, lastUsedStep: user.totpLastStep ?? undefined });
    return result.ok ? { ok: true, method: 'totp', totpLastStep: result.step } : { ok: false };
  }
  const hashed = hashRecoveryCode(normaliseRecoveryCode(trimmed));
  if (!user.recoveryCodes.includes(hashed)) return { ok: false };
  return { ok: true, method: 'recovery-code', remainingRecoveryCodes: user.recoveryCodes.filter((c) => c !== hashed) };
}
