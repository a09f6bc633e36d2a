import { queryOptions } from '@tanstack/react-query';
import { api } from './api.ts';
import type { Lang } from './i18n/lang.ts';

// Typed wrappers for the authentication (/api/auth) and identity administration
// (/api/identity) endpoints. Shapes mirror the server contract.

// ---------------------------------------------------------------- auth

export interface LoginRequest {
  email: string;
  password: string;
  /** A 6-digit TOTP code or a recovery code. */
  totp?: string;
  workspace?: string;
}

export interface SessionResponse {
  token: string;
  csrfToken: string;
  expiresAt: string;
  workspace: { slug: string; name: string };
  mfaEnrollmentRequired: boolean;
}

export interface Me {
  user: {
    id: string;
    email: string;
    displayName: string;
    language: Lang;
    emailVerified: boolean;
    mfaEnabled: boolean;
    recoveryCodesLeft: number;
  };
  workspace: { id: string; slug: string; name: string };
  grants: { role: string; companyIds: string[] }[];
  permissions: { permission: string; companyIds: 'all' | string[] }[];
  workspaces: { slug: string; name: string }[];
  mfaEnrollmentRequired: boolean;
}

export interface MfaEnrollment {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

export interface SessionItem {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export type LoginOutcome =
  | 'success'
  | 'unknown_user'
  | 'bad_password'
  | 'locked'
  | 'disabled'
  | 'mfa_required'
  | 'mfa_failed'
  | 'no_workspace';

export interface LoginEvent {
  occurredAt: string;
  outcome: LoginOutcome | string;
  ip: string | null;
  userAgent: string | null;
}

const enc = encodeURIComponent;

export const authApi = {
  login: (body: LoginRequest) => api.post<SessionResponse>('/api/auth/login', body),
  logout: () => api.post<void>('/api/auth/logout'),
  me: (signal?: AbortSignal) => api.get<Me>('/api/auth/me', signal),
  switchWorkspace: (workspace: string) => api.post<SessionResponse>('/api/auth/switch-workspace', { workspace }),
  startMfaEnrollment: () => api.post<MfaEnrollment>('/api/auth/mfa/enrollment'),
  confirmMfaEnrollment: (code: string) => api.post<{ recoveryCodes: string[] }>('/api/auth/mfa/enrollment/confirm', { code }),
  disableMfa: (body: { password: string; code: string }) => api.post<void>('/api/auth/mfa/disable', body),
  regenerateRecoveryCodes: (body: { password: string; code: string }) =>
    api.post<{ recoveryCodes: string[] }>('/api/auth/mfa/recovery-codes', body),
  forgotPassword: (email: string) => api.post<void>('/api/auth/password/forgot', { email }),
  resetPassword: (body: { token: string; password: string }) => api.post<void>('/api/auth/password/reset', body),
  changePassword: (body: { currentPassword: string; newPassword: string }) => api.post<void>('/api/auth/password/change', body),
  acceptInvitation: (body: { token: string; password: string }) => api.post<void>('/api/auth/invitation/accept', body),
  sendEmailVerification: () => api.post<void>('/api/auth/email/verification'),
  verifyEmail: (token: string) => api.post<void>('/api/auth/email/verify', { token }),
  sessions: (signal?: AbortSignal) => api.get<{ items: SessionItem[] }>('/api/auth/sessions', signal),
  revokeSession: (id: string) => api.delete(`/api/auth/sessions/${enc(id)}`),
  loginEvents: (signal?: AbortSignal) => api.get<{ items: LoginEvent[] }>('/api/auth/login-events?limit=20', signal),
};

// ---------------------------------------------------------------- identity administration

export interface RoleDefinition {
  role: string;
  label: { fr: string; en: string };
  permissions: string[];
}

export interface RolesCatalog {
  roles: RoleDefinition[];
  permissions: string[];
  apiKeyScopes: string[];
  mfaRequiredByDefault: string[];
}

export interface WorkspaceSettings {
  id: string;
  slug: string;
  name: string;
  country: string;
  defaultCurrency: string;
  settings: { mfaRequiredRoles: string[]; inactivityDays: number };
}

export interface WorkspacePatch {
  name?: string;
  settings?: { mfaRequiredRoles?: string[]; inactivityDays?: number };
}

export type CompanyCountry = 'FR' | 'CH';
export type CompanyCurrency = 'EUR' | 'CHF';
export type AddressKind = 'head_office' | 'billing' | 'other';

export interface PostalAddress {
  kind: AddressKind;
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  country: string;
}

export interface CompanyContact {
  role: string;
  name: string;
  email?: string;
  phone?: string;
}

export interface BrandTheme {
  primaryColor?: string;
  secondaryColor?: string;
  logoSha256?: string;
}

export interface CompanyInput {
  legalName: string;
  brandName: string;
  siren: string | null;
  siret: string | null;
  vatNumber: string | null;
  country: CompanyCountry;
  currency: CompanyCurrency;
  timeZone: string;
  icsCode: string | null;
  addresses: PostalAddress[];
  contacts: CompanyContact[];
  brandTheme: BrandTheme;
  isActive: boolean;
}

export interface Company extends CompanyInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export interface Membership {
  id: string;
  role: string;
  companyIds: string[];
}

export interface WorkspaceUser {
  id: string;
  email: string;
  displayName: string;
  disabledAt: string | null;
  lastLoginAt: string | null;
  mfaEnabled: boolean;
  emailVerified: boolean;
  invitationPending: boolean;
  memberships: Membership[];
}

export interface InvitationRequest {
  email: string;
  displayName: string;
  role: string;
  companyIds: string[];
  language?: Lang;
}

export interface ApiKey {
  id: string;
  name: string;
  companyId: string;
  prefix: string;
  scopes: string[];
  expiresAt: string;
  lastUsedAt: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface ApiKeyRequest {
  name: string;
  companyId: string;
  scopes: string[];
  expiresInDays: number;
}

export interface ApiKeyCreated {
  apiKey: ApiKey;
  secret: string;
}

export interface AuditFilters {
  actor?: string;
  table?: string;
  record?: string;
  /** ISO 8601 instants. */
  from?: string;
  to?: string;
}

export interface AuditEntry {
  seq: number;
  id: string;
  occurredAt: string;
  actorLabel: string;
  actorRole: string | null;
  action: string;
  tableName: string;
  recordId: string;
  companyId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  hash: string;
}

export interface AuditPage {
  items: AuditEntry[];
  nextBefore: number | null;
}

export interface AuditVerification {
  rows: number;
  firstBreak: null | { seq: number; id: string; reason: string };
}

/** Query string for the audit filters; empty values are left out. */
export function auditQueryString(filters: AuditFilters, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const auditExportUrl = (filters: AuditFilters) => `/api/identity/audit/export.csv${auditQueryString(filters)}`;

export const identityApi = {
  roles: (signal?: AbortSignal) => api.get<RolesCatalog>('/api/identity/roles', signal),
  workspace: (signal?: AbortSignal) => api.get<WorkspaceSettings>('/api/identity/workspace', signal),
  updateWorkspace: (body: WorkspacePatch) => api.patch<WorkspaceSettings>('/api/identity/workspace', body),
  companies: (signal?: AbortSignal) => api.get<{ items: Company[] }>('/api/identity/companies', signal),
  company: (id: string, signal?: AbortSignal) => api.get<Company>(`/api/identity/companies/${enc(id)}`, signal),
  createCompany: (body: CompanyInput) => api.post<Company>('/api/identity/companies', body),
  updateCompany: (id: string, body: Partial<CompanyInput>) => api.patch<Company>(`/api/identity/companies/${enc(id)}`, body),
  users: (signal?: AbortSignal) => api.get<{ items: WorkspaceUser[] }>('/api/identity/users', signal),
  invite: (body: InvitationRequest) => api.post<{ userId: string; membershipId: string }>('/api/identity/users/invitations', body),
  addMembership: (userId: string, body: { role: string; companyIds: string[] }) =>
    api.post<{ id: string }>(`/api/identity/users/${enc(userId)}/memberships`, body),
  updateMembership: (membershipId: string, body: { role?: string; companyIds?: string[] }) =>
    api.patch<{ id: string }>(`/api/identity/memberships/${enc(membershipId)}`, body),
  removeMembership: (membershipId: string) => api.delete(`/api/identity/memberships/${enc(membershipId)}`),
  disableUser: (userId: string, reason?: string) =>
    api.post<void>(`/api/identity/users/${enc(userId)}/disable`, reason ? { reason } : {}),
  enableUser: (userId: string) => api.post<void>(`/api/identity/users/${enc(userId)}/enable`),
  apiKeys: (signal?: AbortSignal) => api.get<{ items: ApiKey[] }>('/api/identity/api-keys', signal),
  createApiKey: (body: ApiKeyRequest) => api.post<ApiKeyCreated>('/api/identity/api-keys', body),
  rotateApiKey: (id: string) => api.post<ApiKeyCreated>(`/api/identity/api-keys/${enc(id)}/rotate`),
  revokeApiKey: (id: string) => api.delete(`/api/identity/api-keys/${enc(id)}`),
  audit: (filters: AuditFilters, before: number | undefined, signal?: AbortSignal) =>
    api.get<AuditPage>(`/api/identity/audit${auditQueryString(filters, { limit: 50, before })}`, signal),
  verifyAudit: () => api.get<AuditVerification>('/api/identity/audit/verify'),
};

/** Query keys in one place so invalidation cannot drift from the queries. */
export const identityKeys = {
  me: ['auth', 'me'] as const,
  sessions: ['auth', 'sessions'] as const,
  loginEvents: ['auth', 'login-events'] as const,
  roles: ['identity', 'roles'] as const,
  workspace: ['identity', 'workspace'] as const,
  companies: ['identity', 'companies'] as const,
  company: (id: string) => ['identity', 'companies', id] as const,
  users: ['identity', 'users'] as const,
  apiKeys: ['identity', 'api-keys'] as const,
  audit: (filters: AuditFilters) => ['identity', 'audit', filters] as const,
};

export const meQuery = queryOptions({
  queryKey: identityKeys.me,
  queryFn: ({ signal }) => authApi.me(signal),
  staleTime: 60_000,
  retry: false,
});

export const rolesQuery = queryOptions({
  queryKey: identityKeys.roles,
  queryFn: ({ signal }) => identityApi.roles(signal),
  // The matrix only changes with a deployment.
  staleTime: 10 * 60_000,
});

export const companiesQuery = queryOptions({
  queryKey: identityKeys.companies,
  queryFn: ({ signal }) => identityApi.companies(signal),
});

export const usersQuery = queryOptions({
  queryKey: identityKeys.users,
  queryFn: ({ signal }) => identityApi.users(signal),
});
