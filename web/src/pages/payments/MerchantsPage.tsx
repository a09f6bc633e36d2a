import { Badge, Button, Center, Group, Loader, Paper, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { lazy, type MouseEvent, Suspense, useState } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { companiesQuery } from '../../identityApi.ts';
import { type Merchant, merchantsQuery } from '../../paymentsApi.ts';
import { companyName, useMe } from '../../session.ts';
import { FeePlanModal } from './FeePlanModal.tsx';
import { bpToPercentInput } from './paymentForms.ts';
import { PaymentsTabs, useMoney } from './paymentsUi.tsx';

const BalanceChart = lazy(() => import('./BalanceChart.tsx'));

/** A company's currency (merchant amounts are in it), EUR when the companies are not readable. */
export function useCompanyCurrency(): (companyId: string) => string {
  const me = useMe();
  const canRead = !!me?.permissions.some((p) => p.permission === 'companies.read');
  const companies = useQuery({ ...companiesQuery, enabled: canRead });
  return (companyId: string) => companies.data?.items.find((c) => c.id === companyId)?.currency ?? 'EUR';
}

export function useIsWorkspaceWide(permission: string): boolean {
  const me = useMe();
  return !!me?.permissions.some((p) => p.permission === permission && p.companyIds === 'all');
}

/** /app/paiements/marchands — marketplace merchants: balances, fee plans, onboarding and payouts (seed 000 B.2). */
export function MerchantsPage() {
  const t = useT();
  const money = useMoney();
  usePageTitle(t('merchants.heading'));
  const navigate = useNavigate();
  const canManage = useIsWorkspaceWide('payments.refund');
  const currencyOf = useCompanyCurrency();
  const merchants = useQuery(merchantsQuery);
  const companies = useQuery({ ...companiesQuery, enabled: canManage });
  const [editing, setEditing] = useState<Merchant | 'new' | null>(null);
  const items = merchants.data?.items ?? [];

  const currencies = [...new Set(items.map((m) => currencyOf(m.companyId)))];
  const chartCurrency = currencies.length === 1 ? currencies[0]! : null;
  const chartRows = items.map((m) => ({ merchant: m.companyName, ...m.balance }));
  const candidates = (companies.data?.items ?? []).filter((c) => !items.some((m) => m.companyId === c.id)).map((c) => ({ value: c.id, label: companyName(c) }));
  const open = (merchantId: string) => navigate({ to: '/app/paiements/marchands/$merchantId', params: { merchantId } });

  return (
    <Stack gap="lg" maw={1300}>
      <PageHeader
        title={t('merchants.heading')}
        description={t('merchants.description')}
        actions={canManage && <Button onClick={() => setEditing('new')}>{t('merchants.new')}</Button>}
      />
      <PaymentsTabs />
      {items.length > 0 && (
        <Paper withBorder radius="lg" p="md" component="section" aria-label={t('merchants.chart')}>
          <Title order={3} fz="h5" mb="sm">
            {t('merchants.chart')}
          </Title>
          <Suspense
            fallback={
              <Center h={180}>
                <Loader size="sm" />
              </Center>
            }
          >
            <BalanceChart rows={chartRows} currency={chartCurrency} />
          </Suspense>
        </Paper>
      )}
      <QueryTable
        query={merchants}
        isEmpty={items.length === 0}
        empty={{ title: t('merchants.empty'), description: t('merchants.empty.description') }}
        minWidth={960}
        head={
          <>
            <Table.Th>{t('merchants.col.merchant')}</Table.Th>
            <Table.Th>{t('merchants.col.onboarding')}</Table.Th>
            <Table.Th ta="right">{t('merchants.balance.pending')}</Table.Th>
            <Table.Th ta="right">{t('merchants.balance.available')}</Table.Th>
            <Table.Th ta="right">{t('merchants.balance.paid')}</Table.Th>
            <Table.Th>{t('merchants.col.fees')}</Table.Th>
            {canManage && <Table.Th />}
          </>
        }
      >
        {items.map((m) => {
          const currency = currencyOf(m.companyId);
          return (
            <Table.Tr key={m.id} onClick={() => open(m.id)} style={{ cursor: 'pointer' }} data-merchant={m.companyName}>
              <Table.Td>
                <UnstyledButton
                  fw={600}
                  fz="sm"
                  onClick={(event: MouseEvent) => {
                    event.stopPropagation();
                    void open(m.id);
                  }}
                >
                  {m.companyName}
                </UnstyledButton>
                <Text size="xs" c="dimmed" ff="monospace">
                  {m.providerAccountId ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <OnboardingBadge merchant={m} />
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {money(m.balance.pending, currency)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} fw={600}>
                {money(m.balance.available, currency)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {money(m.balance.paid, currency)}
              </Table.Td>
              <Table.Td fz="xs">
                {t('merchants.fees.summary', {
                  commission: bpToPercentInput(m.commissionBp),
                  fee: bpToPercentInput(m.providerFeeBp),
                  fixed: money(m.providerFeeFixed, currency),
                  days: m.payoutDelayDays,
                })}
              </Table.Td>
              {canManage && (
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={(event: MouseEvent) => {
                      event.stopPropagation();
                      setEditing(m);
                    }}
                  >
                    {t('merchants.feePlan.edit')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </QueryTable>
      {editing && (
        <FeePlanModal
          merchant={editing === 'new' ? undefined : editing}
          companies={candidates}
          currency={editing === 'new' ? 'EUR' : currencyOf(editing.companyId)}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

export function OnboardingBadge({ merchant }: { merchant: Merchant }) {
  const t = useT();
  if (merchant.payoutsEnabled && merchant.chargesEnabled) {
    return (
      <Badge color="green" variant="light" styles={{ label: { overflow: 'visible' } }}>
        {t('merchants.onboarding.done')}
      </Badge>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Badge color="orange" variant="light" styles={{ label: { overflow: 'visible' } }}>
        {t('merchants.onboarding.pending')}
      </Badge>
      {merchant.onboardingUrl && (
        <Button
          size="compact-xs"
          variant="subtle"
          component="a"
          href={merchant.onboardingUrl}
          target="_blank"
          rel="noopener"
          onClick={(event: MouseEvent) => event.stopPropagation()}
        >
          {t('merchants.onboarding.link')}
        </Button>
      )}
    </Group>
  );
}
