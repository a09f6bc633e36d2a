import { queryOptions } from '@tanstack/react-query';
import { api } from './api.ts';

// The back-office of journeys (server/src/sales/journeys/admin/journey-admin.routes.ts): journeys and their
// definitions, prospects (seed 004's "Prospects", "Conversions", "Clients actifs" views), the KPIs and revenue over
// time, GDPR export and erasure. Dates travel as ISO strings, money as integer minor units, rates as per-mille integers.

export const prospectStatuses = ['prospect', 'en_signature', 'en_paiement', 'client_actif', 'paiement_en_echec', 'mandat_resilie', 'abandonne'] as const;
export type ProspectStatus = (typeof prospectStatuses)[number];
export const clientTypes = ['particulier', 'entreprise'] as const;
export type ClientType = (typeof clientTypes)[number];

export interface JourneyListItem {
  id: string;
  companyId: string;
  slug: string;
  name: string;
  active: boolean;
  version: number;
  product: { sku: string; name: string };
  byStatus: Partial<Record<ProspectStatus, number>>;
}

export interface JourneyDetail {
  id: string;
  workspaceId: string;
  companyId: string;
  productId: string;
  slug: string;
  name: string;
  active: boolean;
  version: number;
  definition: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  /** Path of the public start page, `/parcours/{workspace}/{journey}`. */
  publicUrl: string;
}

export interface ProspectSummary {
  id: string;
  journeyId: string;
  companyId: string;
  status: ProspectStatus;
  statusLabel: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  clientType: ClientType | null;
  source: string;
  offered: boolean;
  priceAmount: number | null;
  currency: string | null;
  mandateNumber: string | null;
  startedAt: string;
  lastActivityAt: string;
  questionnaireCompletedAt: string | null;
  signedAt: string | null;
  activatedAt: string | null;
  erasedAt: string | null;
}

export interface ProspectField {
  id: string;
  label: string;
  type: string;
  options: { value: string; label: string }[] | null;
}

export interface ProspectEvent {
  id: string;
  kind: string;
  fromStatus: ProspectStatus | null;
  toStatus: ProspectStatus | null;
  detail: Record<string, unknown> | null;
  at: string;
}

export interface ProspectDetail extends ProspectSummary {
  answers: Record<string, unknown>;
  fields: ProspectField[];
  consent: { version: string | null; text: string | null; at: string } | null;
  quote: Record<string, unknown> | null;
  recommendation: Record<string, unknown> | null;
  signatureRequestId: string | null;
  order: { id: string; number: string; status: string; totalInclTax: number; currency: string } | null;
  /** Path of the prospect's personal page, null once erased. */
  publicUrl: string | null;
  events: ProspectEvent[];
}

export interface ProspectFilters {
  journeyId?: string;
  /** One status or several (sent comma-separated). */
  status?: readonly ProspectStatus[];
  clientType?: ClientType;
  source?: string;
  q?: string;
  from?: string;
  to?: string;
  sort?: 'started' | 'activity' | 'activated';
  limit?: number;
  offset?: number;
}

export interface ProspectList {
  items: ProspectSummary[];
  total: number;
  /** Every source seen in the workspace (the source filter's options). */
  sources: string[];
}

export interface FunnelKpis {
  started: number;
  questionnairesCompleted: number;
  signatures: number;
  activations: number;
  abandoned: number;
  renewalsDue: number;
  renewed: number;
  questionnaireCompletionPermille: number | null;
  signaturePermille: number | null;
  paymentConversionPermille: number | null;
  abandonmentPermille: number | null;
  renewalPermille: number | null;
  meanJourneySeconds: number | null;
}

export const kpiKeys = [
  'questionnaireCompletionPermille',
  'signaturePermille',
  'paymentConversionPermille',
  'meanJourneySeconds',
  'abandonmentPermille',
  'renewalPermille',
] as const;
export type KpiKey = (typeof kpiKeys)[number];

export interface KpiTarget {
  target: number;
  /** The KPI must stay under its target. */
  below: boolean;
}

export interface RevenueByType {
  clientType: ClientType;
  clients: number;
  mrr: number;
  arr: number;
}

export interface JourneyAnalytics {
  timeZone: string;
  kpis: FunnelKpis;
  targets: Record<KpiKey, KpiTarget>;
  series: (FunnelKpis & { bucket: string })[];
  revenue: {
    mrr: number;
    arr: number;
    clients: number;
    byClientType: RevenueByType[];
    currency: string | null;
    series: { bucket: string; mrr: number; arr: number; particulier: number; entreprise: number }[];
  };
}

export interface AnalyticsFilters {
  journeyId?: string;
  /** YYYY-MM-DD, both included. */
  from: string;
  to: string;
  granularity: 'month' | 'week';
  clientType?: ClientType;
  source?: string;
}

export interface ErasureResult {
  erasedAt: string;
  kept: { orders: number };
}

function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const journeysQuery = queryOptions({
  queryKey: ['journeys'],
  queryFn: ({ signal }) => api.get<{ items: JourneyListItem[] }>('/api/journeys', signal),
});

export const journeyQuery = (journeyId: string) =>
  queryOptions({
    queryKey: ['journeys', journeyId],
    queryFn: ({ signal }) => api.get<JourneyDetail>(`/api/journeys/${encodeURIComponent(journeyId)}`, signal),
  });

export const journeyAnalyticsQuery = (filters: AnalyticsFilters) =>
  queryOptions({
    queryKey: ['journeys', 'analytics', filters],
    queryFn: ({ signal }) => api.get<JourneyAnalytics>(`/api/journeys/analytics${queryString({ ...filters })}`, signal),
  });

export const prospectsQuery = (filters: ProspectFilters) =>
  queryOptions({
    queryKey: ['prospects', filters],
    queryFn: ({ signal }) => api.get<ProspectList>(`/api/prospects${queryString({ ...filters, status: filters.status?.join(',') || undefined })}`, signal),
  });

export const prospectQuery = (prospectId: string) =>
  queryOptions({
    queryKey: ['prospects', 'detail', prospectId],
    queryFn: ({ signal }) => api.get<ProspectDetail>(`/api/prospects/${encodeURIComponent(prospectId)}`, signal),
  });

export const personalDataPath = (prospectId: string) => `/api/prospects/${encodeURIComponent(prospectId)}/personal-data`;

export const journeysAdminApi = {
  saveDefinition: (journeyId: string, definition: unknown) => api.put<{ id: string; version: number }>(`/api/journeys/${encodeURIComponent(journeyId)}/definition`, definition),
  patchJourney: (journeyId: string, patch: { active?: boolean; name?: string }) =>
    api.patch<{ id: string; active: boolean; name: string }>(`/api/journeys/${encodeURIComponent(journeyId)}`, patch),
  invite: (journeyId: string, input: { offered: boolean; source?: string }) =>
    api.post<{ prospectId: string; url: string }>(`/api/journeys/${encodeURIComponent(journeyId)}/invitations`, input),
  erase: (prospectId: string, reason: string) => api.post<ErasureResult>(`/api/prospects/${encodeURIComponent(prospectId)}/erase`, { reason }),
};
