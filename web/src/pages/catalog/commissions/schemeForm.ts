import type { CommissionScheme, VersionPlan } from '../../../catalogApi.ts';
import { centsToInput, parseAmountToCents } from '../../../money.ts';

// The commission scheme editor's form state and its exact conversions (no binary floats):
// percents typed « 33,33 » ↔ basis points 3333 ↔ the catalog's decimal fractions « 0.3333 ».

export const schemeRoles = ['company', 'salesperson', 'manager', 'partner', 'platform'] as const;
export type SchemeRole = (typeof schemeRoles)[number];
export const tierBases = ['volume', 'revenue', 'margin', 'months'] as const;
export const settlements = ['upfront', 'recurring', 'on_collection'] as const;
export const appliesToValues = ['both', 'new', 'renewal'] as const;
export const tierModes = ['all_units', 'graduated'] as const;
export const accruals = ['postcompte', 'precompte'] as const;
export const clawbackRules = ['full', 'pro_rata'] as const;

/** The catalog accepts these spellings of a role (server/src/commissions/engine/catalog-scheme.ts). */
const ROLE_ALIASES: Record<string, SchemeRole> = {
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

export interface TierRow {
  min: string;
  max: string;
  valueType: 'percent' | 'amount';
  value: string;
}
export interface SplitRow {
  role: SchemeRole;
  /** Key as stored, kept so an unchanged scheme saves back as it was read (`commercial`). */
  key: string;
  percent: string;
}
export interface SchemeForm {
  planCode: string | null;
  appliesTo: (typeof appliesToValues)[number];
  settlement: (typeof settlements)[number];
  pricing: 'rate' | 'tiers';
  rate: string;
  basis: (typeof tierBases)[number];
  tiers: TierRow[];
  splits: SplitRow[];
  /** Seed 003 §3.3 parameters (`params` on the server); empty text = the engine's default. */
  tierMode: (typeof tierModes)[number];
  accrual: (typeof accruals)[number];
  renewalAccrual: '' | 'postcompte' | 'precompte';
  renewalRate: string;
  clawbackMonths: string;
  clawbackRule: (typeof clawbackRules)[number];
  perLineMin: string;
  perLineMax: string;
  dueDay: string;
  dueMonthsAfter: string;
}

const defaultParams = { tierMode: 'all_units', accrual: 'postcompte', renewalAccrual: '', renewalRate: '', clawbackMonths: '', clawbackRule: 'full', perLineMin: '', perLineMax: '', dueDay: '', dueMonthsAfter: '1' } as const;
const intIn = (text: string, min: number, max: number): number | null => (/^\s*\d{1,4}\s*$/.test(text) && Number(text) >= min && Number(text) <= max ? Number(text) : null);

/** « 60 », « 33,33 », « 12.5 » → basis points (6000, 3333, 1250); null when not a percent with ≤ 2 decimals in [0, max]. */
export function percentToBp(text: string, maxBp = 10_000): number | null {
  const m = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
  return bp > maxBp ? null : bp;
}

/** 3333 → « 0.3333 », 10000 → « 1 », 7000 → « 0.7 » (the catalog's split share). */
export function bpToFraction(bp: number): string {
  const whole = Math.trunc(bp / 10_000);
  const rest = String(bp % 10_000).padStart(4, '0').replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : String(whole);
}

/** « 0.7 » → 7000, « 1 » → 10000; null when not a fraction with ≤ 4 decimals. */
export function fractionToBp(text: string | number): number | null {
  const m = /^\s*(\d+)(?:\.(\d{1,4})0*)?\s*$/.exec(String(text));
  if (!m) return null;
  return Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0'));
}

/** 3333 → « 33,33 », 7000 → « 70 », 1250 → « 12,5 ». */
export function bpToPercentText(bp: number): string {
  const cents = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${Math.trunc(bp / 100)}${cents ? `,${cents}` : ''}`;
}

/** « 12,5 » → « 12.5 » (the catalog's decimal text for a tier value or bound); null when invalid (≤ 4 decimals). */
export function toDecimalText(text: string): string | null {
  const m = /^\s*(\d{1,14})(?:[.,](\d{1,4}))?\s*$/.exec(text);
  if (!m) return null;
  const decimals = (m[2] ?? '').replace(/0+$/, '');
  return `${Number(m[1])}${decimals ? `.${decimals}` : ''}`;
}

/** « 12.5000 » → « 12,5 ». */
export function decimalToText(text: string | null): string {
  if (text === null) return '';
  const [whole, decimals = ''] = text.split('.');
  const d = decimals.replace(/0+$/, '');
  return d ? `${whole},${d}` : (whole ?? '');
}

/** The sum of the split rows in basis points (unreadable rows count 0). */
export function splitSumBp(rows: readonly Pick<SplitRow, 'percent'>[]): number {
  return rows.reduce((sum, row) => sum + (percentToBp(row.percent) ?? 0), 0);
}

export function newSchemeForm(): SchemeForm {
  return { planCode: null, appliesTo: 'both', settlement: 'recurring', pricing: 'rate', rate: '', basis: 'volume', tiers: [], splits: [{ role: 'company', key: 'company', percent: '100' }], ...defaultParams };
}

/** A stored scheme as the form edits it: one open tier from 0 in percent is a single rate. */
export function schemeToForm(scheme: CommissionScheme, plans: readonly Pick<VersionPlan, 'id' | 'code'>[]): SchemeForm {
  const tiers = [...scheme.tiers].sort((a, b) => Number(a.min) - Number(b.min));
  const p = (scheme.params ?? {}) as { tierMode?: string; accrual?: string; renewalAccrual?: string; renewalRate?: string; clawback?: { months: number; rule: string }; perLine?: { min?: number; max?: number }; due?: { day: number; monthsAfter: number } };
  const single = tiers.length === 1 && tiers[0]!.valueType === 'percent' && Number(tiers[0]!.min) === 0 && tiers[0]!.max === null;
  return {
    planCode: scheme.planId ? (plans.find((p) => p.id === scheme.planId)?.code ?? null) : null,
    appliesTo: (appliesToValues as readonly string[]).includes(scheme.appliesTo) ? (scheme.appliesTo as SchemeForm['appliesTo']) : 'both',
    settlement: (settlements as readonly string[]).includes(scheme.settlement) ? (scheme.settlement as SchemeForm['settlement']) : 'recurring',
    pricing: tiers.length > 1 || (tiers.length === 1 && !single) ? 'tiers' : 'rate',
    rate: single ? decimalToText(tiers[0]!.value) : '',
    basis: ((tierBases as readonly string[]).includes(tiers[0]?.basis ?? '') ? tiers[0]!.basis : 'volume') as SchemeForm['basis'],
    tiers: single ? [] : tiers.map((t) => ({ min: decimalToText(t.min), max: decimalToText(t.max), valueType: t.valueType === 'amount' ? 'amount' : 'percent', value: decimalToText(t.value) })),
    splits: Object.entries(scheme.split).map(([key, share]) => {
      const bp = fractionToBp(share);
      return { role: ROLE_ALIASES[key.toLowerCase()] ?? 'company', key, percent: bp === null ? String(share) : bpToPercentText(bp) };
    }),
    tierMode: p.tierMode === 'graduated' ? 'graduated' : 'all_units',
    accrual: p.accrual === 'precompte' ? 'precompte' : 'postcompte',
    renewalAccrual: p.renewalAccrual === 'precompte' || p.renewalAccrual === 'postcompte' ? p.renewalAccrual : '',
    renewalRate: p.renewalRate !== undefined ? decimalToText(p.renewalRate) : '',
    clawbackMonths: p.clawback ? String(p.clawback.months) : '',
    clawbackRule: p.clawback?.rule === 'pro_rata' ? 'pro_rata' : 'full',
    perLineMin: p.perLine?.min !== undefined ? centsToInput(p.perLine.min) : '',
    perLineMax: p.perLine?.max !== undefined ? centsToInput(p.perLine.max) : '',
    dueDay: p.due ? String(p.due.day) : '',
    dueMonthsAfter: p.due ? String(p.due.monthsAfter) : '1',
  };
}

/** Client-side checks, keyed like the server's field errors (`split.company`, `tiers.1.value`, `rate`). */
export function schemeFormErrors(form: SchemeForm): Record<string, 'required' | 'percent' | 'number' | 'range' | 'splitSum' | 'duplicate'> {
  const e: ReturnType<typeof schemeFormErrors> = {};
  if (form.pricing === 'rate' && form.rate.trim() && percentToBp(form.rate) === null) e.rate = 'percent';
  if (form.pricing === 'tiers') {
    if (form.tiers.length === 0) e.tiers = 'required';
    form.tiers.forEach((t, i) => {
      if (toDecimalText(t.min) === null) e[`tiers.${i}.min`] = 'number';
      if (t.max.trim() && toDecimalText(t.max) === null) e[`tiers.${i}.max`] = 'number';
      else if (t.max.trim() && toDecimalText(t.min) !== null && Number(toDecimalText(t.max)) <= Number(toDecimalText(t.min))) e[`tiers.${i}.max`] = 'range';
      if ((t.valueType === 'percent' ? percentToBp(t.value) : toDecimalText(t.value)) === null) e[`tiers.${i}.value`] = t.valueType === 'percent' ? 'percent' : 'number';
    });
  }
  if (form.renewalRate.trim() && percentToBp(form.renewalRate) === null) e['params.renewalRate'] = 'percent';
  if (form.clawbackMonths.trim() && intIn(form.clawbackMonths, 1, 120) === null) e['params.clawback.months'] = 'number';
  if (form.perLineMin.trim() && parseAmountToCents(form.perLineMin) === null) e['params.perLine.min'] = 'number';
  if (form.perLineMax.trim() && parseAmountToCents(form.perLineMax) === null) e['params.perLine.max'] = 'number';
  else if (form.perLineMin.trim() && form.perLineMax.trim() && (parseAmountToCents(form.perLineMax) ?? 0) < (parseAmountToCents(form.perLineMin) ?? 0)) e['params.perLine.max'] = 'range';
  if (form.dueDay.trim() && intIn(form.dueDay, 1, 31) === null) e['params.due.day'] = 'number';
  if (form.dueDay.trim() && intIn(form.dueMonthsAfter, 0, 12) === null) e['params.due.monthsAfter'] = 'number';
  const seen = new Set<string>();
  for (const row of form.splits) {
    if (seen.has(row.role)) e[`split.${row.key}`] = 'duplicate';
    seen.add(row.role);
    if (percentToBp(row.percent) === null) e[`split.${row.key}`] = 'percent';
  }
  if (form.splits.length === 0) e.split = 'required';
  else if (splitSumBp(form.splits) !== 10_000) e.split = 'splitSum';
  return e;
}

/** The body the catalog's PUT /commissions takes for one scheme (assumes the form is valid for the fields it reads). */
export function formToInput(form: SchemeForm): {
  planCode: string | null;
  appliesTo: string;
  settlement: string;
  split: Record<string, string>;
  tiers: { basis: string; min: string; max: string | null; valueType: string; value: string }[];
  params: Record<string, unknown>;
} {
  const rate = form.rate.trim() ? percentToBp(form.rate) : null;
  const tiers =
    form.pricing === 'rate'
      ? rate === null
        ? []
        : [{ basis: form.basis, min: '0', max: null, valueType: 'percent', value: toDecimalText(form.rate) ?? form.rate }]
      : form.tiers.map((t) => ({ basis: form.basis, min: toDecimalText(t.min) ?? t.min, max: t.max.trim() ? (toDecimalText(t.max) ?? t.max) : null, valueType: t.valueType, value: toDecimalText(t.value) ?? t.value }));
  return {
    planCode: form.planCode,
    appliesTo: form.appliesTo,
    settlement: form.settlement,
    // The split is sent as typed: the server is the judge of its sum (its 400 lands on the field).
    split: Object.fromEntries(form.splits.map((row) => [row.key, (() => {
      const bp = percentToBp(row.percent);
      return bp === null ? row.percent : bpToFraction(bp);
    })()])),
    tiers,
    params: formParams(form),
  };
}

/** Only what differs from the engine's defaults is stored. */
function formParams(form: SchemeForm): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  if (form.pricing === 'tiers' && form.tierMode === 'graduated') params.tierMode = 'graduated';
  if (form.accrual === 'precompte') params.accrual = 'precompte';
  if (form.renewalAccrual) params.renewalAccrual = form.renewalAccrual;
  if (form.renewalRate.trim()) params.renewalRate = toDecimalText(form.renewalRate) ?? form.renewalRate;
  if (form.clawbackMonths.trim()) params.clawback = { months: Number(form.clawbackMonths), rule: form.clawbackRule };
  const min = form.perLineMin.trim() ? parseAmountToCents(form.perLineMin) : null;
  const max = form.perLineMax.trim() ? parseAmountToCents(form.perLineMax) : null;
  if (min !== null || max !== null) params.perLine = { ...(min !== null ? { min } : {}), ...(max !== null ? { max } : {}) };
  if (form.dueDay.trim()) params.due = { day: Number(form.dueDay), monthsAfter: Number(form.dueMonthsAfter || '0') };
  return params;
}
