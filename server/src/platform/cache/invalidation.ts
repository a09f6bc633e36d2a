/**
 * What an in-memory cache must forget. Migration 0008's triggers raise these as NOTIFY payloads
 * `<kind>:<id>` on INVALIDATION_CHANNEL for every committed change, whoever makes it; services
 * also publish them in-process right after their own writes (see invalidation-hub.ts).
 */
export type Invalidation =
  /** A session changed (revoked, expired, MFA enrolment done) or was deleted. */
  | { kind: 'session'; id: string }
  /** A user changed (disabled, renamed…) or one of their memberships did. */
  | { kind: 'user'; id: string }
  | { kind: 'workspace'; id: string }
  | { kind: 'apiKey'; id: string }
  /** A product, version, publication or company of this workspace changed. */
  | { kind: 'catalog'; workspaceId: string }
  /**
   * In-process only: an audited business write of `table` (appendAudit), announced in its
   * transaction so the writer's next request does not wait for the NOTIFY of the commit.
   */
  | { kind: 'written'; workspaceId: string; table: string }
  /** Anything may have changed (TRUNCATE, a lost LISTEN connection). */
  | { kind: 'all' };

export const INVALIDATION_CHANNEL = 'comptoir_invalidate';

const idKinds = new Set(['session', 'user', 'workspace', 'apiKey']);

/** Reads a NOTIFY payload; anything unknown forgets everything (safe for a future kind). */
export function parseInvalidation(payload: string): Invalidation {
  const colon = payload.indexOf(':');
  const kind = colon < 0 ? payload : payload.slice(0, colon);
  const id = colon < 0 ? '' : payload.slice(colon + 1);
  if (id && idKinds.has(kind)) return { kind, id } as Invalidation;
  if (id && kind === 'catalog') return { kind: 'catalog', workspaceId: id };
  return { kind: 'all' };
}
