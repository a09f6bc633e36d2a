import { Anchor, Badge, Button, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { Field, SectionCard } from '../../components/SectionCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { merchantStatementQuery, paymentsApi, paymentsKeys } from '../../paymentsApi.ts';
import { FeePlanModal } from './FeePlanModal.tsx';
import { balanceSeries } from './balances.ts';
import { OnboardingBadge, useCompanyCurrency, useIsWorkspaceWide } from './MerchantsPage.tsx';
import { LedgerTable } from './OrderPage.tsx';
import { bpToPercentInput } from './paymentForms.ts';
import { CopyLinkButton, OrderLink, useMoney } from './paymentsUi.tsx';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';
import { QueryFallback } from '../../components/QueryFallback.tsx';

/** /app/paiements/marchands/:merchantId — a merchant's statement: balances, every movement, payouts, fee plan. */
export function MerchantStatementPage({ merchantId }: { merchantId: string }) {
  const t = useT();
  const { lang } = useLang();
  const money = useMoney();
  const code = useCodeLabel();
  const queryClient = useQueryClient();
  const canManage = useIsWorkspaceWide('payments.refund');
  const currencyOf = useCompanyCurrency();
  const statement = useQuery(merchantStatementQuery(merchantId));
  const [editing, setEditing] = useState(false);
  const [confirmPayout, setConfirmPayout] = useState(false);
  usePageTitle(statement.data ? statement.data.merchant.companyName : t('merchants.heading'));
  const payOut = useMutation({
    mutationFn: () => paymentsApi.payOut(merchantId),
    onSuccess: async (result) => {
      setConfirmPayout(false);
      notifications.show({ color: 'green', message: t('merchants.payout.done', { count: result.payouts, amount: money(result.amount, currency) }) });
      await queryClient.invalidateQueries({ queryKey: paymentsKeys.merchants });
    },
  });

  if (statement.isPending || statement.isError) return <QueryFallback query={statement} />;
  const { merchant, entries, payouts } = statement.data;
  const currency = entries[0]?.currency ?? currencyOf(merchant.companyId);
  const { balance } = merchant;
  const total = balance.pending + balance.available + balance.paid;
  const share = (value: number) => (total > 0 ? (value / total) * 100 : 0);

  return (
    <Stack gap="lg" maw={1300}>
      <Anchor component={Link} to="/app/paiements/marchands" size="sm">
        ← {t('merchants.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{merchant.companyName}</Title>
            <OnboardingBadge merchant={merchant} />
          </Group>
          <Text size="sm" c="dimmed">
            {t('merchants.fees.summary', {
              commission: bpToPercentInput(merchant.commissionBp),
              fee: bpToPercentInput(merchant.providerFeeBp),
              fixed: money(merchant.providerFeeFixed, currency),
              days: merchant.payoutDelayDays,
            })}
          </Text>
        </Stack>
        {canManage && (
          <Group gap="xs">
            <Button variant="default" onClick={() => setEditing(true)}>
              {t('merchants.feePlan.edit')}
            </Button>
            <Button
              onClick={() => {
                payOut.reset();
                setConfirmPayout(true);
              }}
              disabled={balance.available <= 0 || !merchant.payoutsEnabled}
            >
              {t('merchants.payout')}
            </Button>
          </Group>
        )}
      </Group>

      <SectionCard title={t('merchants.balances')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {balanceSeries.map((s) => (
            <Field key={s.name} label={t(`merchants.balance.${s.name}`)}>
              <Text size="xl" fw={700} data-balance={s.name}>
                {money(balance[s.name], currency)}
              </Text>
            </Field>
          ))}
        </SimpleGrid>
        <Progress.Root size={18} aria-label={t('merchants.balances')}>
          {balanceSeries.map((s) => (
            <Progress.Section key={s.name} value={share(balance[s.name])} color={s.color}>
              <Progress.Label>{share(balance[s.name]) >= 12 ? t(`merchants.balance.${s.name}`) : ''}</Progress.Label>
            </Progress.Section>
          ))}
        </Progress.Root>
        {!merchant.payoutsEnabled && (
          <Group gap="xs">
            <Text size="sm" c="orange">
              {t('merchants.onboarding.required')}
            </Text>
            {merchant.onboardingUrl && (
              <CopyLinkButton value={merchant.onboardingUrl} />
            )}
          </Group>
        )}
      </SectionCard>

      <SectionCard title={t('merchants.statement')} description={t('merchants.statement.description')}>
        {entries.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('merchants.statement.empty')}
          </Text>
        ) : (
          <LedgerTable
            entries={entries}
            extra={(entry) => {
              const orderId = entries.find((e) => e.id === entry.id)?.orderId;
              return orderId ? (
                <OrderLink orderId={orderId} size="xs">
                  {t('merchants.statement.order')}
                </OrderLink>
              ) : null;
            }}
          />
        )}
      </SectionCard>

      <SectionCard title={t('merchants.payouts')}>
        {payouts.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('merchants.payouts.empty')}
          </Text>
        ) : (
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('payments.col.date')}</Table.Th>
                <Table.Th>{t('payments.col.status')}</Table.Th>
                <Table.Th>{t('merchants.payouts.transfer')}</Table.Th>
                <Table.Th ta="right">{t('payments.col.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {payouts.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td fz="sm">{formatDateTime(p.createdAt, lang)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={p.status === 'paid' ? 'green' : p.status === 'failed' ? 'red' : 'yellow'}>
                      {code('payout.status', p.status)}
                    </Badge>
                    {p.failureMessage && (
                      <Text size="xs" c="red">
                        {p.failureMessage}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td fz="xs" ff="monospace">
                    {p.providerTransferId ?? '—'}
                  </Table.Td>
                  <Table.Td ta="right">{money(p.amount, p.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </SectionCard>

      {editing && <FeePlanModal merchant={merchant} currency={currency} onClose={() => setEditing(false)} />}
      <ConfirmModal
        opened={confirmPayout}
        onClose={() => setConfirmPayout(false)}
        title={t('merchants.payout.title')}
        message={t('merchants.payout.message', { amount: money(balance.available, currency), name: merchant.companyName })}
        confirmLabel={t('merchants.payout')}
        color="petrole"
        onConfirm={() => payOut.mutate()}
        loading={payOut.isPending}
        error={payOut.error}
      />
    </Stack>
  );
}
