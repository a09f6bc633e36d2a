/**
 * From the catalog's rows (`commission_scheme` + `commission_tier`, seed 003 Annex A §2.2) to an engine scheme. The
 * catalog stores tiers as [min, max) with the value in percent (`10` = 10 %) or in major units (`30` = 30,00 €),
 * amounts bounds in major units, and split keys as typed (`commercial`, `company`…). What it does not store is
 * given by the product (revenue model → mode and base) or by the caller (tier mode, accrual, rules of §3.3 that
 * have no column yet). Tiers of one scheme share one basis and follow each other without gaps.
 */
import type { CommissionScheme } from './contract.ts';
import { CommissionError } from './errors.ts';
import { Dec, type Currency } from './money.ts';
import type { Role, SplitPlan } from './split.ts';
import type { CommissionTier, TierBasis, TierMode } from './tiers.ts';

export interface CatalogSchemeRow {
  appliesTo: string;
  settlement: string;
  split: Record<string, string | number>;
}

export interface CatalogTierRow {
  basis: string;
  min: string;
  max: string | null;
  valueType: string;
  value: string;
}

const ROLE_ALIASES: Record<string, Role> = {
  company: 'company',
  entreprise: 'company',
  salesperson: 'salesperson',
  commercial: 'salesperson',
  vrp: 'salesperson',
  manager: 'manager',
  partner: 'partner',
  partenaire: 'partner',
  platform: 'platform',
  plateforme: 'platform',
};

function minorOf(text: string, field: string): number {
  const value = new Dec(text).times(100);
  if (!value.isInteger()) throw new CommissionError(field, `${text} n’est pas un montant au centime.`, 'invalid_scheme');
  return value.toNumber();
}

export function schemeFromCatalog(
  row: CatalogSchemeRow,
  tiers: readonly CatalogTierRow[],
  product: { sku: string; revenueModel: 'revenue' | 'commission' | 'mixed'; currency: Currency },
  options: Partial<Pick<CommissionScheme, 'accrual' | 'renewalAccrual' | 'base' | 'clawback' | 'malus' | 'bonuses' | 'perLine' | 'perPeriod' | 'due' | 'tierScope' | 'renewalRate'>> & { tierMode?: TierMode } = {},
): CommissionScheme {
  const split: SplitPlan = {};
  for (const [key, share] of Object.entries(row.split)) {
    const role = ROLE_ALIASES[key.toLowerCase()];
    if (!role) throw new CommissionError(`split.${key}`, `Bénéficiaire inconnu : « ${key} ».`, 'invalid_scheme');
    split[role] = new Dec(String(share)).plus(split[role] ?? '0').toString();
  }
  const mode = product.revenueModel === 'commission' ? 'commission_only' : product.revenueModel === 'revenue' ? 'internal_revenue' : 'mixed';
  const sorted = [...tiers].sort((a, b) => new Dec(a.min).comparedTo(new Dec(b.min)));
  const basis = sorted[0]?.basis as TierBasis | undefined;
  const engineTiers: CommissionTier[] = sorted.map((t, i) => {
    const field = `tiers[${i}]`;
    if (t.basis !== basis) throw new CommissionError(`${field}.basis`, 'Les paliers d’un barème partagent une même base.', 'invalid_scheme');
    const next = sorted[i + 1];
    if (next && (t.max === null || !new Dec(t.max).eq(new Dec(next.min)))) throw new CommissionError(`${field}.max`, 'Les paliers se suivent sans trou ni chevauchement.', 'invalid_scheme');
    const from = basis === 'revenue' || basis === 'margin' ? minorOf(t.min, `${field}.min`) : new Dec(t.min).toNumber();
    if (t.valueType === 'percent') return { from, rate: { decimal: new Dec(t.value).div(100).toString() } };
    if (t.valueType === 'amount') return { from, amount: minorOf(t.value, `${field}.value`) };
    throw new CommissionError(`${field}.valueType`, 'Type de valeur inconnu (percent, amount).', 'invalid_scheme');
  });
  const { tierMode, ...rest } = options;
  return {
    code: product.sku,
    mode,
    currency: product.currency,
    base: options.base ?? (mode === 'commission_only' ? 'premium' : 'revenue'),
    settlement: row.settlement as CommissionScheme['settlement'],
    accrual: options.accrual ?? 'postcompte',
    appliesTo: row.appliesTo as CommissionScheme['appliesTo'],
    ...(basis ? { tiers: { basis, mode: tierMode ?? 'all_units', tiers: engineTiers } } : {}),
    split,
    ...rest,
  };
}

/** The catalog scheme's `params` (seed 003 §3.3, version-input.ts `commissionParamsSchema`) as schemeFromCatalog's options. */
export function optionsFromCatalogParams(params: Record<string, unknown> | null | undefined): Parameters<typeof schemeFromCatalog>[3] {
  const p = (params ?? {}) as {
    tierMode?: TierMode;
    accrual?: CommissionScheme['accrual'];
    renewalAccrual?: CommissionScheme['accrual'];
    renewalRate?: string;
    clawback?: { months: number; rule: 'full' | 'pro_rata' };
    perLine?: { min?: number; max?: number };
    due?: { day: number; monthsAfter: number };
  };
  return {
    ...(p.tierMode ? { tierMode: p.tierMode } : {}),
    ...(p.accrual ? { accrual: p.accrual } : {}),
    ...(p.renewalAccrual ? { renewalAccrual: p.renewalAccrual } : {}),
    ...(p.renewalRate !== undefined ? { renewalRate: { decimal: new Dec(p.renewalRate).div(100).toString() } } : {}),
    ...(p.clawback ? { clawback: { months: p.clawback.months, rule: p.clawback.rule } } : {}),
    ...(p.perLine && (p.perLine.min !== undefined || p.perLine.max !== undefined) ? { perLine: { ...(p.perLine.min !== undefined ? { min: p.perLine.min } : {}), ...(p.perLine.max !== undefined ? { max: p.perLine.max } : {}) } } : {}),
    ...(p.due ? { due: { kind: 'day_of_month' as const, day: p.due.day, monthsAfter: p.due.monthsAfter } } : {}),
  };
}
