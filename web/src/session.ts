import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useLang } from './i18n/I18nProvider.tsx';
import { companiesQuery, type Me, meQuery, rolesQuery } from './identityApi.ts';

// The signed-in person as the back-office sees them: who they are, what they may do.
// The server stays the authority; these helpers only decide what to show.

/** The signed-in user. Inside /app the route guard has loaded it before any screen renders. */
export function useMe(): Me | undefined {
  return useQuery(meQuery).data;
}

/** Whether the user holds `permission` anywhere in the workspace (whole workspace or some companies). */
export function hasPermission(me: Me | undefined, permission: string): boolean {
  return !!me?.permissions.some((p) => p.permission === permission);
}

export function usePermission(permission: string): boolean {
  return hasPermission(useMe(), permission);
}

/** Whether the user holds `permission` on this company (whole workspace, or that company among theirs). */
export function hasPermissionFor(me: Me | undefined, permission: string, companyId: string): boolean {
  return !!me?.permissions.some((p) => p.permission === permission && (p.companyIds === 'all' || p.companyIds.includes(companyId)));
}

export function usePermissionFor(permission: string, companyId: string): boolean {
  return hasPermissionFor(useMe(), permission, companyId);
}

/** Localised role label from GET /api/identity/roles, falling back to the role code. */
export function useRoleLabel(): (role: string) => string {
  const { lang } = useLang();
  const roles = useQuery(rolesQuery);
  return useCallback(
    (role: string) => roles.data?.roles.find((r) => r.role === role)?.label[lang] ?? role,
    [roles.data, lang],
  );
}

/**
 * Company display names by id. Only fetched for people allowed to read companies;
 * for others the lookup answers undefined and callers fall back to a count.
 */
export function useCompanyNames(): (id: string) => string | undefined {
  return useCompanyOptions().label;
}

/** The companies this person may read, as select options, and a name lookup by id (same rule as above). */
export function useCompanyOptions(): { options: { value: string; label: string }[]; label: (id: string) => string | undefined } {
  const canRead = usePermission('companies.read');
  const companies = useQuery({ ...companiesQuery, enabled: canRead });
  const options = useMemo(() => (companies.data?.items ?? []).map((c) => ({ value: c.id, label: companyName(c) })), [companies.data]);
  const byId = useMemo(() => new Map(options.map((o) => [o.value, o.label])), [options]);
  const label = useCallback((id: string) => byId.get(id), [byId]);
  return { options, label };
}

export function companyName(company: { brandName: string; legalName: string }): string {
  return company.brandName || company.legalName;
}

/** Where to go after signing in: only back-office paths are accepted (no open redirect). */
export function safeRedirect(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/app(\/[\w\-/]*)?$/.test(value) ? value : undefined;
}
