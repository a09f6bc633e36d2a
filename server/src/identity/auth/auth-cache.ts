import { GuardedCache } from '../../platform/cache/guarded-cache.ts';
import type { InvalidationHub } from '../../platform/cache/invalidation-hub.ts';
import type { AuthContext, AuthWorkspace, MembershipGrant } from '../access/auth-context.ts';
import type { Permission } from '../permissions.ts';

/** A live session as the database answered it, minus what each request brings (request id, bearer or cookie). */
export interface CachedSession {
  kind: 'session';
  sessionId: string;
  userId: string;
  workspaceId: string;
  expiresAt: Date;
  /** Kept here so the once-a-minute last-seen write needs no read; updated when written. */
  lastSeenAt: Date;
  workspace: AuthWorkspace;
  user: Extract<AuthContext, { kind: 'user' }>['user'];
  grants: MembershipGrant[];
  csrfToken: string;
  mfaEnrollmentRequired: boolean;
}

export interface CachedApiKey {
  kind: 'apiKey';
  keyId: string;
  workspaceId: string;
  expiresAt: Date;
  lastUsedAt: Date | null;
  workspace: AuthWorkspace;
  apiKey: { id: string; name: string; companyId: string; scopes: Permission[] };
}

export type CachedCredential = CachedSession | CachedApiKey;

/**
 * Resolved sessions and API keys by token hash, so an authenticated request needs no
 * database round trip (issue #4: the session lookup and the grants were two of a quote's four).
 *
 * Revocation stays immediate: a session, user, membership, workspace or key that changes is
 * forgotten on its invalidation (the in-process publish of the service that changed it, and
 * migration 0008's NOTIFY for every other process and any other writer). Expiry is checked
 * against the clock on every hit, exactly as the SQL did. Only live credentials are kept: an
 * unknown, revoked or expired token still asks the database every time.
 *
 * Entries are per database (one cache per hub), keyed by the SHA-256 of a random token, and
 * carry their own workspace: a hit yields exactly the context the database would have built.
 */
export function authCache(hub: InvalidationHub): GuardedCache<string, CachedCredential> {
  let cache = byHub.get(hub);
  if (!cache) {
    cache = new GuardedCache<string, CachedCredential>(hub, {
      maxEntries: 20_000,
      maxAgeMs: 5 * 60_000,
      relevant: (invalidation) => identityKinds.has(invalidation.kind),
      affects: (invalidation, entry) => {
        switch (invalidation.kind) {
          case 'session':
            return entry.kind === 'session' && entry.sessionId === invalidation.id;
          case 'user':
            return entry.kind === 'session' && entry.userId === invalidation.id;
          case 'apiKey':
            return entry.kind === 'apiKey' && entry.keyId === invalidation.id;
          case 'workspace':
            return entry.workspaceId === invalidation.id;
          default:
            return true;
        }
      },
    });
    byHub.set(hub, cache);
  }
  return cache;
}

/** Catalog changes and audited writes elsewhere do not concern credentials (identity writes publish their own). */
const identityKinds = new Set(['session', 'user', 'apiKey', 'workspace']);

const byHub = new WeakMap<InvalidationHub, GuardedCache<string, CachedCredential>>();
