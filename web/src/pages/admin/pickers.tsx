import { MultiSelect, type MultiSelectProps, Select, type SelectProps } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { companiesQuery, rolesQuery } from '../../identityApi.ts';
import { companyName, useCompanyNames } from '../../session.ts';

/** A role, by its localised label (from GET /api/identity/roles). */
export function RoleSelect(props: Omit<SelectProps, 'data'>) {
  const t = useT();
  const { lang } = useLang();
  const roles = useQuery(rolesQuery);
  return (
    <Select
      label={t('users.field.role')}
      placeholder={t('users.field.role.placeholder')}
      data={(roles.data?.roles ?? []).map((r) => ({ value: r.role, label: r.label[lang] ?? r.role }))}
      searchable
      allowDeselect={false}
      nothingFoundMessage={roles.isError ? t('errors.unknown') : t('common.nothingFound')}
      {...props}
    />
  );
}

/** Companies a grant is limited to; empty means the whole workspace. Inactive companies stay selectable but are marked. */
export function CompanyMultiSelect(props: Omit<MultiSelectProps, 'data'>) {
  const t = useT();
  const companies = useQuery(companiesQuery);
  return (
    <MultiSelect
      label={t('users.field.companies')}
      description={t('users.field.companies.description')}
      placeholder={props.value && props.value.length > 0 ? undefined : t('scope.workspace')}
      data={(companies.data?.items ?? []).map((c) => ({
        value: c.id,
        label: c.isActive ? companyName(c) : `${companyName(c)} (${t('companies.inactive')})`,
      }))}
      searchable
      clearable
      nothingFoundMessage={t('common.nothingFound')}
      {...props}
    />
  );
}

/** "Tout l'espace" or the company names of a grant (a count when names cannot be read). */
export function useScopeLabel(): (companyIds: string[]) => string {
  const t = useT();
  const name = useCompanyNames();
  return useCallback(
    (companyIds: string[]) => {
      if (companyIds.length === 0) return t('scope.workspace');
      const names = companyIds.map(name);
      return names.every(Boolean) ? names.join(', ') : t('scope.companies', { count: companyIds.length });
    },
    [name, t],
  );
}
