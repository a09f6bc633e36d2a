/**
 * Cached values are shared by every request that hits them: frozen, so no handler can change
 * what another request sees (a mutation throws in strict-mode code instead of leaking).
 * Dates stay mutable (freezing does not cover their internal slot); nothing here mutates them.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
