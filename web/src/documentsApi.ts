import { queryOptions } from '@tanstack/react-query';
import { ApiError, api, type Problem } from './api.ts';
import { getLang } from './i18n/lang.ts';

// Uploaded documents and the insurance-policy extraction (server/src/documents/routes/documents.routes.ts).
// Amounts are integers in minor units (centimes); dates are ISO `YYYY-MM-DD`; confidences 0–100.

export const coverageCodes = [
  'sante_lamal',
  'sante_lca',
  'rc_privee',
  'menage',
  'auto',
  'batiment',
  'vie',
  'protection_juridique',
  'voyage',
  'rc_entreprise',
  'laa',
  'perte_de_gain',
  'lpp',
  'choses_entreprise',
  'cyber',
] as const;
export type CoverageCode = (typeof coverageCodes)[number];

export interface Premium {
  amount: number;
  currency: 'CHF' | 'EUR';
  period: 'year' | 'month';
}

export interface ExtractedField<T> {
  value: T;
  confidence: number;
  source: string;
}

export interface ExtractedFields {
  insurer: ExtractedField<string> | null;
  policyNumber: ExtractedField<string> | null;
  premium: ExtractedField<Premium> | null;
  startDate: ExtractedField<string> | null;
  endDate: ExtractedField<string> | null;
  coverageType: ExtractedField<CoverageCode> | null;
  coverages: CoverageCode[];
}

/** What a person confirms (possibly corrected); `null` = not on this policy. */
export interface ConfirmedFields {
  insurer: string | null;
  policyNumber: string | null;
  premium: Premium | null;
  startDate: string | null;
  endDate: string | null;
  coverageType: CoverageCode | null;
  coverages?: CoverageCode[];
}

export type ExtractionStatus = 'pending' | 'done' | 'failed';

export interface Extraction {
  documentId: string;
  status: ExtractionStatus;
  method: 'text_layer' | 'ocr' | null;
  fields: ExtractedFields | null;
  overallConfidence: number | null;
  error: string | null;
  completedAt: string | null;
  confirmed: ConfirmedFields | null;
  confirmedBy: { kind: 'prospect' | 'user'; id: string; at: string } | null;
  corrections: { by: { kind: 'prospect' | 'user'; id: string }; at: string; changes: { field: string; from: unknown; to: unknown }[] }[];
}

export interface DocumentSummary {
  id: string;
  companyId: string | null;
  owner: { kind: string; id: string };
  purpose: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
  extraction: { status: ExtractionStatus; method: 'text_layer' | 'ocr' | null; overallConfidence: number | null; confirmed: boolean } | null;
}

export interface DocumentDetail extends Omit<DocumentSummary, 'extraction'> {
  extraction: Extraction | null;
  text: string | null;
}

export interface Recommendation {
  gaps: { coverage: CoverageCode; label: string; level: string; reason: string }[];
  overlaps: { coverage: CoverageCode; label: string; policies: number[]; documentIds: string[]; savings: number; reason: string }[];
  estimatedSavings: { amount: number; currency: 'CHF'; basis: string };
  annualPremiums: number;
  lines: string[];
  unconfirmed: string[];
  pending: string[];
}

export interface RecommendationRequest {
  owner: { kind: string; id: string };
  clientType: 'particulier' | 'entreprise';
  employees?: number | null;
  needs: { coverages: CoverageCode[]; budget?: { amount: number; period: 'year' | 'month' } | null; priorities: ('prix' | 'couverture' | 'service')[] };
}

/** Accepted by the server (checked there by magic bytes); the dropzone uses it for the file picker. */
export const POLICY_ACCEPT = 'application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg';

/** The largest upload (the server's UPLOAD_MAX_MB) and the types it reads; the same for every workspace. */
export const uploadPolicyQuery = queryOptions({
  queryKey: ['documents', 'upload-policy'],
  queryFn: ({ signal }) => api.get<{ maxBytes: number; acceptedTypes: string[] }>('/api/documents/upload-policy', signal),
  staleTime: Number.POSITIVE_INFINITY,
});

export const documentsQuery = (filters: { ownerKind?: string; ownerId?: string; purpose?: string }) =>
  queryOptions({
    queryKey: ['documents', 'list', filters],
    queryFn: ({ signal }) => {
      const qs = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1])).toString();
      return api.get<{ items: DocumentSummary[] }>(`/api/documents${qs ? `?${qs}` : ''}`, signal);
    },
  });

export const documentQuery = (documentId: string) =>
  queryOptions({ queryKey: ['documents', 'detail', documentId], queryFn: ({ signal }) => api.get<DocumentDetail>(`/api/documents/${documentId}`, signal) });

export const recommendationRulesQuery = queryOptions({
  queryKey: ['documents', 'recommendation-rules'],
  queryFn: ({ signal }) => api.get<{ coverageRules: { clientType: string; coverage: CoverageCode; level: string; rationale: string }[]; savingsRules: { coverage: CoverageCode; rateBp: number; rationale: string }[] }>('/api/documents/recommendation-rules', signal),
});

export const documentsApi = {
  confirm: (documentId: string, fields: ConfirmedFields) => api.put<Extraction>(`/api/documents/${documentId}/extraction`, { fields }),
  recommend: (body: RecommendationRequest) => api.post<Recommendation>('/api/documents/recommendation', body),
  contentUrl: (documentId: string) => `/api/documents/${documentId}/content`,
};

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * Sends a file as the raw request body (what the upload routes read), reporting progress 0–1. Fails with the
 * server's problem (French `detail`) as an ApiError, like every other call of the app.
 */
export function uploadFile(url: string, file: File, onProgress?: (fraction: number) => void): Promise<{ documentId: string; sha256: string; duplicate: boolean }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', getLang());
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    const csrf = readCookie('comptoir_csrf');
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError('network', 0));
    xhr.onload = () => {
      let payload: unknown;
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        payload = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve(payload as { documentId: string; sha256: string; duplicate: boolean });
      } else {
        const problem = (payload ?? {}) as Problem;
        reject(new ApiError('http', xhr.status, { ...problem, errors: Array.isArray(problem.errors) ? problem.errors : [] }));
      }
    };
    xhr.send(file);
  });
}

export function uploadPolicyUrl(params: { ownerKind: string; ownerId: string; filename: string; companyId?: string | null }): string {
  const qs = new URLSearchParams({ ownerKind: params.ownerKind, ownerId: params.ownerId, filename: params.filename, purpose: 'insurance_policy', ...(params.companyId ? { companyId: params.companyId } : {}) });
  return `/api/documents?${qs.toString()}`;
}
