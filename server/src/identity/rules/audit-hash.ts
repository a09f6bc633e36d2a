/**
 * Tamper-evident audit trail: each entry's hash covers the previous hash and
 * the entry's canonical JSON, so altering, removing or reordering any stored
 * entry breaks the chain from that entry on. The "\n" separator keeps the
 * previous hash and the JSON unambiguous; the first entry chains from "".
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function auditHash(previousHash: string | null, entry: object): string {
  if (previousHash !== null && !SHA256_HEX.test(previousHash)) {
    throw new RangeError('previousHash must be a lower-case SHA-256 hex digest');
  }
  return createHash('sha256')
    .update(`${previousHash ?? ''}\n${canonicalJson(entry)}`, 'utf8')
    .digest('hex');
}

export interface AuditRecord {
  entry: object;
  hash: string;
}
export type AuditChainVerification = { ok: true } | { ok: false; brokenAt: number };

/** Recomputes the chain; `brokenAt` is the index of the first record whose hash does not match. */
export function verifyAuditChain(
  records: readonly AuditRecord[],
  previousHash: string | null = null,
): AuditChainVerification {
  let previous = previousHash;
  for (const [index, record] of records.entries()) {
    if (auditHash(previous, record.entry) !== record.hash) return { ok: false, brokenAt: index };
    previous = record.hash;
  }
  return { ok: true };
}
