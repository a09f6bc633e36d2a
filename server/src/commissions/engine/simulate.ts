/**
 * The commission simulator (seed 003 Annex E §2.4): a company, a product's scheme, a sales volume and an amount →
 * the commission per tier and per beneficiary (stacked bars: one bar per tier, one segment per role) and the
 * journal entries it would produce (Annex F). The volume is simulated as that many sales in one month, for one
 * salesperson, the amount shared equally between them (largest remainder: the sales add up to it exactly); a
 * recurring or on-collection scheme is simulated on one month of it.
 */
import { commissionEntries, DEFAULT_ACCOUNTS, type AccountingPlan, type JournalEntry, revenueEntry } from './accounting.ts';
import { computeCommissions } from './compute.ts';
import type { CommissionLine, CommissionScheme, Sale } from './contract.ts';
import { CommissionError } from './errors.ts';
import type { Currency } from './money.ts';
import type { Role } from './split.ts';

export interface SimulationInput {
  company: { name?: string; timeZone: string; currency: Currency };
  scheme: CommissionScheme | null;
  /** Number of sales of the month. */
  volume: number;
  /** Their amount HT in minor units: revenue (internal), premium (partner) — the scheme's base. */
  amount: number;
  /** Their margin, for margin schemes. */
  margin?: number;
  /** Day of the simulated sales (`YYYY-MM-DD`). */
  date: string;
  /** VAT on internal revenue (basis points, default 2000); partner commissions carry none. */
  vatRateBp?: number;
  accounts?: AccountingPlan;
}

export interface SimulationBar {
  tier: string;
  volume: number;
  base: number;
  rate: string | null;
  commission: number;
  segments: { role: Role; amount: number }[];
}

export interface SimulationResult {
  currency: Currency;
  total: number;
  bars: SimulationBar[];
  beneficiaries: { role: Role; amount: number }[];
  bonuses: number;
  lines: CommissionLine[];
  entries: JournalEntry[];
}

/** `total` shared into `parts` integers as equal as possible, adding up exactly (the first ones get the extra cent). */
function share(total: number, parts: number): number[] {
  const each = Math.floor(total / parts);
  const extra = total - each * parts;
  return Array.from({ length: parts }, (_, i) => each + (i < extra ? 1 : 0));
}

export function simulate(input: SimulationInput): SimulationResult {
  const { volume, amount, company } = input;
  if (!Number.isSafeInteger(volume) || volume < 0 || volume > 100_000) throw new CommissionError('volume', 'Le volume est un entier entre 0 et 100 000.', 'invalid_input');
  if (!Number.isSafeInteger(amount) || amount < 0) throw new CommissionError('amount', 'Le montant est un entier positif de centimes.', 'invalid_input');
  const margin = input.margin ?? 0;
  const amounts = volume === 0 ? [] : share(amount, volume);
  const margins = volume === 0 ? [] : share(margin, volume);
  const sales: Sale[] = amounts.map((a, i) => ({
    id: `SIM-${String(i + 1).padStart(5, '0')}`,
    at: input.date,
    amount: a,
    margin: margins[i],
    salesperson: 'commercial',
    manager: 'manager',
    partner: 'partenaire',
  }));
  const accounts = input.accounts ?? DEFAULT_ACCOUNTS;
  const revenue = input.scheme === null || input.scheme.mode !== 'commission_only' ? [revenueEntry(input.date, null, amount, input.vatRateBp ?? 2000, accounts, `CA simulé (${volume} ventes)`)] : [];
  if (input.scheme === null) {
    return { currency: company.currency, total: 0, bars: [], beneficiaries: [], bonuses: 0, lines: [], entries: volume === 0 ? [] : revenue };
  }
  const scheme: CommissionScheme = { ...input.scheme, settlement: 'upfront', accrual: input.scheme.accrual, appliesTo: 'both', clawback: undefined, malus: undefined };
  const { lines } = computeCommissions({ company, scheme, sales });
  const bars = new Map<string, SimulationBar>();
  const seen = new Set<string>();
  for (const l of lines) {
    if (l.kind !== 'commission') continue;
    const key = l.tier ?? (l.rate ?? 'forfait');
    const bar = bars.get(key) ?? { tier: key, volume: 0, base: 0, rate: l.rate, commission: 0, segments: [] };
    if (!seen.has(l.saleId!)) {
      seen.add(l.saleId!);
      bar.volume += 1;
      bar.base += l.base;
      bar.commission += l.commission;
    }
    const segment = bar.segments.find((s) => s.role === l.role);
    if (segment) segment.amount += l.amount;
    else bar.segments.push({ role: l.role, amount: l.amount });
    bars.set(key, bar);
  }
  const beneficiaries = new Map<Role, number>();
  for (const l of lines) beneficiaries.set(l.role, (beneficiaries.get(l.role) ?? 0) + l.amount);
  const incomeFromPartner = scheme.base === 'premium';
  const entries = [...(scheme.mode === 'internal_revenue' || (scheme.mode === 'mixed' && !incomeFromPartner) ? revenue : []), ...commissionEntries(lines, scheme.mode, incomeFromPartner, accounts)];
  return {
    currency: company.currency,
    total: lines.reduce((a, l) => a + l.amount, 0),
    bars: [...bars.values()],
    beneficiaries: [...beneficiaries.entries()].map(([role, a]) => ({ role, amount: a })),
    bonuses: lines.filter((l) => l.kind === 'bonus').reduce((a, l) => a + l.amount, 0),
    lines,
    entries,
  };
}
