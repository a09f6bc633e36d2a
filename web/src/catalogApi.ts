import { queryOptions } from '@tanstack/react-query';
import { api, apiRequest } from './api.ts';

// Catalog endpoints (server/src/catalog/**/*.routes.ts): products, versions, plans,
// documents, publications, risks, partners, and the pricing quote.

export const lifecycleStatuses = ['draft', 'test', 'active', 'frozen', 'retired'] as const;
export type LifecycleStatus = (typeof lifecycleStatuses)[number];

/** Seed 003 Annex C §1, mirrored from server/src/catalog/rules/lifecycle.ts (the server decides). */
export const nextStatuses: Record<LifecycleStatus, readonly LifecycleStatus[]> = {
  draft: ['test', 'retired'],
  test: ['draft', 'active', 'retired'],
  active: ['frozen', 'retired'],
  frozen: ['active', 'retired'],
  retired: [],
};

export const statusColors: Record<LifecycleStatus, string> = {
  draft: 'gray',
  test: 'yellow',
  active: 'green',
  frozen: 'cyan',
  retired: 'red',
};

export const badgeCodes = ['nouveau', 'promo', 'beta', 'sur_devis'] as const;
/** « Promo » follows the promotions in force (server/src/catalog/rules/promo-badge.ts): not chosen by hand. */
export const manualBadgeCodes = badgeCodes.filter((b) => b !== 'promo');
export const badgeColors: Record<string, string> = { nouveau: 'blue', promo: 'pink', beta: 'violet', sur_devis: 'orange' };
export const revenueModels = ['revenue', 'commission', 'mixed'] as const;
export const pricingSources = ['internal', 'partner_api'] as const;
export const pricingModes = ['fixed', 'tiered', 'indexed', 'usage', 'grid', 'bundle', 'partner_api'] as const;
export const channels = ['field', 'telesales', 'web', 'partner', 'marketplace'] as const;
export type Channel = (typeof channels)[number];
export const planRecurrences = ['one_shot', 'monthly', 'yearly', 'custom'] as const;
export type PlanRecurrence = (typeof planRecurrences)[number];
export const taxCategories = ['standard', 'intermediate', 'reduced', 'super_reduced', 'exempt'] as const;
export type TaxCategory = (typeof taxCategories)[number];
export const documentTypes = ['DIPA', 'CG', 'CP', 'CGV', 'CGU', 'NOTICE', 'FAQ', 'TARIF', 'SCRIPT', 'MEDIA'] as const;
export type DocumentType = (typeof documentTypes)[number];

export interface Product {
  id: string;
  sku: string;
  name: string;
  shortName: string | null;
  description: string;
  companyId: string;
  partnerId: string | null;
  riskId: string;
  revenueModel: (typeof revenueModels)[number];
  lifecycleStatus: LifecycleStatus;
  pricingSource: (typeof pricingSources)[number];
  badges: string[];
  createdAt: string;
  updatedAt: string;
}

/** GET /api/catalog/products/:id — the product page. */
export interface ProductDetail {
  product: Product;
  versions: Version[];
  /** The company's currency: amounts of this product are in it. */
  currency: 'EUR' | 'CHF';
  /** The company's time zone: validity days are read in it. */
  timeZone: string;
}

/** A price agreed with one customer; bounds are instants starting a day in the company's zone, inclusive. */
export interface NegotiatedPrice {
  id: string;
  productId: string;
  customerRef: string;
  planCode: string | null;
  amount: number;
  validFrom: string | null;
  validTo: string | null;
}

/** Days (YYYY-MM-DD) are read in the company's zone by the server. */
export interface NegotiatedPriceInput {
  customerRef: string;
  planCode: string | null;
  amount: number;
  validFrom: string | null;
  validTo: string | null;
}

export interface ExternalMapping {
  system: string;
  externalCode: string;
  /** Other products (that you may see) carrying the same code in the same system. */
  sharedWith?: { productId: string; sku: string; name: string }[];
}

export interface Version {
  id: string;
  productId: string;
  version: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  notes: string | null;
  breakingChanges: boolean;
  copiedFromVersionId: string | null;
  state: 'scheduled' | 'current' | 'past';
}

export interface Risk {
  id: string;
  companyId: string;
  code: string;
  label: string;
  scope: string;
  isGlobal: boolean;
}

export interface Partner {
  id: string;
  companyId: string;
  type: string;
  name: string;
  status: string;
}

export interface FixedRuleInput {
  type: 'fixed';
  amount: number;
  taxMode: 'incl' | 'excl';
  taxCategory: TaxCategory;
  recurrence: { kind: 'one_time' } | { kind: 'recurring'; every: number; unit: 'month' | 'year' };
}

export interface PlanInput {
  code: string;
  name: string;
  recurrence: PlanRecurrence;
  billingCycleDays?: number | null;
  rule: FixedRuleInput | Record<string, unknown> | null;
  /** Options and surcharges, kept as loaded. */
  adjustments?: Record<string, unknown>;
}

export interface VersionPlan {
  id: string;
  code: string;
  name: string;
  recurrence: string;
  billingCycleDays: number | null;
  adjustments: Record<string, unknown>;
  rule: Record<string, unknown> | null;
}

export interface CatalogDocument {
  id: string;
  type: string;
  title: string;
  fileName: string;
  contentType: string;
  size: number;
  mandatory: boolean;
  validFrom: string | null;
  validTo: string | null;
  publishedAt: string | null;
}

export interface CommissionScheme {
  id: string;
  planId: string | null;
  appliesTo: string;
  settlement: string;
  split: Record<string, string>;
  /** Seed 003 §3.3 parameters without a column (server: commissionParamsSchema). */
  params?: Record<string, unknown>;
  tiers: { id: string; basis: string; min: string; max: string | null; valueType: string; value: string }[];
}

export interface Publication {
  id: string;
  companyId: string;
  channels: string[];
  visibility: string;
  startAt: string;
  endAt: string | null;
}

export interface VersionDetail {
  version: Version;
  plans: VersionPlan[];
  promotions: Record<string, unknown>[];
  commissionSchemes: CommissionScheme[];
  documents: CatalogDocument[];
  publications: Publication[];
  accountingMappings: { companyId: string; nature: string; glAccount: string; journal: string | null }[];
  cqRules: Record<string, unknown>[];
}

/**
 * Whether a version's plans and documents may still change, mirrored from the server's
 * assertVersionEditable (server/src/catalog/versions/version-service.ts), which decides:
 * a scheduled version always, a version in force only while it was never published.
 */
export function isVersionEditable(detail: Pick<VersionDetail, 'version' | 'publications'>): boolean {
  return detail.version.state === 'scheduled' || detail.publications.length === 0;
}

export interface ChecklistItem {
  code: string;
  ok: boolean;
  message: string;
}

export interface DiffChange {
  section: string;
  key: string;
  change: string;
  fields?: string[];
  before?: unknown;
  after?: unknown;
}

export interface QuoteLine {
  kind: string;
  code: string | null;
  description: string;
  tax_mention: string | null;
  unit_amount: number;
  quantity: number;
  amount_excl_tax: number;
  tax_rate: string;
  tax_amount: number;
  amount_incl_tax: number;
  recurrence: string;
  monthly_equivalent: number | null;
}

export interface Quote {
  currency: 'EUR' | 'CHF';
  product_version: number;
  product: { sku: string; name: string; id: string };
  plan: { code: string; name: string };
  date: string;
  tax_mode: 'incl' | 'excl';
  lines: QuoteLine[];
  total_excl_tax: number;
  total_tax: number;
  total_incl_tax: number;
  breakdown: { step: string; detail: string; amount?: number }[];
}

export interface QuoteRequest {
  sku: string;
  plan?: string;
  quantity?: number;
  attributes?: Record<string, string | number | boolean | null>;
  date?: string;
  channel?: Channel;
  promotion_code?: string | null;
}

export interface ProductFilters {
  q?: string;
  companyId?: string;
  riskId?: string;
  partnerId?: string;
  status?: string;
  integrated?: string;
  published?: string;
  pricingMode?: string;
  limit?: number;
}

function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

const put = (path: string, body: unknown) => apiRequest<void>(path, { method: 'PUT', body });

export const catalogApi = {
  products: (filters: ProductFilters, signal?: AbortSignal) =>
    api.get<{ items: Product[]; total: number }>(`/api/catalog/products${queryString({ ...filters })}`, signal),
  product: (productId: string, signal?: AbortSignal) => api.get<ProductDetail>(`/api/catalog/products/${productId}`, signal),
  createProduct: (body: Record<string, unknown>) => api.post<{ product: Product; versionId: string }>('/api/catalog/products', body),
  transition: (productId: string, status: LifecycleStatus) => api.post<Product>(`/api/catalog/products/${productId}/transition`, { status }),
  createVersion: (productId: string, body: { effectiveFrom: string; notes?: string; copyFromVersionId?: string }) =>
    api.post<Version>(`/api/catalog/products/${productId}/versions`, body),
  version: (versionId: string, signal?: AbortSignal) => api.get<VersionDetail>(`/api/catalog/versions/${versionId}`, signal),
  setPlans: (versionId: string, plans: PlanInput[]) => put(`/api/catalog/versions/${versionId}/plans`, { plans }),
  setCommissions: (versionId: string, schemes: unknown[]) => put(`/api/catalog/versions/${versionId}/commissions`, { schemes }),
  setAccountingMappings: (versionId: string, mappings: unknown[]) => put(`/api/catalog/versions/${versionId}/accounting-mappings`, { mappings }),
  addDocument: (versionId: string, body: Record<string, unknown>) => api.post<CatalogDocument>(`/api/catalog/versions/${versionId}/documents`, body),
  checklist: (versionId: string, companyId: string, list: readonly string[], signal?: AbortSignal) =>
    api.get<{ items: ChecklistItem[]; ready: boolean }>(`/api/catalog/versions/${versionId}/checklist${queryString({ companyId, channels: list.join(',') })}`, signal),
  publish: (versionId: string, body: { companyId: string; channels: string[]; visibility: string; startAt: string }) =>
    api.post<Publication>(`/api/catalog/versions/${versionId}/publications`, body),
  diff: (a: string, b: string, signal?: AbortSignal) => api.get<{ changes: DiffChange[] }>(`/api/catalog/versions/${a}/diff/${b}`, signal),
  risks: (signal?: AbortSignal) => api.get<{ items: Risk[] }>('/api/catalog/risks', signal),
  createRisk: (body: { companyId: string; code: string; label: string }) => api.post<Risk>('/api/catalog/risks', body),
  partners: (signal?: AbortSignal) => api.get<{ items: Partner[] }>('/api/catalog/partners', signal),
  quote: (body: QuoteRequest) => api.post<Quote>('/api/catalog/pricing/quote', body),
  negotiatedPrices: (productId: string, signal?: AbortSignal) => api.get<{ items: NegotiatedPrice[] }>(`/api/catalog/products/${productId}/negotiated-prices`, signal),
  createNegotiatedPrice: (productId: string, body: NegotiatedPriceInput) => api.post<NegotiatedPrice>(`/api/catalog/products/${productId}/negotiated-prices`, body),
  updateNegotiatedPrice: (id: string, body: Partial<NegotiatedPriceInput>) => api.patch<NegotiatedPrice>(`/api/catalog/negotiated-prices/${id}`, body),
  deleteNegotiatedPrice: (id: string) => api.delete(`/api/catalog/negotiated-prices/${id}`),
  externalMappings: (productId: string, signal?: AbortSignal) => api.get<{ items: ExternalMapping[] }>(`/api/catalog/products/${productId}/external-mappings`, signal),
  setExternalMappings: (productId: string, mappings: { system: string; externalCode: string }[]) => put(`/api/catalog/products/${productId}/external-mappings`, { mappings }),
};

export const catalogKeys = {
  all: ['catalog'] as const,
  products: (filters: ProductFilters) => ['catalog', 'products', filters] as const,
  product: (productId: string) => ['catalog', 'product', productId] as const,
  version: (versionId: string) => ['catalog', 'version', versionId] as const,
  negotiatedPrices: (productId: string) => ['catalog', 'product', productId, 'negotiated-prices'] as const,
  externalMappings: (productId: string) => ['catalog', 'product', productId, 'external-mappings'] as const,
  risks: ['catalog', 'risks'] as const,
  partners: ['catalog', 'partners'] as const,
};

export const productsQuery = (filters: ProductFilters) =>
  queryOptions({ queryKey: catalogKeys.products(filters), queryFn: ({ signal }) => catalogApi.products(filters, signal) });
export const productQuery = (productId: string) =>
  queryOptions({ queryKey: catalogKeys.product(productId), queryFn: ({ signal }) => catalogApi.product(productId, signal) });
export const versionQuery = (versionId: string) =>
  queryOptions({ queryKey: catalogKeys.version(versionId), queryFn: ({ signal }) => catalogApi.version(versionId, signal) });
export const negotiatedPricesQuery = (productId: string) =>
  queryOptions({ queryKey: catalogKeys.negotiatedPrices(productId), queryFn: ({ signal }) => catalogApi.negotiatedPrices(productId, signal) });
export const externalMappingsQuery = (productId: string) =>
  queryOptions({ queryKey: catalogKeys.externalMappings(productId), queryFn: ({ signal }) => catalogApi.externalMappings(productId, signal) });
export const risksQuery = queryOptions({ queryKey: catalogKeys.risks, queryFn: ({ signal }) => catalogApi.risks(signal) });
export const partnersQuery = queryOptions({ queryKey: catalogKeys.partners, queryFn: ({ signal }) => catalogApi.partners(signal) });

/** The URL that downloads a stored document (the session cookie authenticates it). */
export function documentContentUrl(documentId: string): string {
  return `/api/catalog/documents/${documentId}/content`;
}
