import { describe, expect, it } from 'vitest';
import { diffVersions, type VersionSnapshot } from './version-diff.ts';

const v1: VersionSnapshot = {
  version: 1,
  effectiveFrom: '2026-01-01T00:00:00.000Z',
  effectiveTo: '2026-07-01T00:00:00.000Z',
  notes: null,
  plans: [
    { code: 'BASIC', name: 'Essentiel', recurrence: 'monthly', billingCycleDays: null, rules: [{ type: 'fixed', currency: 'EUR', taxCategory: 'standard', taxIncluded: true, payload: { amount: 990 } }] },
    { code: 'OLD', name: 'Ancienne', recurrence: 'monthly', billingCycleDays: null, rules: [] },
  ],
  commissions: [{ planCode: null, appliesTo: 'both', settlement: 'upfront', split: { company: '1' }, tiers: [] }],
  documents: [{ type: 'CG', title: 'CG 2026', fileSha256: 'a'.repeat(64), mandatory: true }],
  promotions: [],
};

describe('version diff', () => {
  it('finds nothing between a version and its copy', () => {
    expect(diffVersions(v1, structuredClone(v1)).filter((e) => e.section !== 'version')).toEqual([]);
  });

  it('reports plans, prices, commissions, documents and promotions by business key', () => {
    const v2: VersionSnapshot = {
      ...structuredClone(v1),
      version: 2,
      effectiveFrom: '2026-07-01T00:00:00.000Z',
      effectiveTo: null,
      plans: [
        { ...v1.plans[0]!, rules: [{ ...v1.plans[0]!.rules[0]!, payload: { amount: 1090 } }] },
        { code: 'PREMIUM', name: 'Premium', recurrence: 'monthly', billingCycleDays: null, rules: [] },
      ],
      commissions: [{ planCode: null, appliesTo: 'both', settlement: 'upfront', split: { company: '0.7', commercial: '0.3' }, tiers: [] }],
      documents: [{ type: 'CG', title: 'CG 2026', fileSha256: 'b'.repeat(64), mandatory: true }],
      promotions: [{ code: 'ETE', label: 'Été', percentBp: 1000, amount: null }],
    };
    const diff = diffVersions(v1, v2);
    expect(diff.map((e) => `${e.section}:${e.key}:${e.change}`)).toEqual([
      'version:v1→v2:changed',
      'plans:OLD:removed',
      'plans:PREMIUM:added',
      'prices:BASIC:changed',
      'commissions:*:changed',
      'documents:CG:CG 2026:changed',
      'promotions:ETE:added',
    ]);
    expect(diff.find((e) => e.section === 'documents')?.fields).toEqual(['fileSha256']);
    expect(diff.find((e) => e.section === 'commissions')?.fields).toEqual(['split']);
  });
});
