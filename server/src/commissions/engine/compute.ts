/**
 * From a scheme and business facts to commission lines per beneficiary and period. Order of the work:
 *  1. the events that earn commission (`events.ts`): the sale and its renewals (upfront), each month (recurring) or
 *     each collection (on collection);
 *  2. their rate: a flat rate, the renewal rate, or the tier of the period (`tiers.ts`); the commission is rounded
 *     once per event (`roundCommission`), then held within the per-line bounds;
 *  3. per-period bounds (adjustment lines), one-shot bonuses, then cancellations: clawback of upfront commissions in
 *     the window and the malus;
 *  4. every commission is split between the roles of the plan (`split.ts`), so each event's lines add up to it.
 */
import type { Decimal } from 'decimal.js';
import { clampToBounds, periodAdjustment } from './bounds.ts';
import { clawbackAmount } from './clawback.ts';
import type { CommissionInput, CommissionLine, CommissionResult, CommissionScheme, CommissionStatus, LineKind, Sale } from './contract.ts';
import { endOfPeriod, type LocalDate, periodOf } from './dates.ts';
import { dueDate } from './due-date.ts';
import { CommissionError } from './errors.ts';
import { type EarningEvent, earningEvents, type NormalizedFacts, normalizeFacts } from './events.ts';
import { BASE_FR, frDate, frShare, KIND_FR, ROLE_FR, STATUS_FR } from './explain.ts';
import { Dec, formatMoney, roundCommission } from './money.ts';
import { formatPercent, rateValue } from './rates.ts';
import { validateScheme } from './scheme.ts';
import { allocate, type Role } from './split.ts';
import { applyWeight, assignTiers, type TierPick, tierAt, tierLabel } from './tiers.ts';

/** One amount to split (a commission, a clawback, an adjustment) or to give one role (a bonus, a malus). */
interface Charge {
  saleId: string | null;
  /** The sale whose salesperson, manager and partner receive the parts (null: company-wide). */
  sale: Sale | null;
  scope: string;
  kind: LineKind;
  eventDate: LocalDate;
  status: CommissionStatus;
  base: number;
  rate: string | null;
  tier: string | null;
  commission: number;
  /** A single role instead of the split (bonus, malus). */
  role?: Role;
  beneficiary?: string | null;
  what: string;
}

function scopeOf(scheme: CommissionScheme, sale: Sale): string {
  return scheme.tierScope === 'company' ? '*' : (sale.salesperson ?? '');
}

function beneficiaryOf(role: Role, sale: Sale | null, input: CommissionInput, scope: string): string | null {
  switch (role) {
    case 'company':
      return input.company.name ?? null;
    case 'salesperson':
      return sale?.salesperson ?? (scope && scope !== '*' ? scope : null);
    case 'manager':
      return sale?.manager ?? null;
    case 'partner':
      return sale?.partner ?? null;
    case 'platform':
      return null;
  }
}

interface Priced {
  exact: Decimal;
  rate: string | null;
  tier: string | null;
  calc: string;
}

/** The exact commission of one event, with how it was reached (French). */
function priceEvent(event: EarningEvent, picks: Map<string, TierPick[]>, input: CommissionInput): Priced {
  const { scheme } = input;
  const money = (n: number) => formatMoney(n, input.company.currency);
  const baseText = `${money(event.base)} (${BASE_FR[scheme.base]})`;
  if (scheme.base === 'fixed') {
    return { exact: new Dec(scheme.fixedAmount!), rate: null, tier: null, calc: `forfait ${money(scheme.fixedAmount!)}` };
  }
  if (event.kind === 'renewal' && scheme.renewalRate) {
    const rate = rateValue(scheme.renewalRate);
    return { exact: rate.times(event.base), rate: formatPercent(rate), tier: null, calc: `${formatPercent(rate)} (renouvellement) × ${baseText}` };
  }
  if (scheme.rate) {
    const rate = rateValue(scheme.rate);
    return { exact: rate.times(event.base), rate: formatPercent(rate), tier: null, calc: `${formatPercent(rate)} × ${baseText}` };
  }
  const tiers = scheme.tiers!;
  const eventPicks: TierPick[] =
    tiers.basis === 'months'
      ? (() => {
          const index = tierAt(tiers, event.monthIndex);
          return index === null ? [] : [{ tierIndex: index, part: 1, of: 1 }];
        })()
      : (picks.get(event.sale.id) ?? []);
  if (eventPicks.length === 0) return { exact: new Dec(0), rate: null, tier: 'hors palier', calc: `hors palier : 0 × ${baseText}` };
  let exact = new Dec(0);
  const parts: string[] = [];
  const labels: string[] = [];
  const rates: string[] = [];
  for (const pick of eventPicks) {
    const tier = tiers.tiers[pick.tierIndex]!;
    const label = tierLabel(tiers, pick.tierIndex, money);
    labels.push(label);
    const share = pick.part === pick.of ? '' : ` sur ${formatPercent(new Dec(pick.part).div(pick.of).toDecimalPlaces(4))} de la base`;
    if (tier.rate) {
      const rate = rateValue(tier.rate);
      exact = exact.plus(applyWeight(rate.times(event.base), pick));
      rates.push(formatPercent(rate));
      parts.push(`${formatPercent(rate)} (palier ${label})${share}`);
    } else {
      exact = exact.plus(applyWeight(new Dec(tier.amount!), pick));
      rates.push(money(tier.amount!));
      parts.push(`${money(tier.amount!)} (palier ${label})`);
    }
  }
  const calc = eventPicks.length === 1 && tiers.tiers[eventPicks[0]!.tierIndex]!.amount !== undefined ? parts[0]! : `${parts.join(' + ')} × ${baseText}`;
  return { exact, rate: rates.join(' + '), tier: labels.join(' + '), calc };
}

/** Tier picks per sale for volume/revenue/margin tiers: the sales of each (month of sale, scope), in date order. */
function tierPicks(facts: NormalizedFacts, input: CommissionInput): Map<string, TierPick[]> {
  const result = new Map<string, TierPick[]>();
  const tiers = input.scheme.tiers;
  if (!tiers || tiers.basis === 'months') return result;
  const groups = new Map<string, Sale[]>();
  for (const sale of facts.salesInOrder) {
    const key = `${periodOf(facts.saleDate.get(sale.id)!)}|${scopeOf(input.scheme, sale)}`;
    groups.set(key, [...(groups.get(key) ?? []), sale]);
  }
  for (const sales of groups.values()) {
    const measures = sales.map((s) => (tiers.basis === 'volume' ? 1 : tiers.basis === 'revenue' ? s.amount : (s.margin ?? 0)));
    const picks = assignTiers(tiers, measures);
    sales.forEach((s, i) => {
      result.set(s.id, picks[i]!);
    });
  }
  return result;
}

export function computeCommissions(input: CommissionInput): CommissionResult {
  const { scheme, company } = input;
  validateScheme(scheme);
  if (scheme.currency !== company.currency) throw new CommissionError('scheme.currency', 'La devise du barème diffère de celle de la société.', 'invalid_input');
  const money = (n: number) => formatMoney(n, company.currency);
  const facts = normalizeFacts(input);
  const events = earningEvents(facts, input);
  const picks = tierPicks(facts, input);
  const charges: Charge[] = [];

  // 1–2. Commission of each event.
  const earned: { event: EarningEvent; charge: Charge }[] = [];
  for (const event of events) {
    const priced = priceEvent(event, picks, input);
    const rounded = roundCommission(priced.exact);
    const commission = clampToBounds(rounded, scheme.perLine);
    const bounded = commission === rounded ? '' : ` ramené à ${money(commission)} (${commission > rounded ? 'minimum' : 'maximum'} par ligne)`;
    const accrual = event.kind === 'renewal' ? (scheme.renewalAccrual ?? scheme.accrual) : scheme.accrual;
    const status: CommissionStatus = event.sale.hold ? 'gelee' : accrual === 'precompte' ? 'precomptee' : 'postcomptee';
    const statusText = event.sale.hold ? `gelée : ${event.sale.hold}` : status === 'precomptee' ? 'précomptée (année payée d’avance)' : 'post-comptée';
    const charge: Charge = {
      saleId: event.sale.id,
      sale: event.sale,
      scope: scopeOf(scheme, event.sale),
      kind: event.kind,
      eventDate: event.date,
      status,
      base: scheme.base === 'fixed' ? 0 : event.base,
      rate: priced.rate,
      tier: priced.tier,
      commission,
      what: `${KIND_FR[event.kind]} ${event.label} : ${priced.calc} = ${money(rounded)}${bounded} ; ${statusText}`,
    };
    charges.push(charge);
    earned.push({ event, charge });
  }

  // 3a. Per-period bounds, per scope, on the commissions (not on bonuses, clawbacks or malus).
  if (scheme.perPeriod) {
    const totals = new Map<string, { period: string; scope: string; total: number; sale: Sale }>();
    for (const { charge } of earned) {
      const key = `${periodOf(charge.eventDate)}|${charge.scope}`;
      const entry = totals.get(key) ?? { period: periodOf(charge.eventDate), scope: charge.scope, total: 0, sale: charge.sale! };
      entry.total += charge.commission;
      totals.set(key, entry);
    }
    for (const { period, scope, total, sale } of totals.values()) {
      const adjustment = periodAdjustment(total, scheme.perPeriod);
      if (adjustment === 0) continue;
      const why = adjustment > 0 ? 'minimum garanti' : 'plafond';
      charges.push({
        saleId: null,
        sale: scheme.tierScope === 'company' ? null : sale,
        scope,
        kind: 'adjustment',
        eventDate: endOfPeriod(period),
        status: 'postcomptee',
        base: total,
        rate: null,
        tier: null,
        commission: adjustment,
        what: `Ajustement ${why} de la période ${period} : total ${money(total)} ramené à ${money(total + adjustment)} (${adjustment > 0 ? '+' : ''}${money(adjustment)})`,
      });
    }
  }

  // 3b. One-shot bonuses of each (month of sale, scope).
  for (const [i, bonus] of (scheme.bonuses ?? []).entries()) {
    const reached = new Map<string, { period: string; scope: string; measure: number; sale: Sale }>();
    for (const sale of facts.salesInOrder) {
      if (facts.cancelledOn.has(sale.id) && facts.cancelledOn.get(sale.id)! <= facts.saleDate.get(sale.id)!) continue;
      const period = periodOf(facts.saleDate.get(sale.id)!);
      const scope = scopeOf(scheme, sale);
      const key = `${period}|${scope}`;
      const entry = reached.get(key) ?? { period, scope, measure: 0, sale };
      entry.measure += bonus.basis === 'volume' ? 1 : bonus.basis === 'revenue' ? sale.amount : (sale.margin ?? 0);
      reached.set(key, entry);
    }
    for (const { period, scope, measure, sale } of reached.values()) {
      if (measure < bonus.threshold) continue;
      const role = bonus.beneficiary ?? 'salesperson';
      const shown = bonus.basis === 'volume' ? `${measure} ventes` : money(measure);
      const threshold = bonus.basis === 'volume' ? `${bonus.threshold} ventes` : money(bonus.threshold);
      charges.push({
        saleId: null,
        sale: scheme.tierScope === 'company' ? null : sale,
        scope,
        kind: 'bonus',
        eventDate: endOfPeriod(period),
        status: 'postcomptee',
        base: 0,
        rate: null,
        tier: null,
        commission: bonus.amount,
        role,
        beneficiary: beneficiaryOf(role, scheme.tierScope === 'company' ? null : sale, input, scope),
        what: `${bonus.label ?? `Prime n°${i + 1}`} de ${period} : ${shown} ≥ seuil de ${threshold} → ${money(bonus.amount)}`,
      });
    }
  }

  // 3c. Cancellations: clawback of upfront commissions inside the window, malus on early termination.
  for (const [saleId, cancelledOn] of facts.cancelledOn) {
    const sale = facts.sales.get(saleId)!;
    if (scheme.clawback && scheme.settlement === 'upfront') {
      for (const { event, charge } of earned) {
        if (event.sale.id !== saleId || event.date > cancelledOn) continue;
        const { amount, unearnedMonths } = clawbackAmount(charge.commission, event.date, cancelledOn, scheme.clawback);
        if (amount === 0) continue;
        const how = scheme.clawback.rule === 'full' ? 'totale' : `au prorata : ${unearnedMonths}/12 non acquis`;
        charges.push({
          ...charge,
          kind: 'clawback',
          eventDate: cancelledOn,
          status: 'clawback',
          commission: amount,
          what: `Reprise ${how} de la commission du ${frDate(event.date)} (${money(charge.commission)}), résiliation le ${frDate(cancelledOn)} dans le délai de ${scheme.clawback.months} mois → ${money(amount)}`,
        });
      }
    }
    if (scheme.malus) {
      const saleDate = facts.saleDate.get(saleId)!;
      const { amount } = clawbackAmount(scheme.malus.amount, saleDate, cancelledOn, { months: scheme.malus.months, rule: 'full' });
      if (amount !== 0) {
        const role = scheme.malus.beneficiary ?? 'salesperson';
        charges.push({
          saleId,
          sale,
          scope: scopeOf(scheme, sale),
          kind: 'malus',
          eventDate: cancelledOn,
          status: 'clawback',
          base: 0,
          rate: null,
          tier: null,
          commission: amount,
          role,
          beneficiary: beneficiaryOf(role, sale, input, scopeOf(scheme, sale)),
          what: `Malus résiliation anticipée : vente du ${frDate(saleDate)} résiliée le ${frDate(cancelledOn)}, moins de ${scheme.malus.months} mois → ${money(amount)}`,
        });
      }
    }
  }

  // 4. Split into lines.
  const due = scheme.due ?? { kind: 'on_event' as const };
  const lines: CommissionLine[] = [];
  for (const charge of charges) {
    const common = {
      saleId: charge.saleId,
      kind: charge.kind,
      period: periodOf(charge.eventDate),
      eventDate: charge.eventDate,
      dueDate: dueDate(charge.eventDate, due),
      status: charge.status,
      base: charge.base,
      rate: charge.rate,
      tier: charge.tier,
      commission: charge.commission,
    };
    const parts = charge.role ? [{ role: charge.role, share: '1', amount: charge.commission }] : allocate(charge.commission, scheme.split);
    for (const part of parts) {
      const beneficiary = charge.role ? (charge.beneficiary ?? null) : beneficiaryOf(part.role, charge.sale, input, charge.scope);
      const who = `${ROLE_FR[part.role]}${beneficiary ? ` ${beneficiary}` : ''}`;
      const explanation = charge.role ? `${charge.what} ; ${who}` : `${charge.what} ; part ${who} ${frShare(part.share)} → ${money(part.amount)}`;
      lines.push({ ...common, role: part.role, beneficiary, share: part.share, amount: part.amount, explanation });
    }
  }
  lines.sort((a, b) => (a.eventDate < b.eventDate ? -1 : a.eventDate > b.eventDate ? 1 : 0));

  const totals = new Map<string, { period: string; role: Role; beneficiary: string | null; amount: number }>();
  for (const line of lines) {
    const key = `${line.period}|${line.role}|${line.beneficiary ?? ''}`;
    const entry = totals.get(key) ?? { period: line.period, role: line.role, beneficiary: line.beneficiary, amount: 0 };
    entry.amount += line.amount;
    totals.set(key, entry);
  }
  return {
    currency: company.currency,
    lines,
    totals: [...totals.values()].sort((a, b) => a.period.localeCompare(b.period) || a.role.localeCompare(b.role) || (a.beneficiary ?? '').localeCompare(b.beneficiary ?? '')),
  };
}

export { STATUS_FR };
