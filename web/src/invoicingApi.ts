import { queryOptions } from '@tanstack/react-query';
import { api, apiDownload } from './api.ts';
import type { Currency, Refund, RefundReason } from './paymentsApi.ts';

// Invoices and credit notes (server/src/invoicing/routes/*.routes.ts): the back-office list and detail, downloads,
// resending, crediting an invoice, the per-company settings, and the customer's documents by order token.
// Amounts are integers in minor units; VAT rates are basis points (2000 = 20 %).

export const invoiceKinds = ['invoice', 'credit_note'] as const;
export type InvoiceKind = (typeof invoiceKinds)[number];
export const invoiceStatuses = ['rendering', 'ready', 'sent'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

export interface InvoiceSummary {
  id: string;
  companyId: string;
  kind: InvoiceKind;
  /** F-2026-000123, AV-2026-000007. */
  number: string;
  /** YYYY-MM-DD. */
  issueDate: string;
  orderId: string;
  /** Credit notes: the invoice they correct. */
  creditedInvoiceId: string | null;
  currency: Currency;
  totalExclTax: number;
  totalTax: number;
  totalInclTax: number;
  status: InvoiceStatus;
  pdfSha256: string | null;
  xmlSha256: string | null;
  sentAt: string | null;
  sentTo: string | null;
}

export interface InvoiceListItem extends InvoiceSummary {
  customerName: string;
}

export interface InvoiceFilters {
  companyId?: string;
  kind?: InvoiceKind;
  /** YYYY-MM-DD, inclusive, on the issue date. */
  from?: string;
  to?: string;
  status?: InvoiceStatus;
  q?: string;
  limit?: number;
  offset?: number;
}

/** The legal content as issued (server/src/invoicing/formats/invoice-document.ts). */
export type VatCategory = 'S' | 'Z' | 'E' | 'AE' | 'O';

export interface PostalAddress {
  line1: string;
  line2?: string | null;
  postalCode: string;
  city: string;
  country: string;
}

export interface Party {
  name: string;
  siren?: string | null;
  siret?: string | null;
  vatNumber?: string | null;
  address: PostalAddress;
  email?: string | null;
}

export interface Seller extends Party {
  legalMention?: string | null;
  registration?: string | null;
  brand?: { displayName: string; primaryColor?: string | null };
  iban?: string | null;
  bic?: string | null;
}

export interface InvoiceDocumentLine {
  position: number;
  description: string;
  quantity: number;
  unitPriceExclTax: number;
  amountExclTax: number;
  vatCategory: VatCategory;
  vatRateBp: number;
}

export interface VatBreakdown {
  vatCategory: VatCategory;
  vatRateBp: number;
  taxableAmount: number;
  taxAmount: number;
  exemptionReason?: string | null;
  exemptionCode?: string | null;
}

export interface InvoiceDocument {
  kind: InvoiceKind;
  number: string;
  issueDate: string;
  deliveryDate?: string | null;
  dueDate?: string | null;
  currency: Currency;
  language: 'fr' | 'en';
  seller: Seller;
  buyer: Party;
  orderReference?: string | null;
  precedingInvoice?: { number: string; issueDate: string } | null;
  lines: InvoiceDocumentLine[];
  vatBreakdown: VatBreakdown[];
  totals: { lineTotal: number; taxExclusive: number; tax: number; taxInclusive: number; prepaid: number; dueAmount: number };
  paymentTerms: string;
  notes: string[];
  paid: boolean;
}

/** GET /api/invoicing/invoices/:id — the document and the other documents of its order. */
export interface InvoiceDetail extends InvoiceSummary {
  /** Typed loosely by the server (a JSON record): read through `invoiceDocumentOf`. */
  document: Record<string, unknown>;
  related: InvoiceSummary[];
}

/** The server sends the document as a record; it is the InvoiceDocument the formats rendered. */
export function invoiceDocumentOf(detail: InvoiceDetail): InvoiceDocument {
  return detail.document as unknown as InvoiceDocument;
}

export const vatFranchises = ['none', 'fr_293b'] as const;
export type VatFranchise = (typeof vatFranchises)[number];

export interface InvoicingSettings {
  invoicePrefix: string;
  creditNotePrefix: string;
  legalMention: string | null;
  registration: string | null;
  iban: string | null;
  bic: string | null;
  vatFranchise: VatFranchise;
  paymentTermsDays: number;
}

/** GET /api/public/orders/:token/invoices — what the customer sees of their documents. */
export interface PublicInvoice {
  id: string;
  kind: InvoiceKind;
  number: string;
  issueDate: string;
  currency: Currency;
  totalInclTax: number;
  /** The PDF is stored and downloadable. */
  ready: boolean;
}

const enc = encodeURIComponent;

function search(params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const invoicingApi = {
  invoices: (filters: InvoiceFilters, signal?: AbortSignal) => api.get<{ items: InvoiceListItem[]; total: number }>(`/api/invoicing/invoices${search({ ...filters })}`, signal),
  invoice: (invoiceId: string, signal?: AbortSignal) => api.get<InvoiceDetail>(`/api/invoicing/invoices/${enc(invoiceId)}`, signal),
  download: (invoiceId: string, format: 'pdf' | 'xml') => apiDownload(`/api/invoicing/invoices/${enc(invoiceId)}/${format}`),
  resend: (invoiceId: string, to?: string) => api.post<InvoiceSummary>(`/api/invoicing/invoices/${enc(invoiceId)}/resend`, to ? { to } : {}),
  creditNote: (invoiceId: string, body: { amount?: number; reason?: RefundReason }) => api.post<Refund>(`/api/invoicing/invoices/${enc(invoiceId)}/credit-note`, body),
  settings: (companyId: string, signal?: AbortSignal) => api.get<InvoicingSettings>(`/api/invoicing/settings/${enc(companyId)}`, signal),
  saveSettings: (companyId: string, body: InvoicingSettings) => api.put<InvoicingSettings>(`/api/invoicing/settings/${enc(companyId)}`, body),
  publicInvoices: (token: string, signal?: AbortSignal) => api.get<{ items: PublicInvoice[] }>(`/api/public/orders/${enc(token)}/invoices`, signal),
};

/** A plain link works for the customer: the order's token is the capability. */
export function publicInvoicePdfUrl(token: string, invoiceId: string): string {
  return `/api/public/orders/${enc(token)}/invoices/${enc(invoiceId)}/pdf`;
}

export const invoicingKeys = {
  all: ['invoicing'] as const,
  invoices: ['invoicing', 'invoices'] as const,
  invoiceList: (filters: InvoiceFilters) => ['invoicing', 'invoices', 'list', filters] as const,
  invoice: (invoiceId: string) => ['invoicing', 'invoices', 'detail', invoiceId] as const,
  orderInvoices: (orderId: string) => ['invoicing', 'invoices', 'order', orderId] as const,
  settings: (companyId: string) => ['invoicing', 'settings', companyId] as const,
  publicInvoices: (token: string) => ['public', 'orders', token, 'invoices'] as const,
};

export const invoicesQuery = (filters: InvoiceFilters) => queryOptions({ queryKey: invoicingKeys.invoiceList(filters), queryFn: ({ signal }) => invoicingApi.invoices(filters, signal) });
export const invoiceQuery = (invoiceId: string) => queryOptions({ queryKey: invoicingKeys.invoice(invoiceId), queryFn: ({ signal }) => invoicingApi.invoice(invoiceId, signal) });
export const invoicingSettingsQuery = (companyId: string) =>
  queryOptions({ queryKey: invoicingKeys.settings(companyId), queryFn: ({ signal }) => invoicingApi.settings(companyId, signal) });
export const publicInvoicesQuery = (token: string) =>
  queryOptions({ queryKey: invoicingKeys.publicInvoices(token), queryFn: ({ signal }) => invoicingApi.publicInvoices(token, signal) });

/**
 * The documents of one order. The list API has no order filter, so it is narrowed on the server by the order's
 * company and its customer's name (the search matches names), then kept to the order here.
 */
export const orderInvoicesQuery = (order: { id: string; companyId: string; customerName: string }) =>
  queryOptions({
    queryKey: invoicingKeys.orderInvoices(order.id),
    queryFn: async ({ signal }) => {
      const { items } = await invoicingApi.invoices({ companyId: order.companyId, q: order.customerName.trim().slice(0, 100) || undefined, limit: 200 }, signal);
      // Oldest first, each invoice before the credit notes issued the same day.
      const rank = (kind: InvoiceKind) => (kind === 'invoice' ? 0 : 1);
      return items
        .filter((item) => item.orderId === order.id)
        .sort((a, b) => a.issueDate.localeCompare(b.issueDate) || rank(a.kind) - rank(b.kind) || a.number.localeCompare(b.number));
    },
  });
