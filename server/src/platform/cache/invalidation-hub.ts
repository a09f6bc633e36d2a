import type { Invalidation } from './invalidation.ts';

/**
 * The invalidation bus of one database in this process. Caches subscribe to it and may keep
 * entries only while it is `live`, i.e. while this process is sure to hear about every change:
 * its LISTEN connection is up (PostgreSQL) or the embedded engine's listener is registered (PGlite).
 * Going down forgets everything, so nothing learnt before a gap survives it.
 */
export class InvalidationHub {
  #live = false;
  readonly #subscribers = new Set<(invalidation: Invalidation) => void>();

  get live(): boolean {
    return this.#live;
  }

  setLive(live: boolean): void {
    if (this.#live === live) return;
    this.#live = live;
    // Either way, entries and in-flight loads from before the change of state are not trusted.
    this.publish({ kind: 'all' });
  }

  subscribe(subscriber: (invalidation: Invalidation) => void): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  publish(invalidation: Invalidation): void {
    for (const subscriber of this.#subscribers) subscriber(invalidation);
  }
}

/** Every hub open in this process (one per open runtime; tests open several). */
const processHubs = new Set<InvalidationHub>();

export function registerHub(hub: InvalidationHub): () => void {
  processHubs.add(hub);
  return () => processHubs.delete(hub);
}

/**
 * The in-process half of invalidation: a service that has just changed what a cache holds
 * (logout, revocation, a role change…) publishes it here so the very next request of this
 * process sees it, without waiting for its own NOTIFY to come back from PostgreSQL (which
 * arrives on another connection, a little later). Call it after the change is written; it
 * goes to every hub of the process, since a write site only holds a transaction: forgetting
 * an entry of another database costs that database one lookup, nothing else.
 */
export function publishInProcess(invalidation: Invalidation): void {
  for (const hub of processHubs) hub.publish(invalidation);
}
