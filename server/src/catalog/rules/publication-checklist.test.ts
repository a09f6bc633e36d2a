import { describe, expect, it } from 'vitest';
import { type ChecklistInput, missingItems, publicationChecklist } from './publication-checklist.ts';

const now = new Date('2026-11-23T12:00:00Z');
const published = new Date('2026-01-01T00:00:00Z');
const base: ChecklistInput = {
  channels: ['web'],
  companyId: 'c1',
  riskScope: 'personal',
  productKind: 'insurance',
  documents: [
    { type: 'DIPA', mandatory: true, publishedAt: published, validTo: null },
    { type: 'CG', mandatory: true, publishedAt: published, validTo: null },
  ],
  accountingMappings: [{ companyId: 'c1', nature: 'revenue' }],
  revenueModel: 'revenue',
  plans: [{ code: 'BASIC', hasPrice: true, gridGaps: [] }],
  pricingSource: 'internal',
  commissionSchemes: [{ id: 's1', splitSum: '1' }],
  now,
};

describe('publication checklist', () => {
  it('passes when documents, mapping, prices and splits hold', () => {
    expect(missingItems(publicationChecklist(base))).toEqual([]);
  });

  it('lists the missing DIPA/CG for web sales (Annex B §3)', () => {
    const missing = missingItems(publicationChecklist({ ...base, documents: [] }));
    expect(missing.map((m) => m.code)).toEqual(['document:DIPA', 'document:CG']);
  });

  it('treats an unpublished or expired document as missing', () => {
    const documents = [
      { type: 'DIPA', mandatory: true, publishedAt: null, validTo: null },
      { type: 'CG', mandatory: false, publishedAt: published, validTo: new Date('2026-06-01T00:00:00Z') },
    ];
    const missing = missingItems(publicationChecklist({ ...base, documents })).map((m) => m.code);
    expect(missing).toContain('document:DIPA');
    expect(missing).toContain('document:CG');
    expect(missing).toContain('document:mandatory:DIPA');
  });

  it('needs a mapping per revenue nature, complete grids and valid splits', () => {
    const missing = missingItems(
      publicationChecklist({
        ...base,
        revenueModel: 'mixed',
        plans: [{ code: 'P', hasPrice: true, gridGaps: ['age 23–130'] }, { code: 'Q', hasPrice: false, gridGaps: [] }],
        commissionSchemes: [{ id: 's1', splitSum: '0.9' }],
      }),
    ).map((m) => m.message);
    expect(missing).toEqual([
      'Mapping comptable commission manquant',
      'Grille de la formule P incomplète : age 23–130',
      'Formule Q sans prix',
      'Répartition des commissions = 0.9 (doit faire 1)',
    ]);
  });

  it('does not ask for prices when the partner quotes the product', () => {
    expect(missingItems(publicationChecklist({ ...base, pricingSource: 'partner_api', plans: [] }))).toEqual([]);
  });
});
