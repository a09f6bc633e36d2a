export type Change = 'added' | 'removed' | 'changed' | 'same';

export interface DiffRow {
  key: string;
  before: unknown;
  after: unknown;
  change: Change;
}

export const hasKey = (record: Record<string, unknown> | null, key: string) => !!record && Object.hasOwn(record, key);

function stable(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

/** Key-by-key comparison of two audit snapshots, in the order the keys first appear. */
export function diffRecords(before: Record<string, unknown> | null, after: Record<string, unknown> | null): DiffRow[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys.map((key) => {
    const inBefore = hasKey(before, key);
    const inAfter = hasKey(after, key);
    const b = before?.[key];
    const a = after?.[key];
    const change: Change = !inBefore ? 'added' : !inAfter ? 'removed' : stable(a) === stable(b) ? 'same' : 'changed';
    return { key, before: b, after: a, change };
  });
}
