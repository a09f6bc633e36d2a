import { queryOptions } from '@tanstack/react-query';
import { api, apiRequest } from './api.ts';
import type { ConfirmedFields, Extraction } from './documentsApi.ts';

// The prospect's public pages of a journey (server/src/sales/journeys/public/journey-public.routes.ts): everything
// by the prospect's opaque token, never by an id.

export type FieldType = 'text' | 'email' | 'phone' | 'date' | 'integer' | 'select' | 'radio' | 'multiselect' | 'textarea' | 'money' | 'checkbox';
export interface Condition {
  field: string;
  equals?: string | number | boolean;
  in?: string[];
}
export interface FormField {
  id: string;
  label: string;
  type: FieldType;
  required: boolean;
  help?: string;
  options?: { value: string; label: string }[];
  min?: number;
  max?: number;
  maxLength?: number;
  visibleIf?: Condition;
}
export interface FormSection {
  id: string;
  title: string;
  description?: string;
  visibleIf?: Condition;
  fields: FormField[];
}
export interface FormDefinition {
  sections: FormSection[];
  consent: { version: string; text: string };
}
export type ProspectStatus = 'prospect' | 'en_signature' | 'en_paiement' | 'client_actif' | 'paiement_en_echec' | 'mandat_resilie' | 'abandonne';
export type Answers = Record<string, unknown>;

export interface ProspectView {
  brand: { name: string; tagline?: string };
  journeyName: string;
  status: ProspectStatus;
  statusLabel: string;
  step: 'questionnaire' | 'signature' | 'payment' | 'done' | 'ended';
  steps: { kind: string; title: string }[];
  form: FormDefinition;
  answers: Answers;
  completion: number;
  questionnaireSubmitted: boolean;
  offered: boolean;
  price: { amount: number; currency: string; monthly: number; label: string; free: boolean; quoteDate: string | null } | null;
  recommendation: Recommendation | null;
  payment: { freeLabel: string; orderStatus: string | null; lastError: string | null } | null;
  activation: {
    mandateNumber: string;
    startDate: string;
    annualPrice: number;
    currency: string;
    subscriptionStatus: string | null;
    renewsAt: string | null;
    email: string | null;
    nextSteps: string[];
    contact: { phone?: string; email?: string; address?: string };
    clientAreaUrl: string | null;
  } | null;
  company: { name: string; country: string };
}

export interface Recommendation {
  gaps?: { coverage: string; reason: string }[];
  overlaps?: { coverage: string; reason: string }[];
  estimatedSavings?: { amount: number; basis: string } | null;
  lines?: string[];
}

export interface ProspectDocuments {
  step: { title: string; required: boolean; maxFiles: number } | null;
  items: { id: string; filename: string; contentType: string; sizeBytes: number; createdAt: string; extraction: Extraction | null }[];
}

export const journeyKeys = {
  documents: (token: string) => ['prospect-documents', token] as const,
  start: (workspace: string, journey: string) => ['journey-start', workspace, journey] as const,
  prospect: (token: string) => ['prospect', token] as const,
};

export const publicJourneyQuery = (workspace: string, journey: string) =>
  queryOptions({
    queryKey: journeyKeys.start(workspace, journey),
    queryFn: ({ signal }) => api.get<{ name: string; brand: { name: string; tagline?: string }; steps: string[] }>(`/api/public/journeys/${encodeURIComponent(workspace)}/${encodeURIComponent(journey)}`, signal),
    retry: false,
  });

export const prospectQuery = (token: string) =>
  queryOptions({
    queryKey: journeyKeys.prospect(token),
    queryFn: ({ signal }) => api.get<ProspectView>(`/api/public/prospects/${encodeURIComponent(token)}`, signal),
    retry: false,
  });

export const prospectDocumentsQuery = (token: string) =>
  queryOptions({
    queryKey: journeyKeys.documents(token),
    queryFn: ({ signal }) => api.get<ProspectDocuments>(`/api/public/prospects/${encodeURIComponent(token)}/documents`, signal),
    // Reading a policy (text layer or OCR) takes a few seconds: ask again while one is pending.
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.extraction?.status === 'pending') ? 2000 : false),
  });

const base = (token: string) => `/api/public/prospects/${encodeURIComponent(token)}`;

export const journeysApi = {
  start: (workspace: string, journey: string, source: string | null) =>
    api.post<{ token: string; url: string }>(`/api/public/journeys/${encodeURIComponent(workspace)}/${encodeURIComponent(journey)}/start`, { source }),
  saveAnswers: (token: string, answers: Answers) => apiRequest<{ saved: number }>(`${base(token)}/answers`, { method: 'PATCH', body: { answers } }),
  submit: (token: string, consent: { accepted: boolean; version: string }) =>
    api.post<ProspectView>(`${base(token)}/submit`, { consent, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
  startSignature: (token: string) => api.post<{ url: string }>(`${base(token)}/signature`),
  payment: (token: string) => api.post<{ kind: 'redirect' | 'settled'; url: string }>(`${base(token)}/payment`),
  uploadUrl: (token: string, filename: string) => `${base(token)}/documents?filename=${encodeURIComponent(filename)}`,
  confirmDocument: (token: string, documentId: string, fields: ConfirmedFields) => api.put<Extraction>(`${base(token)}/documents/${documentId}/extraction`, { fields }),
  resumeLink: (token: string) => api.post<null>(`${base(token)}/resume-link`),
};

/** Same rule as the server's `conditionHolds`: which sections and fields the prospect sees. */
export function conditionHolds(condition: Condition | undefined, answers: Answers): boolean {
  if (!condition) return true;
  const value = answers[condition.field];
  if (condition.equals !== undefined) return value === condition.equals;
  if (condition.in) return typeof value === 'string' && condition.in.includes(value);
  return value !== undefined && value !== null && value !== '' && value !== false;
}
