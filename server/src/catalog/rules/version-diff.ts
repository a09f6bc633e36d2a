import { canonicalJson } from '../../identity/rules/canonical-json.ts';

/** What a product version offers, in comparable form (no ids, no timestamps of creation). */
export interface VersionSnapshot {
  version: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  notes: string | null;
  plans: { code: string; name: string; recurrence: string; billingCycleDays: number | null; rules: { type: string; currency: string; taxCategory: string; taxIncluded: boolean; payload: unknown }[] }[];
  commissions: { planCode: string | null; appliesTo: string; settlement: string; split: Record<string, string | number>; tiers: unknown[] }[];
  documents: { type: string; title: string; fileSha256: string; mandatory: boolean }[];
  promotions: { code: string | null; label: string; percentBp: number | null; amount: number | null }[];
}

export type DiffSection = 'version' | 'plans' | 'prices' | 'commissions' | 'documents' | 'promotions';

export interface DiffEntry {
  section: DiffSection;
  key: string;
  change: 'added' | 'removed' | 'changed';
  fields?: string[];
  before?: unknown;
  after?: unknown;
}

/**
 * A structured diff of two versions: what changed in plans, prices, commissions,
 * documents and promotions, keyed by business identity (plan code, document type +
 * title…) so a re-created row with the same content is not reported as a change.
 */
export function diffVersions(from: VersionSnapshot, to: VersionSnapshot): DiffEntry[] {
  const entries: DiffEntry[] = [];
  const versionFields = (['effectiveFrom', 'effectiveTo', 'notes'] as const).filter((f) => from[f] !== to[f]);
  if (versionFields.length > 0) {
    entries.push({
      section: 'version',
      key: `v${from.version}→v${to.version}`,
      change: 'changed',
      fields: versionFields,
      before: Object.fromEntries(versionFields.map((f) => [f, from[f]])),
      after: Object.fromEntries(versionFields.map((f) => [f, to[f]])),
    });
  }
  const planShape = (p: VersionSnapshot['plans'][number]) => ({ name: p.name, recurrence: p.recurrence, billingCycleDays: p.billingCycleDays });
  entries.push(...diffKeyed('plans', from.plans, to.plans, (p) => p.code, planShape));
  entries.push(...diffKeyed('prices', from.plans, to.plans, (p) => p.code, (p) => p.rules).filter((e) => e.change === 'changed'));
  entries.push(...diffKeyed('commissions', from.commissions, to.commissions, (c) => c.planCode ?? '*', (c) => c));
  entries.push(...diffKeyed('documents', from.documents, to.documents, (d) => `${d.type}:${d.title}`, (d) => d));
  entries.push(...diffKeyed('promotions', from.promotions, to.promotions, (p) => p.code ?? p.label, (p) => p));
  return entries;
}

function diffKeyed<T>(section: DiffSection, before: T[], after: T[], keyOf: (item: T) => string, shape: (item: T) => unknown): DiffEntry[] {
  const entries: DiffEntry[] = [];
  const beforeByKey = new Map(before.map((item) => [keyOf(item), item]));
  const afterByKey = new Map(after.map((item) => [keyOf(item), item]));
  for (const [key, item] of beforeByKey) {
    if (!afterByKey.has(key)) entries.push({ section, key, change: 'removed', before: shape(item) });
  }
  for (const [key, item] of afterByKey) {
    const previous = beforeByKey.get(key);
    if (previous === undefined) {
      entries.push({ section, key, change: 'added', after: shape(item) });
      continue;
    }
    const a = shape(previous);
    const b = shape(item);
    if (canonicalJson(a) !== canonicalJson(b)) entries.push({ section, key, change: 'changed', fields: changedFields(a, b), before: a, after: b });
  }
  return entries;
}

function changedFields(a: unknown, b: unknown): string[] {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) || Array.isArray(b)) return [];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => canonicalJson((a as Record<string, unknown>)[k] ?? null) !== canonicalJson((b as Record<string, unknown>)[k] ?? null)).sort();
}
