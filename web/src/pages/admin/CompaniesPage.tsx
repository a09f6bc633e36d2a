import { Badge, Button, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import type { MouseEvent, } from 'react';
import { QueryTable } from '../../components/QueryTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { companiesQuery } from '../../identityApi.ts';
import { companyName, usePermission } from '../../session.ts';

/** /app/societes — the legal entities of the workspace. */
export function CompaniesPage() {
  const t = useT();
  usePageTitle(t('companies.heading'));
  const navigate = useNavigate();
  const canManage = usePermission('companies.manage');
  const companies = useQuery(companiesQuery);
  const items = companies.data?.items ?? [];
  const open = (companyId: string) => navigate({ to: '/app/societes/$companyId', params: { companyId } });

  const body = (
    <QueryTable
      query={companies}
      isEmpty={items.length === 0}
      empty={{ title: t('companies.empty'), description: canManage ? t('companies.empty.description') : undefined }}
      minWidth={860}
      head={
        <>
          <Table.Th>{t('companies.col.name')}</Table.Th>
          <Table.Th>{t('companies.col.ids')}</Table.Th>
          <Table.Th>{t('companies.field.vatNumber')}</Table.Th>
          <Table.Th>{t('companies.field.country')}</Table.Th>
          <Table.Th>{t('companies.field.currency')}</Table.Th>
          <Table.Th>{t('companies.col.status')}</Table.Th>
        </>
      }
    >
      {items.map((company) => (
        <Table.Tr key={company.id} onClick={() => open(company.id)} style={{ cursor: 'pointer' }}>
          <Table.Td>
            <UnstyledButton
              fw={500}
              fz="sm"
              onClick={(event: MouseEvent) => {
                event.stopPropagation();
                void open(company.id);
              }}
            >
              {companyName(company)}
            </UnstyledButton>
            {company.brandName && company.brandName !== company.legalName && (
              <Text size="xs" c="dimmed">
                {company.legalName}
              </Text>
            )}
          </Table.Td>
          <Table.Td ff="monospace" fz="xs">
            {company.siret ?? company.siren ?? '—'}
          </Table.Td>
          <Table.Td ff="monospace" fz="xs">
            {company.vatNumber ?? '—'}
          </Table.Td>
          <Table.Td>{company.country}</Table.Td>
          <Table.Td>{company.currency}</Table.Td>
          <Table.Td>
            <Badge size="sm" variant="light" color={company.isActive ? 'teal' : 'gray'} tt="none">
              {t(company.isActive ? 'companies.active' : 'companies.inactive')}
            </Badge>
          </Table.Td>
        </Table.Tr>
      ))}
    </QueryTable>
  );

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('companies.heading')}
        description={t('companies.intro')}
        actions={
          canManage && (
            <Button component={Link} to="/app/societes/nouvelle">
              {t('companies.new')}
            </Button>
          )
        }
      />
      {body}
    </Stack>
  );
}
