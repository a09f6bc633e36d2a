import { Decimal } from 'decimal.js';
import { coverageLabel, type CoverageCode, isCoverageCode } from '../extraction/rules/coverages.ts';
import { type ClientType, COVERAGE_RULES, PRIORITY_FACTORS_PERCENT, type Priority, SAVINGS_RULES } from './recommendation-rules.ts';

/**
 * The recommendation summary of a needs analysis: coverage gaps, overlaps (double insurance) and an estimated yearly
 * saving in CHF, from the confirmed policies — by the rules of `recommendation-rules.ts`, which an advisor can read.
 * Pure and deterministic; every figure comes with the French sentence that explains it.
 */
export interface PolicyInput {
  /** Lets the caller map overlaps back to its documents. */
  documentId?: string;
  insurer?: string | null;
  policyNumber?: string | null;
  premium?: { amount: number; currency: string; period: 'year' | 'month' } | null;
  coverageType?: string | null;
  /** Every kind of cover of a combined policy; the main one is `coverageType`. */
  coverages?: string[];
}

export interface RecommendationInput {
  clientType: ClientType;
  policies: PolicyInput[];
  needs: { coverages: string[]; budget?: { amount: number; period: 'year' | 'month' } | null; priorities: Priority[] };
  /** Companies: with 0 employees the staff-only rules (LAA, LPP, perte de gain) do not apply; unknown: they do. */
  employees?: number | null;
}

export interface CoverageGap {
  coverage: CoverageCode;
  label: string;
  level: 'obligatoire' | 'recommandée' | 'selon besoin';
  reason: string;
}

export interface CoverageOverlap {
  coverage: CoverageCode;
  label: string;
  /** Indexes in `policies`, and their document ids when given. */
  policies: number[];
  documentIds: string[];
  /** Yearly CHF minor units: every premium of the kind but the highest. */
  savings: number;
  reason: string;
}

export interface Recommendation {
  gaps: CoverageGap[];
  overlaps: CoverageOverlap[];
  estimatedSavings: { amount: number; currency: 'CHF'; basis: string };
  /** Yearly CHF premiums of the policies read (minor units). */
  annualPremiums: number;
  lines: string[];
}

export function annualAmount(premium: { amount: number; period: 'year' | 'month' }): number {
  return premium.period === 'month' ? premium.amount * 12 : premium.amount;
}

/** `CHF 1'234.50`, `CHF 185.–`: the Swiss way of writing francs. */
export function formatChf(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(minor));
  const francs = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '’');
  const cents = abs % 100;
  return `${sign}CHF ${francs}.${cents === 0 ? '–' : String(cents).padStart(2, '0')}`;
}

function roundToFranc(minor: Decimal): number {
  return minor.div(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).mul(100).toNumber();
}

function coveragesOf(policy: PolicyInput): CoverageCode[] {
  const all = [policy.coverageType, ...(policy.coverages ?? [])].filter(isCoverageCode);
  return [...new Set(all)];
}

function validPremium(policy: PolicyInput): policy is PolicyInput & { premium: { amount: number; currency: 'CHF'; period: 'year' | 'month' } } {
  const p = policy.premium;
  return !!p && p.currency === 'CHF' && Number.isSafeInteger(p.amount) && p.amount > 0 && (p.period === 'year' || p.period === 'month');
}

export function recommendCoverage(input: RecommendationInput): Recommendation {
  const policies = Array.isArray(input.policies) ? input.policies : [];
  const wanted = new Set((input.needs?.coverages ?? []).filter(isCoverageCode));
  const priority: Priority | 'aucune' = input.needs?.priorities?.[0] ?? 'aucune';
  const factor = PRIORITY_FACTORS_PERCENT[priority] ?? PRIORITY_FACTORS_PERCENT.aucune;
  const held = new Set(policies.flatMap(coveragesOf));
  const lines: string[] = [];

  // Gaps: rules of the client type, then wanted coverages no rule names.
  const gaps: CoverageGap[] = [];
  for (const rule of COVERAGE_RULES.filter((r) => r.clientType === input.clientType)) {
    if (held.has(rule.coverage)) continue;
    const isWanted = wanted.has(rule.coverage);
    if (rule.level === 'selon besoin' && !isWanted) continue;
    if (rule.withStaffOnly && input.employees === 0 && !isWanted) continue;
    const staffNote = rule.withStaffOnly && (input.employees === undefined || input.employees === null) ? ' (si l’entreprise emploie du personnel)' : '';
    const wantedNote = isWanted ? ' Couverture souhaitée dans l’analyse des besoins.' : '';
    gaps.push({ coverage: rule.coverage, label: coverageLabel(rule.coverage), level: rule.level, reason: `${rule.level === 'obligatoire' ? 'Obligatoire' : rule.level === 'recommandée' ? 'Recommandée' : 'Souhaitée'}${staffNote} : ${rule.rationale}${wantedNote}` });
  }
  for (const coverage of wanted) {
    if (held.has(coverage) || gaps.some((g) => g.coverage === coverage)) continue;
    gaps.push({ coverage, label: coverageLabel(coverage), level: 'selon besoin', reason: 'Souhaitée dans l’analyse des besoins, et aucune police transmise ne la couvre.' });
  }

  // Overlaps: two policies of a kind that one policy covers.
  const overlaps: CoverageOverlap[] = [];
  for (const rule of SAVINGS_RULES.filter((r) => r.duplicateIsOverlap)) {
    const indexes = policies.map((p, i) => (coveragesOf(p).includes(rule.coverage) ? i : -1)).filter((i) => i >= 0);
    if (indexes.length < 2) continue;
    const premiums = indexes.map((i) => (validPremium(policies[i]!) ? annualAmount(policies[i]!.premium!) : 0)).sort((a, b) => b - a);
    const savings = premiums.slice(1).reduce((sum, p) => sum + p, 0);
    overlaps.push({
      coverage: rule.coverage,
      label: coverageLabel(rule.coverage),
      policies: indexes,
      documentIds: indexes.map((i) => policies[i]!.documentId).filter((id): id is string => typeof id === 'string'),
      savings,
      reason: `${indexes.length} polices couvrent « ${coverageLabel(rule.coverage)} » : une double assurance ne paie pas deux fois le même dommage ; garder la plus complète économise ${formatChf(savings)} par an.`,
    });
  }

  // Savings: the overlaps in full, then each remaining policy's estimated comparison saving.
  const dropped = new Set<number>();
  for (const overlap of overlaps) {
    const kept = [...overlap.policies].sort((a, b) => premiumOf(policies[b]!) - premiumOf(policies[a]!))[0];
    for (const i of overlap.policies) if (i !== kept) dropped.add(i);
  }
  let total = new Decimal(0);
  const basis: string[] = [];
  for (const overlap of overlaps) {
    if (overlap.savings > 0) {
      total = total.plus(overlap.savings);
      basis.push(`double assurance ${overlap.label} : ${formatChf(overlap.savings)}`);
    }
  }
  let annualPremiums = 0;
  const ignored: number[] = [];
  for (const [i, policy] of policies.entries()) {
    if (!validPremium(policy)) {
      if (policy.premium) ignored.push(i);
      continue;
    }
    const annual = annualAmount(policy.premium);
    annualPremiums += annual;
    if (dropped.has(i)) continue;
    const main = coveragesOf(policy)[0];
    const rule = SAVINGS_RULES.find((r) => r.coverage === main);
    if (!rule || rule.rateBp === 0) continue;
    const saving = roundToFranc(new Decimal(annual).mul(rule.rateBp).div(10_000).mul(factor.percent).div(100));
    if (saving <= 0) continue;
    total = total.plus(saving);
    basis.push(`${coverageLabel(main!)}${policy.insurer ? ` (${policy.insurer})` : ''} : ${formatChf(annual)}/an × ${rule.rateBp / 100} % × ${factor.percent} % = ${formatChf(saving)}`);
  }
  // The total is an estimate too: whole francs, never more than what is paid today.
  const amount = Math.min(roundToFranc(total), annualPremiums - (annualPremiums % 100));

  lines.push(`Primes annuelles actuelles : ${formatChf(annualPremiums)} (${policies.length} police${policies.length > 1 ? 's' : ''}).`);
  for (const gap of gaps) lines.push(`Lacune — ${gap.label} : ${gap.reason}`);
  for (const overlap of overlaps) lines.push(`Doublon — ${overlap.reason}`);
  lines.push(`Potentiel d’économies estimé : ${formatChf(amount)} par an. ${factor.rationale}`);
  const budget = input.needs?.budget;
  if (budget && Number.isSafeInteger(budget.amount) && budget.amount >= 0) {
    const yearly = annualAmount(budget);
    const after = annualPremiums - amount;
    lines.push(
      after > yearly
        ? `Budget : ${formatChf(yearly)} par an ; même après économies (${formatChf(after)}), il manque ${formatChf(after - yearly)}.`
        : `Budget : ${formatChf(yearly)} par an ; après économies (${formatChf(after)}), il reste ${formatChf(yearly - after)} pour combler les lacunes.`,
    );
  }
  if (ignored.length > 0) lines.push(`${ignored.length} prime(s) hors CHF ou incomplète(s) non comptée(s).`);
  if (gaps.length === 0 && overlaps.length === 0) lines.push('Aucune lacune ni doublon détecté selon les règles.');

  return {
    gaps,
    overlaps,
    estimatedSavings: {
      amount,
      currency: 'CHF',
      basis: basis.length ? `${basis.join(' ; ')}. Arrondi au franc. ${factor.rationale}` : 'Aucune économie estimée : pas de prime en CHF comparable ni de doublon.',
    },
    annualPremiums,
    lines,
  };
}

function premiumOf(policy: PolicyInput): number {
  return validPremium(policy) ? annualAmount(policy.premium) : 0;
}
