import { queryOptions } from '@tanstack/react-query';
import { api, apiDownload, type DownloadedFile } from './api.ts';

// Accounting (server/src/accounting/accounting.routes.ts): the ledger explorer, the exports with their journal, and the
// company's accounts. Amounts are integer minor units.

export const exportKinds = ['csv', 'xlsx', 'vat', 'statement', 'fec'] as const;
export type ExportKind = (typeof exportKinds)[number];
export const journals = ['VE', 'AC', 'BQ', 'OD'] as const;
export type Journal = (typeof journals)[number];

export interface LedgerLine {
  id: string;
  entryId: string;
  number: string;
  date: string;
  journal: Journal;
  account: string;
  auxAccount: string | null;
  kind: string;
  label: string;
  debit: number;
  credit: number;
  vatAmount: number;
  vatRateBp: number;
  productSku: string | null;
  pieceRef: string;
}

export interface LedgerPage {
  items: LedgerLine[];
  total: number;
  debit: number;
  credit: number;
  byAccount: { account: string; debit: number; credit: number }[];
}

export interface AccountingExport {
  id: string;
  companyId: string;
  kind: ExportKind;
  period: string;
  status: 'running' | 'done' | 'failed';
  fileName: string;
  sha256: string | null;
  size: number | null;
  lineCount: number | null;
  progress: number;
  totalLines: number;
  requestedBy: string;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface LedgerFilters {
  period: string;
  account?: string;
  journal?: Journal;
  product?: string;
  limit?: number;
  offset?: number;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const accountingApi = {
  lines: (companyId: string, filters: LedgerFilters, signal?: AbortSignal) => api.get<LedgerPage>(`/api/accounting/companies/${companyId}/lines${query({ ...filters })}`, signal),
  exports: (companyId: string, signal?: AbortSignal) => api.get<{ items: AccountingExport[] }>(`/api/accounting/companies/${companyId}/exports`, signal),
  startExport: (companyId: string, body: { kind: ExportKind; period: string }) => api.post<AccountingExport>(`/api/accounting/companies/${companyId}/exports`, body),
  download: (exportId: string): Promise<DownloadedFile> => apiDownload(`/api/accounting/exports/${exportId}/file`),
};

export const accountingKeys = {
  all: ['accounting'] as const,
  lines: (companyId: string, filters: LedgerFilters) => ['accounting', 'lines', companyId, filters] as const,
  exports: (companyId: string) => ['accounting', 'exports', companyId] as const,
};

export const ledgerQuery = (companyId: string, filters: LedgerFilters) =>
  queryOptions({ queryKey: accountingKeys.lines(companyId, filters), queryFn: ({ signal }) => accountingApi.lines(companyId, filters, signal), enabled: Boolean(companyId) });

export const exportsQuery = (companyId: string) =>
  queryOptions({
    queryKey: accountingKeys.exports(companyId),
    queryFn: ({ signal }) => accountingApi.exports(companyId, signal),
    enabled: Boolean(companyId),
    // While an export runs, its progress is polled.
    refetchInterval: (q) => (q.state.data?.items.some((i) => i.status === 'running') ? 1_000 : false),
  });

/** The current month, YYYY-MM. */
export function currentPeriod(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}
