import type { Invalidation } from './invalidation.ts';
import type { InvalidationHub } from './invalidation-hub.ts';

export interface GuardedCacheOptions<V> {
  maxEntries: number;
  /**
   * A safety net, not the mechanism: entries are forgotten on invalidation; this only bounds
   * how long one could outlive a notification that never came.
   */
  maxAgeMs: number;
  /** Which entries an invalidation concerns; `true` forgets them all. */
  affects: (invalidation: Invalidation, value: V) => boolean;
  /** Invalidations this cache can ignore entirely (e.g. catalog changes for the session cache). */
  relevant: (invalidation: Invalidation) => boolean;
}

/**
 * A map that forgets on invalidation and never keeps a value read before a change it did
 * not see. A loader takes a `ticket()` before reading the database and hands it back to `set`:
 * if any relevant invalidation arrived in between, the value may predate the change and is
 * not stored. Nothing is stored or served while the hub is not live.
 *
 * `getOrLoad` also lets concurrent misses of one key share a single load (50 connections asking
 * for the same cold key make one query, not 50) — but only loads started after the last
 * invalidation: a request that arrives after a revocation never joins a read made before it.
 */
export class GuardedCache<K, V> {
  readonly #entries = new Map<K, { value: V; storedAt: number }>();
  readonly #loading = new Map<K, Promise<V | undefined>>();
  #generation = 0;

  constructor(
    private readonly hub: InvalidationHub,
    private readonly options: GuardedCacheOptions<V>,
  ) {
    hub.subscribe((invalidation) => this.#invalidate(invalidation));
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K, nowMs: number): V | undefined {
    if (!this.hub.live) return undefined;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (nowMs - entry.storedAt > this.options.maxAgeMs || nowMs < entry.storedAt) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  ticket(): number {
    return this.#generation;
  }

  set(key: K, value: V, ticket: number, nowMs: number): void {
    if (!this.hub.live || ticket !== this.#generation) return;
    if (!this.#entries.has(key) && this.#entries.size >= this.options.maxEntries) {
      // Oldest first: a Map iterates in insertion order.
      this.#entries.delete(this.#entries.keys().next().value as K);
    }
    this.#entries.set(key, { value, storedAt: nowMs });
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  /** The cached value, or the value `load` reads (undefined: nothing to cache, e.g. not found). */
  getOrLoad(key: K, nowMs: number, load: () => Promise<V | undefined>): Promise<V | undefined> | V {
    const hit = this.get(key, nowMs);
    if (hit !== undefined) return hit;
    if (!this.hub.live) return load();
    const pending = this.#loading.get(key);
    if (pending) return pending;
    const ticket = this.ticket();
    const loading = load()
      .then((value) => {
        if (value !== undefined) this.set(key, value, ticket, nowMs);
        return value;
      })
      .finally(() => {
        if (this.#loading.get(key) === loading) this.#loading.delete(key);
      });
    this.#loading.set(key, loading);
    return loading;
  }

  #invalidate(invalidation: Invalidation): void {
    if (invalidation.kind !== 'all' && !this.options.relevant(invalidation)) return;
    this.#generation++;
    // Loads under way may have read the old state: later requests start their own.
    this.#loading.clear();
    if (invalidation.kind === 'all') {
      this.#entries.clear();
      return;
    }
    for (const [key, entry] of this.#entries) {
      if (this.options.affects(invalidation, entry.value)) this.#entries.delete(key);
    }
  }
}
