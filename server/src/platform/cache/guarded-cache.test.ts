import { describe, expect, it } from 'vitest';
import { GuardedCache } from './guarded-cache.ts';
import { type Invalidation, parseInvalidation } from './invalidation.ts';
import { InvalidationHub, publishInProcess, registerHub } from './invalidation-hub.ts';

interface Entry {
  workspaceId: string;
  value: string;
}

function setup(live = true) {
  const hub = new InvalidationHub();
  hub.setLive(live);
  const cache = new GuardedCache<string, Entry>(hub, {
    maxEntries: 3,
    maxAgeMs: 1_000,
    relevant: (i) => i.kind === 'catalog',
    affects: (i, entry) => i.kind === 'catalog' && entry.workspaceId === i.workspaceId,
  });
  return { hub, cache };
}

const entry = (workspaceId: string, value = 'v'): Entry => ({ workspaceId, value });

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('GuardedCache', () => {
  it('serves what was stored, forgets the invalidated workspace only', () => {
    const { hub, cache } = setup();
    cache.set('a', entry('ws-a'), cache.ticket(), 0);
    cache.set('b', entry('ws-b'), cache.ticket(), 0);
    hub.publish({ kind: 'catalog', workspaceId: 'ws-a' });
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)).toEqual(entry('ws-b'));
  });

  it('ignores invalidations it is not concerned with, and forgets everything on "all"', () => {
    const { hub, cache } = setup();
    cache.set('a', entry('ws-a'), cache.ticket(), 0);
    hub.publish({ kind: 'session', id: 'x' });
    expect(cache.get('a', 1)).toBeDefined();
    hub.publish({ kind: 'all' });
    expect(cache.get('a', 1)).toBeUndefined();
  });

  it('does not store a value read before an invalidation it did not see', () => {
    const { hub, cache } = setup();
    const ticket = cache.ticket();
    hub.publish({ kind: 'catalog', workspaceId: 'ws-other' });
    cache.set('a', entry('ws-a'), ticket, 0);
    expect(cache.get('a', 1)).toBeUndefined();
  });

  it('neither serves nor stores while the hub is not live, and forgets everything when it goes down', () => {
    const { hub, cache } = setup(false);
    cache.set('a', entry('ws-a'), cache.ticket(), 0);
    expect(cache.get('a', 1)).toBeUndefined();
    hub.setLive(true);
    cache.set('a', entry('ws-a'), cache.ticket(), 0);
    expect(cache.get('a', 1)).toBeDefined();
    hub.setLive(false);
    hub.setLive(true);
    expect(cache.get('a', 1)).toBeUndefined();
  });

  it('bounds its size (oldest first) and the age of an entry', () => {
    const { cache } = setup();
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, entry('ws'), cache.ticket(), 0);
    expect(cache.size).toBe(3);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('d', 1_000)).toBeDefined();
    expect(cache.get('d', 1_001)).toBeUndefined();
  });

  it('shares one load between concurrent misses of a key', async () => {
    const { cache } = setup();
    const gate = deferred<Entry>();
    let loads = 0;
    const load = () => {
      loads++;
      return gate.promise;
    };
    const first = cache.getOrLoad('a', 0, load);
    const second = cache.getOrLoad('a', 0, load);
    gate.resolve(entry('ws-a'));
    expect(await first).toEqual(entry('ws-a'));
    expect(await second).toEqual(entry('ws-a'));
    expect(loads).toBe(1);
    expect(cache.get('a', 1)).toEqual(entry('ws-a'));
  });

  it('never lets a request that comes after an invalidation join a load started before it', async () => {
    const { hub, cache } = setup();
    const before = deferred<Entry>();
    const first = cache.getOrLoad('a', 0, () => before.promise);
    hub.publish({ kind: 'catalog', workspaceId: 'ws-a' });
    const second = cache.getOrLoad('a', 0, async () => entry('ws-a', 'after'));
    before.resolve(entry('ws-a', 'before'));
    expect((await first)?.value).toBe('before');
    expect((await second)?.value).toBe('after');
    // Only the load that started after the change may be kept.
    expect(cache.get('a', 1)?.value).toBe('after');
  });

  it('keeps nothing for a load that finds nothing', async () => {
    const { cache } = setup();
    expect(await cache.getOrLoad('a', 0, async () => undefined)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});

describe('invalidations', () => {
  it('reads the payloads of migration 0008; anything else forgets everything', () => {
    expect(parseInvalidation('session:0192')).toEqual({ kind: 'session', id: '0192' });
    expect(parseInvalidation('apiKey:k')).toEqual({ kind: 'apiKey', id: 'k' });
    expect(parseInvalidation('catalog:ws')).toEqual({ kind: 'catalog', workspaceId: 'ws' });
    expect(parseInvalidation('all:')).toEqual({ kind: 'all' });
    expect(parseInvalidation('user:')).toEqual({ kind: 'all' });
    expect(parseInvalidation('something-new:x')).toEqual({ kind: 'all' });
  });

  it('publishes in-process to every registered hub, and no longer once unregistered', () => {
    const one = new InvalidationHub();
    const two = new InvalidationHub();
    const seen: Invalidation[][] = [[], []];
    one.subscribe((i) => seen[0]!.push(i));
    two.subscribe((i) => seen[1]!.push(i));
    const unregisterOne = registerHub(one);
    const unregisterTwo = registerHub(two);
    publishInProcess({ kind: 'user', id: 'u' });
    unregisterOne();
    publishInProcess({ kind: 'user', id: 'v' });
    unregisterTwo();
    expect(seen[0]).toEqual([{ kind: 'user', id: 'u' }]);
    expect(seen[1]).toEqual([
      { kind: 'user', id: 'u' },
      { kind: 'user', id: 'v' },
    ]);
  });
});
