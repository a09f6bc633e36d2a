/**
 * The demo products, priced by the engine with the figures of the source specifications (shared/seeds). Used by the
 * tests and by the demo seed: change a price here and both follow.
 */
import type { PricedProduct } from './contract.ts';
import { ONE_TIME, monthly, yearly } from './recurrence.ts';
import type { GridRow, GridRule } from './rules.ts';

/** Mondial TV — « Offre TV » (seed 003 §13 and Annex A §7): 9,90 / 19,90 / 29,90 € TTC a month, VAT 20 %. */
export const MONDIAL_TV: PricedProduct = {
  sku: 'MTV-OFFRE-001',
  name: 'Offre TV',
  versionNumber: 1,
  currency: 'EUR',
  country: 'FR',
  plans: [
    { code: 'BASIC', name: 'Essentiel', rule: { type: 'fixed', amount: 990, taxMode: 'incl', taxCategory: 'standard', recurrence: monthly() } },
    { code: 'CONFORT', name: 'Confort', rule: { type: 'fixed', amount: 1990, taxMode: 'incl', taxCategory: 'standard', recurrence: monthly() } },
    { code: 'PREMIUM', name: 'Premium', rule: { type: 'fixed', amount: 2990, taxMode: 'incl', taxCategory: 'standard', recurrence: monthly() } },
  ],
};

const particulier = { attribute: 'client_type', op: 'eq', value: 'particulier' } as const;
const entreprise = { attribute: 'client_type', op: 'eq', value: 'entreprise' } as const;

function employeesRow(min: number, max: number | undefined, francs: number, label: string): GridRow {
  return {
    when: [entreprise, { attribute: 'employees', op: 'between', min, ...(max === undefined ? {} : { max }) }],
    amount: francs * 100,
    label,
    code: max === undefined ? `entreprise_${min}_plus` : min === max ? `entreprise_${min}` : `entreprise_${min}_${max}`,
  };
}

/**
 * WIN WIN Finance — the yearly management mandate grid (seed 004 « Calcul du Tarif » and the Stripe price table).
 *
 * VAT: the mandate is exempt, code CH-21. WIN WIN manages its clients' insurance policies as their broker, and
 * art. 21 al. 2 ch. 18 LTVA excludes insurance operations « y compris les prestations des courtiers et des
 * intermédiaires d'assurance » from Swiss VAT; the seed also shows every price as an all-in « CHF 185.-/an » with a
 * « Total TTC » equal to it. Should the tax adviser rule the mandate taxable, switch `taxCategory` to 'standard' and
 * drop `exemptionCode`: `taxMode: 'incl'` keeps the customer's price at CHF 185.– (HT 171.14 + TVA 8,1 % 13.86).
 */
export const WIN_WIN_GRID: GridRule = {
  type: 'grid',
  taxMode: 'incl',
  taxCategory: 'exempt',
  exemptionCode: 'CH-21',
  recurrence: yearly(),
  dimensions: {
    client_type: { type: 'string', label: 'Type de client', values: ['particulier', 'entreprise'] },
    age: { type: 'integer', label: 'Âge', min: 0, max: 130 },
    employees: { type: 'integer', label: 'Nombre d’employés', min: 0, max: 100_000 },
    free: { type: 'boolean', label: 'Mandat offert' },
  },
  rows: [
    { when: [{ attribute: 'free', op: 'is_true' }], amount: 0, label: 'Mandat offert', code: 'offert' },
    { when: [particulier, { attribute: 'age', op: 'between', max: 17 }], amount: 0, label: 'particulier < 18 ans (gratuit)', code: 'particulier_moins_18' },
    { when: [particulier, { attribute: 'age', op: 'between', min: 18, max: 22 }], amount: 8500, label: 'particulier 18-22 ans', code: 'particulier_18_22' },
    { when: [particulier, { attribute: 'age', op: 'between', min: 23 }], amount: 18_500, label: 'particulier > 22 ans', code: 'particulier_plus_22' },
    employeesRow(0, 0, 160, 'entreprise 0 employé'),
    employeesRow(1, 1, 260, 'entreprise 1 employé'),
    employeesRow(2, 2, 360, 'entreprise 2 employés'),
    employeesRow(3, 5, 460, 'entreprise 3-5 employés'),
    employeesRow(6, 10, 560, 'entreprise 6-10 employés'),
    employeesRow(11, 20, 660, 'entreprise 11-20 employés'),
    employeesRow(21, 30, 760, 'entreprise 21-30 employés'),
    employeesRow(31, undefined, 860, 'entreprise 31+ employés'),
  ],
};

export const WIN_WIN: PricedProduct = {
  sku: 'WW-MANDAT-GESTION',
  name: 'Mandat de gestion',
  versionNumber: 1,
  currency: 'CHF',
  country: 'CH',
  plans: [{ code: 'ANNUEL', name: 'Mandat de gestion annuel', rule: WIN_WIN_GRID }],
};

/** Depanssur — one-shot service, 100 € TTC, VAT 20 % (seed 003 §13). */
export const DEPANSSUR: PricedProduct = {
  sku: 'DEP-SERVICE-001',
  name: 'Depanssur',
  versionNumber: 1,
  currency: 'EUR',
  country: 'FR',
  plans: [
    { code: 'INTERVENTION', name: 'Intervention dépannage', rule: { type: 'fixed', amount: 10_000, taxMode: 'incl', taxCategory: 'standard', recurrence: ONE_TIME } },
  ],
};

/**
 * MécaFormation — coaching offers (seed 002): 890 € and 1 490 €, one-shot. Vocational training by a declared training
 * organisation is VAT-exempt (art. 261-4-4° a du CGI), so the prices are net and carry the mention.
 */
export const MECAFORMATION_COACHING: PricedProduct = {
  sku: 'MECA-COACHING',
  name: 'Coaching MécaFormation',
  versionNumber: 1,
  currency: 'EUR',
  country: 'FR',
  plans: [
    {
      code: 'PRIMO',
      name: 'Coaching Primo-Arrivants',
      rule: { type: 'fixed', amount: 89_000, taxMode: 'incl', taxCategory: 'exempt', exemptionCode: 'FR-261-4-4a', recurrence: ONE_TIME },
    },
    {
      code: 'GARAGES_PRO',
      name: 'Coaching Garages Pro',
      rule: { type: 'fixed', amount: 149_000, taxMode: 'incl', taxCategory: 'exempt', exemptionCode: 'FR-261-4-4a', recurrence: ONE_TIME },
    },
  ],
};

/**
 * MécaFormation — platform subscription (our demo price, the seed gives none): 29 € TTC a month or 290 € TTC a year.
 * Access to the knowledge base, the assistant and self-paced content is an electronically supplied service, not a
 * training action with a programme and an attendance record, hence the standard rate rather than the exemption.
 */
export const MECAFORMATION_SUBSCRIPTION: PricedProduct = {
  sku: 'MECA-ABONNEMENT',
  name: 'Abonnement MécaFormation',
  versionNumber: 1,
  currency: 'EUR',
  country: 'FR',
  plans: [
    { code: 'MENSUEL', name: 'Mensuel', rule: { type: 'fixed', amount: 2900, taxMode: 'incl', taxCategory: 'standard', recurrence: monthly() } },
    { code: 'ANNUEL', name: 'Annuel', rule: { type: 'fixed', amount: 29_000, taxMode: 'incl', taxCategory: 'standard', recurrence: yearly() } },
  ],
};

export const DEMO_PRODUCTS: readonly PricedProduct[] = [MONDIAL_TV, WIN_WIN, DEPANSSUR, MECAFORMATION_COACHING, MECAFORMATION_SUBSCRIPTION];
