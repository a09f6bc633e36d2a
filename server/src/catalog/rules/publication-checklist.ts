/**
 * What must hold before a version is published (issue #4, seed 003 Annex A §4 and Annex B §3):
 * the legal documents the channels require, an accounting mapping for each company that
 * sells it, complete price grids, and commission splits that add up to one.
 */
export type Channel = 'field' | 'telesales' | 'web' | 'partner' | 'marketplace';

export interface ChecklistInput {
  channels: Channel[];
  companyId: string;
  riskScope: 'personal' | 'professional';
  /** Insurance-like products need a DIPA and CG; others need CGV/CGU. */
  productKind: 'insurance' | 'other';
  documents: { type: string; mandatory: boolean; publishedAt: Date | null; validTo: Date | null }[];
  accountingMappings: { companyId: string; nature: string }[];
  revenueModel: 'revenue' | 'commission' | 'mixed';
  plans: { code: string; hasPrice: boolean; gridGaps: string[] }[];
  pricingSource: 'internal' | 'partner_api';
  commissionSchemes: { id: string; splitSum: string }[];
  now: Date;
}

export interface ChecklistItem {
  code: string;
  ok: boolean;
  message: string;
}

const docLabel = (types: string[]) => types.join(' ou ');

export function publicationChecklist(input: ChecklistInput): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const liveDocs = input.documents.filter((doc) => doc.publishedAt && (!doc.validTo || doc.validTo > input.now));
  const hasDoc = (types: string[]) => liveDocs.some((doc) => types.includes(doc.type));

  // Annex B §3: web sales need the pre-contractual documents online.
  if (input.channels.includes('web') || input.channels.includes('marketplace')) {
    const required = input.productKind === 'insurance' ? [['DIPA'], ['CG']] : [['CGV', 'CGU', 'CG']];
    for (const types of required) {
      items.push({
        code: `document:${types.join('|')}`,
        ok: hasDoc(types),
        message: hasDoc(types) ? `${docLabel(types)} publié` : `${docLabel(types)} manquant pour la vente en ligne`,
      });
    }
  }
  if (input.channels.includes('field') || input.channels.includes('telesales')) {
    const types = input.productKind === 'insurance' ? ['CG', 'DIPA'] : ['CGV', 'CG'];
    items.push({
      code: `document:${types.join('|')}:distance`,
      ok: hasDoc(types),
      message: hasDoc(types) ? `${docLabel(types)} publié` : `${docLabel(types)} manquant pour la vente terrain / télévente`,
    });
  }
  for (const doc of input.documents.filter((d) => d.mandatory)) {
    const live = doc.publishedAt !== null && (!doc.validTo || doc.validTo > input.now);
    if (!live) items.push({ code: `document:mandatory:${doc.type}`, ok: false, message: `Document obligatoire ${doc.type} non publié ou expiré` });
  }

  const natures = input.revenueModel === 'commission' ? ['commission'] : input.revenueModel === 'mixed' ? ['revenue', 'commission'] : ['revenue'];
  for (const nature of natures) {
    const ok = input.accountingMappings.some((m) => m.companyId === input.companyId && m.nature === nature);
    items.push({ code: `accounting:${nature}`, ok, message: ok ? `Mapping comptable ${nature} présent` : `Mapping comptable ${nature} manquant` });
  }

  if (input.pricingSource === 'internal') {
    if (input.plans.length === 0) items.push({ code: 'pricing:plans', ok: false, message: 'Aucune formule (plan) définie' });
    for (const plan of input.plans) {
      const ok = plan.hasPrice && plan.gridGaps.length === 0;
      items.push({
        code: `pricing:${plan.code}`,
        ok,
        message: !plan.hasPrice
          ? `Formule ${plan.code} sans prix`
          : plan.gridGaps.length > 0
            ? `Grille de la formule ${plan.code} incomplète : ${plan.gridGaps.join(', ')}`
            : `Prix de la formule ${plan.code} complets`,
      });
    }
  }

  for (const scheme of input.commissionSchemes) {
    const ok = scheme.splitSum === '1';
    items.push({ code: `commission:${scheme.id}`, ok, message: ok ? 'Répartition des commissions = 100 %' : `Répartition des commissions = ${scheme.splitSum} (doit faire 1)` });
  }
  return items;
}

export function missingItems(items: ChecklistItem[]): ChecklistItem[] {
  return items.filter((item) => !item.ok);
}
