import { queryOptions } from '@tanstack/react-query';
import { ApiError, api, apiRequest } from './api.ts';

// Electronic signature (server/src/signature/routes/*.routes.ts): the signer's public page reached by an opaque
// token, the public verification pages, and the back-office list/detail. Dates travel as ISO strings.

export const signatureStatuses = ['sent', 'viewed', 'signed', 'expired', 'cancelled'] as const;
export type SignatureStatus = (typeof signatureStatuses)[number];
export type Verification = 'email_link' | 'email_link_otp';

export interface StrokePoint {
  x: number;
  y: number;
  t: number;
  p?: number;
}
export interface Strokes {
  width: number;
  height: number;
  pointerType: string;
  strokes: StrokePoint[][];
}

export interface PublicSignatureRequest {
  title: string;
  status: SignatureStatus;
  signerName: string;
  signerEmail: string;
  verification: Verification;
  otpRequired: boolean;
  otpVerified: boolean;
  recap: { label: string; value: string }[];
  links: { label: string; url: string }[];
  documentFilename: string;
  documentSha256: string;
  consentText: string;
  expiresAt: string;
  signedAt: string | null;
  returnUrl: string | null;
  verifyUrl: string | null;
  sealedSha256: string | null;
}

export interface SignResult {
  sealedSha256: string;
  signedAt: string;
  redirectUrl: string | null;
  verifyUrl: string;
}

export interface VerificationReport {
  valid: boolean;
  issuedByComptoir: boolean;
  signature: { present: boolean; valid: boolean; coversWholeFile: boolean; platformCertificate: boolean; signerCommonName: string | null };
  sha256: string;
  request: { title: string; signerName: string; signedAt: string; documentSha256: string; sealedSha256: string; verifyToken: string } | null;
  message: string;
}

export interface TokenVerification {
  status: Exclude<SignatureStatus, 'expired'>;
  valid: boolean;
  title: string;
  signerName: string;
  signedAt: string | null;
  documentSha256: string;
  sealedSha256: string | null;
  message: string;
}

export interface SignatureSummary {
  id: string;
  companyId: string | null;
  subject: { kind: string; id: string };
  title: string;
  status: SignatureStatus;
  signerName: string;
  signerEmail: string;
  verification: Verification;
  documentFilename: string;
  documentSha256: string;
  sealedSha256: string | null;
  verifyToken: string;
  expiresAt: string;
  viewedAt: string | null;
  signedAt: string | null;
  cancelledAt: string | null;
  createdAt: string;
  createdBy: string;
}

export interface SignatureDetail extends SignatureSummary {
  recap: { label: string; value: string }[];
  events: { kind: string; at: string; ip: string | null; userAgent: string | null; details: Record<string, unknown> }[];
  evidence: {
    signerName: string;
    signerEmail: string;
    verification: Verification;
    otpVerifiedAt: string | null;
    ip: string;
    userAgent: string;
    signedAt: string;
    timeZone: string;
    consentText: string;
    strokeCount: number;
    pointCount: number;
    pointerType: string;
    strokesSha256: string;
    documentSha256: string;
    sealedSha256: string;
    evidenceSha256: string;
  } | null;
}

const enc = encodeURIComponent;

/** Upload-to-verify sends the file itself as the body (application/pdf), not JSON. */
async function verifyFile(file: Blob): Promise<VerificationReport> {
  let response: Response;
  try {
    const csrf = document.cookie.match(/(?:^|;\s*)comptoir_csrf=([^;]+)/)?.[1];
    response = await fetch('/api/public/verify', {
      method: 'POST',
      headers: { 'Content-Type': 'application/pdf', Accept: 'application/json', ...(csrf ? { 'x-csrf-token': decodeURIComponent(csrf) } : {}) },
      credentials: 'include',
      body: file,
    });
  } catch (error) {
    throw new ApiError('network', 0, { detail: (error as Error).message });
  }
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError('http', response.status, body ?? { detail: response.statusText });
  return body as VerificationReport;
}

export const signatureApi = {
  publicRequest: (token: string, signal?: AbortSignal) => api.get<PublicSignatureRequest>(`/api/public/signatures/${enc(token)}`, signal),
  documentUrl: (token: string) => `/api/public/signatures/${enc(token)}/document`,
  signedUrl: (token: string) => `/api/public/signatures/${enc(token)}/signed`,
  sendOtp: (token: string) => api.post<{ sentTo: string; expiresAt: string }>(`/api/public/signatures/${enc(token)}/otp`),
  verifyOtp: (token: string, code: string) => api.post<{ verified: true }>(`/api/public/signatures/${enc(token)}/otp/verify`, { code }),
  sign: (token: string, body: { consent: true; strokes: Strokes; timeZone: string }) => api.post<SignResult>(`/api/public/signatures/${enc(token)}/sign`, body),
  verifyToken: (token: string, signal?: AbortSignal) => api.get<TokenVerification>(`/api/public/verify/${enc(token)}`, signal),
  verifyFile,
  list: (query: { status?: SignatureStatus; q?: string; limit: number; offset: number }, signal?: AbortSignal) => {
    const params = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])));
    return api.get<{ items: SignatureSummary[]; total: number }>(`/api/signature/requests?${params}`, signal);
  },
  detail: (id: string, signal?: AbortSignal) => api.get<SignatureDetail>(`/api/signature/requests/${enc(id)}`, signal),
  cancel: (id: string, reason?: string) => apiRequest<SignatureSummary>(`/api/signature/requests/${enc(id)}/cancel`, { method: 'POST', body: reason ? { reason } : {} }),
  fileUrl: (id: string, kind: 'original' | 'sealed') => `/api/signature/requests/${enc(id)}/${kind}`,
};

export const signatureKeys = {
  all: ['signature'] as const,
  publicRequest: (token: string) => ['signature', 'public', token] as const,
  verify: (token: string) => ['signature', 'verify', token] as const,
  list: (query: object) => ['signature', 'list', query] as const,
  detail: (id: string) => ['signature', 'detail', id] as const,
};

export const publicSignatureQuery = (token: string) => queryOptions({ queryKey: signatureKeys.publicRequest(token), queryFn: ({ signal }) => signatureApi.publicRequest(token, signal), retry: false });
export const verifyTokenQuery = (token: string) => queryOptions({ queryKey: signatureKeys.verify(token), queryFn: ({ signal }) => signatureApi.verifyToken(token, signal), retry: false });
export const signatureListQuery = (query: { status?: SignatureStatus; q?: string; limit: number; offset: number }) =>
  queryOptions({ queryKey: signatureKeys.list(query), queryFn: ({ signal }) => signatureApi.list(query, signal) });
export const signatureDetailQuery = (id: string) => queryOptions({ queryKey: signatureKeys.detail(id), queryFn: ({ signal }) => signatureApi.detail(id, signal) });
