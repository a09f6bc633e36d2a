import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: unguessable, and only its hash is stored. */
export function newSigningToken(): string {
  return randomBytes(32).toString('base64url');
}

/** 128 random bits: the public verification token printed in the QR code. */
export function newVerifyToken(): string {
  return randomBytes(16).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
