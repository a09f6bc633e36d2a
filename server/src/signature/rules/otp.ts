import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

export const OTP_RULES = { digits: 6, ttlMinutes: 10, maxAttempts: 5, maxSends: 5 } as const;

export function generateOtp(): string {
  return randomInt(0, 10 ** OTP_RULES.digits)
    .toString()
    .padStart(OTP_RULES.digits, '0');
}

/** The code is kept as an HMAC keyed by the request's id: a leaked row does not give the code away by lookup table. */
export function hashOtp(requestId: string, code: string): string {
  return createHmac('sha256', `signature-otp:${requestId}`).update(code).digest('hex');
}

export type OtpCheck = { ok: true } | { ok: false; reason: 'none' | 'expired' | 'locked' | 'wrong'; message: string; attemptsLeft: number };

export function checkOtp(state: { requestId: string; otpHash: string | null; otpExpiresAt: Date | null; otpAttempts: number }, code: string, now: Date): OtpCheck {
  const left = OTP_RULES.maxAttempts - state.otpAttempts;
  if (!state.otpHash || !state.otpExpiresAt) return { ok: false, reason: 'none', message: 'Demandez d’abord un code.', attemptsLeft: left };
  if (left <= 0) return { ok: false, reason: 'locked', message: 'Trop d’essais : demandez un nouveau code.', attemptsLeft: 0 };
  if (now.getTime() >= state.otpExpiresAt.getTime()) return { ok: false, reason: 'expired', message: 'Ce code a expiré : demandez-en un nouveau.', attemptsLeft: left };
  const expected = Buffer.from(state.otpHash, 'hex');
  const actual = Buffer.from(hashOtp(state.requestId, code), 'hex');
  if (!/^\d{6}$/.test(code) || !timingSafeEqual(expected, actual)) {
    return { ok: false, reason: 'wrong', message: left - 1 > 0 ? `Code incorrect (${left - 1} essai(s) restant(s)).` : 'Code incorrect : demandez un nouveau code.', attemptsLeft: left - 1 };
  }
  return { ok: true };
}
