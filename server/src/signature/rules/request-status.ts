import type { StoredSignatureStatus } from '../schema.ts';

export type SignatureStatus = StoredSignatureStatus | 'expired';

export const DEFAULT_EXPIRY_DAYS = 30;

/** What the request is now: a request past its expiry that nobody signed or cancelled is "expired". */
export function effectiveStatus(request: { status: StoredSignatureStatus; expiresAt: Date }, now: Date): SignatureStatus {
  if ((request.status === 'sent' || request.status === 'viewed') && now.getTime() >= request.expiresAt.getTime()) return 'expired';
  return request.status;
}

export type SignBlock = { ok: true } | { ok: false; reason: 'signed' | 'cancelled' | 'expired'; message: string };

/** Only a request sent or viewed, before its expiry, can be signed. */
export function canSign(request: { status: StoredSignatureStatus; expiresAt: Date }, now: Date): SignBlock {
  const status = effectiveStatus(request, now);
  if (status === 'signed') return { ok: false, reason: 'signed', message: 'Ce document est déjà signé.' };
  if (status === 'cancelled') return { ok: false, reason: 'cancelled', message: 'Cette demande de signature a été annulée.' };
  if (status === 'expired') return { ok: false, reason: 'expired', message: 'Cette demande de signature a expiré.' };
  return { ok: true };
}

export function expiryFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 86_400_000);
}
