import { type AccountingPlan, DEFAULT_ACCOUNTS } from '../../commissions/engine/index.ts';

/**
 * The general accounts of a company (seed 003 §3.6, Annex F §4–5): the commission engine's plan (revenue 706, commission
 * income 756200, 467 partner, 411 customer, 4457 VAT collected, 641/421 people, 628/401 partners and platform) plus
 * what payments need: 627 bank and PSP fees, 4456 deductible VAT, 511 provider clearing (« valeurs à l'encaissement »:
 * what the payment provider holds for us until it pays out) and 512 bank.
 */
export interface AccountPlan extends AccountingPlan {
  bankFees: string;
  vatDeductible: string;
  providerClearing: string;
  bank: string;
}

export const DEFAULT_ACCOUNT_PLAN: AccountPlan = {
  ...DEFAULT_ACCOUNTS,
  bankFees: '627100',
  vatDeductible: '445660',
  providerClearing: '511200',
  bank: '512000',
};

export const ACCOUNT_KEYS = Object.keys(DEFAULT_ACCOUNT_PLAN) as (keyof AccountPlan)[];

/** A French general account number: 3 to 12 digits, first one a class 1–8 (PCG). */
export const ACCOUNT_NUMBER = /^[1-8][0-9]{2,11}$/;

export function accountPlan(overrides: Partial<AccountPlan> | null | undefined): AccountPlan {
  const plan = { ...DEFAULT_ACCOUNT_PLAN };
  for (const key of ACCOUNT_KEYS) {
    const value = overrides?.[key];
    if (typeof value === 'string' && ACCOUNT_NUMBER.test(value)) plan[key] = value;
  }
  return plan;
}

/** Account labels for the FEC's CompteLib (PCG class names, by the longest known prefix). */
const LABELS: [string, string][] = [
  ['4456', 'TVA déductible'],
  ['4457', 'TVA collectée'],
  ['401', 'Fournisseurs'],
  ['411', 'Clients'],
  ['421', 'Personnel - rémunérations dues'],
  ['467', 'Autres comptes débiteurs ou créditeurs'],
  ['511', 'Valeurs à l\u2019encaissement'],
  ['512', 'Banques'],
  ['580', 'Virements internes'],
  ['627', 'Services bancaires et assimilés'],
  ['628', 'Divers (commissions versées)'],
  ['641', 'Rémunérations du personnel'],
  ['701', 'Ventes de produits finis'],
  ['706', 'Prestations de services'],
  ['709', 'Rabais, remises et ristournes accordés'],
  ['756', 'Produits financiers - commissions'],
];

export function accountLabel(account: string): string {
  let best: [string, string] | undefined;
  for (const entry of LABELS) if (account.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  return best ? best[1] : `Compte ${account}`;
}

/** Journals (PCG usage): sales, purchases, bank, miscellaneous. */
export const JOURNALS = { VE: 'Ventes', AC: 'Achats', BQ: 'Banque', OD: 'Opérations diverses' } as const;
export type JournalCode = keyof typeof JOURNALS;

/** Annex F §3 « Journal » column: VENTE, ACHAT, BANQUE (OD for the rest). */
export const ANNEX_F_JOURNAL: Record<JournalCode, string> = { VE: 'VENTE', AC: 'ACHAT', BQ: 'BANQUE', OD: 'OD' };
