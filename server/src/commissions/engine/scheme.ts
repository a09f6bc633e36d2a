/** Checks a commission scheme before anything is computed: every problem is a CommissionError on its path. */
import type { CommissionScheme } from './contract.ts';
import { validateDueRule } from './due-date.ts';
import { CommissionError } from './errors.ts';
import { rateValue } from './rates.ts';
import { ROLES, splitShares } from './split.ts';
import { validateTiers } from './tiers.ts';

const BASES_BY_MODE = {
  commission_only: ['premium', 'fixed'],
  internal_revenue: ['revenue', 'margin', 'fixed'],
  mixed: ['premium', 'revenue', 'margin', 'fixed'],
} as const;

function nonNegativeMinor(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new CommissionError(field, 'Un montant est un entier positif de centimes.', 'invalid_scheme');
  }
}

function months(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 120) {
    throw new CommissionError(field, 'Une durée est un nombre entier de mois entre 1 et 120.', 'invalid_scheme');
  }
}

export function validateScheme(scheme: CommissionScheme): void {
  const f = 'scheme';
  if (!(scheme.mode in BASES_BY_MODE)) throw new CommissionError(`${f}.mode`, 'Mode inconnu (commission_only, internal_revenue, mixed).', 'invalid_scheme');
  if (!(BASES_BY_MODE[scheme.mode] as readonly string[]).includes(scheme.base)) {
    throw new CommissionError(`${f}.base`, `La base « ${scheme.base} » ne convient pas au mode « ${scheme.mode} ».`, 'invalid_scheme');
  }
  if (!['upfront', 'recurring', 'on_collection'].includes(scheme.settlement)) throw new CommissionError(`${f}.settlement`, 'Règlement inconnu.', 'invalid_scheme');
  if (scheme.accrual !== 'precompte' && scheme.accrual !== 'postcompte') throw new CommissionError(`${f}.accrual`, 'Précompte ou post-compte.', 'invalid_scheme');
  if (scheme.accrual === 'precompte' && scheme.settlement !== 'upfront') {
    throw new CommissionError(`${f}.accrual`, 'Le précompte paie l’année d’avance : il demande un règlement à la vente (upfront).', 'invalid_scheme');
  }
  if (scheme.renewalAccrual !== undefined && scheme.renewalAccrual !== 'precompte' && scheme.renewalAccrual !== 'postcompte') {
    throw new CommissionError(`${f}.renewalAccrual`, 'Précompte ou post-compte.', 'invalid_scheme');
  }
  if (!['new', 'renewal', 'both'].includes(scheme.appliesTo)) throw new CommissionError(`${f}.appliesTo`, 'Valeur inconnue (new, renewal, both).', 'invalid_scheme');
  if (scheme.base === 'fixed') {
    nonNegativeMinor(scheme.fixedAmount, `${f}.fixedAmount`);
    if (scheme.rate || scheme.tiers) throw new CommissionError(`${f}.base`, 'Une commission fixe n’a ni taux ni paliers.', 'invalid_scheme');
  } else {
    if ((scheme.rate === undefined) === (scheme.tiers === undefined)) throw new CommissionError(`${f}.rate`, 'Un taux ou des paliers, l’un des deux.', 'invalid_scheme');
    if (scheme.rate) rateValue(scheme.rate, `${f}.rate`);
    if (scheme.tiers) validateTiers(scheme.tiers, `${f}.tiers`);
  }
  if (scheme.renewalRate) rateValue(scheme.renewalRate, `${f}.renewalRate`);
  if (scheme.tierScope !== undefined && scheme.tierScope !== 'salesperson' && scheme.tierScope !== 'company') {
    throw new CommissionError(`${f}.tierScope`, 'Portée inconnue (salesperson, company).', 'invalid_scheme');
  }
  for (const [i, bonus] of (scheme.bonuses ?? []).entries()) {
    if (!['volume', 'revenue', 'margin'].includes(bonus.basis)) throw new CommissionError(`${f}.bonuses[${i}].basis`, 'Base de prime inconnue.', 'invalid_scheme');
    nonNegativeMinor(bonus.threshold, `${f}.bonuses[${i}].threshold`);
    nonNegativeMinor(bonus.amount, `${f}.bonuses[${i}].amount`);
    if (bonus.beneficiary && !ROLES.includes(bonus.beneficiary)) throw new CommissionError(`${f}.bonuses[${i}].beneficiary`, 'Bénéficiaire inconnu.', 'invalid_scheme');
  }
  if (scheme.malus) {
    months(scheme.malus.months, `${f}.malus.months`);
    nonNegativeMinor(scheme.malus.amount, `${f}.malus.amount`);
    if (scheme.malus.beneficiary && !ROLES.includes(scheme.malus.beneficiary)) throw new CommissionError(`${f}.malus.beneficiary`, 'Bénéficiaire inconnu.', 'invalid_scheme');
  }
  if (scheme.clawback) {
    months(scheme.clawback.months, `${f}.clawback.months`);
    if (scheme.clawback.rule !== 'full' && scheme.clawback.rule !== 'pro_rata') throw new CommissionError(`${f}.clawback.rule`, 'Règle inconnue (full, pro_rata).', 'invalid_scheme');
  }
  for (const key of ['perLine', 'perPeriod'] as const) {
    const bounds = scheme[key];
    if (!bounds) continue;
    if (bounds.min !== undefined) nonNegativeMinor(bounds.min, `${f}.${key}.min`);
    if (bounds.max !== undefined) nonNegativeMinor(bounds.max, `${f}.${key}.max`);
    if (bounds.min !== undefined && bounds.max !== undefined && bounds.min > bounds.max) {
      throw new CommissionError(`${f}.${key}`, 'Le minimum dépasse le maximum.', 'invalid_scheme');
    }
  }
  splitShares(scheme.split, `${f}.split`);
  if (scheme.due) validateDueRule(scheme.due, `${f}.due`);
}
