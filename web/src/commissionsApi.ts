import { queryOptions } from '@tanstack/react-query';
import { api } from './api.ts';

// Commissions (server/src/commissions/commissions.routes.ts): the simulator (seed 003 Annex E §2.4) and statements.

export type Role = 'company' | 'salesperson' | 'manager' | 'partner' | 'platform';
export const roles: readonly Role[] = ['company', 'salesperson', 'manager', 'partner', 'platform'];

export interface EntryLine {
  account: string;
  type: string;
  debit: number;
  credit: number;
  vat: number;
  vatRateBp: number;
}

export interface SimulationResult {
  product: { id: string; sku: string; name: string; revenueModel: string };
  hasScheme: boolean;
  mode: string | null;
  currency: string;
  total: number;
  bars: { tier: string; volume: number; base: number; rate: string | null; commission: number; segments: { role: Role; amount: number }[] }[];
  beneficiaries: { role: Role; amount: number }[];
  bonuses: number;
  entries: { date: string; journal: string; label: string; saleId: string | null; lines: EntryLine[] }[];
}

export interface SimulationInput {
  productId: string;
  /** A version of the product (default: the version in force). */
  versionId?: string;
  volume: number;
  amount: number;
  margin?: number;
  date?: string;
}

export interface StatementLine {
  id: string;
  saleId: string | null;
  productSku: string;
  kind: string;
  role: Role;
  beneficiary: string | null;
  eventDate: string;
  dueDate: string;
  status: string;
  base: number;
  rate: string | null;
  tier: string | null;
  commission: number;
  share: string;
  amount: number;
  currency: string;
  explanation: string;
}

export interface Statement {
  period: string;
  totals: { role: Role; beneficiary: string | null; beneficiaryName: string | null; earned: number; clawedBack: number; net: number; count: number }[];
  lines: StatementLine[];
}

export const commissionsApi = {
  simulate: (companyId: string, body: SimulationInput) => api.post<SimulationResult>(`/api/commissions/companies/${companyId}/simulate`, body),
  statements: (companyId: string, period: string, role?: Role, signal?: AbortSignal) =>
    api.get<Statement>(`/api/commissions/companies/${companyId}/statements?period=${encodeURIComponent(period)}${role ? `&role=${role}` : ''}`, signal),
  recompute: (companyId: string) => api.post<{ products: number; lines: number; postedEvents: number }>(`/api/commissions/companies/${companyId}/recompute`),
};

export const statementsQuery = (companyId: string, period: string, role?: Role) =>
  queryOptions({ queryKey: ['commissions', 'statements', companyId, period, role ?? 'all'], queryFn: ({ signal }) => commissionsApi.statements(companyId, period, role, signal), enabled: Boolean(companyId) });
