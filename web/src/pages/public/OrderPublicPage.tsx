import { Alert, Button, Center, Divider, Group, Loader, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { PublicCard } from '../../components/PublicCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { describeError } from '../../errors.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../i18n/format.ts';
import { type PublicOrder, paidStatuses, paymentsApi, paymentsKeys, publicOrderQuery } from '../../paymentsApi.ts';
import { OrderStatusBadge, useMoney, useRecurrence } from '../payments/paymentsUi.tsx';
import { PublicInvoices } from './PublicInvoices.tsx';

/** How long the success page waits for the provider's confirmation before saying it takes longer. */
const CONFIRMATION_WAIT_MS = 120_000;

export type PaymentReturn = 'ok' | 'annule' | undefined;

/**
 * /commande/:token — the customer's own page for an order (no sign-in; the token is the capability): the summary,
 * the « Payer » button, and what happened when the checkout sent them back (?paiement=ok or ?paiement=annule).
 */
export function OrderPublicPage({ token, paiement }: { token: string; paiement: PaymentReturn }) {
  const t = useT();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (paiement !== 'ok') return;
    const timer = setTimeout(() => setSlow(true), CONFIRMATION_WAIT_MS);
    return () => clearTimeout(timer);
  }, [paiement]);
  const order = useQuery({
    ...publicOrderQuery(token),
    // Back from the checkout: the payment is confirmed by the provider's webhook, moments later. Keep asking (an
    // earlier declined card leaves its error on the order until then).
    refetchInterval: (query) => {
      const data = query.state.data;
      if (paiement !== 'ok' || !data || paidStatuses.includes(data.status) || data.status === 'cancelled') return false;
      return slow ? false : 1500;
    },
  });
  usePageTitle(order.data ? t('publicOrder.title', { number: order.data.number }) : t('publicOrder.title.short'));

  if (order.isPending) {
    return (
      <PublicCard heading={t('publicOrder.title.short')}>
        <Center py="lg">
          <Loader />
        </Center>
      </PublicCard>
    );
  }
  if (order.isError) {
    return (
      <PublicCard heading={t('publicOrder.title.short')}>
        <Alert color="red" variant="light" title={t('publicOrder.notFound')} role="alert">
          <Text size="sm">{describeError(order.error, t)}</Text>
        </Alert>
      </PublicCard>
    );
  }
  return <OrderSummary token={token} order={order.data} paiement={paiement} waitedTooLong={slow} />;
}

function OrderSummary({ token, order, paiement, waitedTooLong }: { token: string; order: PublicOrder; paiement: PaymentReturn; waitedTooLong: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const money = useMoney();
  const recurrence = useRecurrence();
  const queryClient = useQueryClient();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const paid = paidStatuses.includes(order.status);
  const free = order.totalInclTax === 0;
  const every = recurrence(order.interval, order.intervalCount);
  // Back from a successful checkout and waiting for its confirmation: no second « Payer » meanwhile.
  const waiting = paiement === 'ok' && !paid && order.status !== 'cancelled' && !waitedTooLong;
  const canPay = order.canPay && !waiting;

  const pay = useMutation({
    mutationFn: () => paymentsApi.publicCheckout(token),
    onSuccess: async (result) => {
      if (result.kind === 'redirect' && result.url) {
        window.location.assign(result.url);
        return;
      }
      await queryClient.invalidateQueries({ queryKey: paymentsKeys.publicOrder(token) });
    },
  });
  const cancelSubscription = useMutation({
    mutationFn: () => paymentsApi.publicCancelSubscription(token),
    onSuccess: async () => {
      setConfirmCancel(false);
      await queryClient.invalidateQueries({ queryKey: paymentsKeys.publicOrder(token) });
    },
  });

  let status = null;
  if (paid) {
    status = (
      <Alert color="green" variant="light" title={free ? t('publicOrder.confirmed.title') : t('publicOrder.paid.title')} role="status">
        <Text size="sm">{free ? t('publicOrder.confirmed.body', { number: order.number }) : t('publicOrder.paid.body', { number: order.number })}</Text>
      </Alert>
    );
  } else if (order.status === 'cancelled') {
    status = (
      <Alert color="gray" variant="light" title={t('publicOrder.cancelled.title')}>
        <Text size="sm">{t('publicOrder.cancelled.body')}</Text>
      </Alert>
    );
  } else if (paiement === 'ok') {
    status = waitedTooLong ? (
      <Alert color="yellow" variant="light" title={t('publicOrder.waiting.slow.title')}>
        <Text size="sm">{t('publicOrder.waiting.slow.body')}</Text>
      </Alert>
    ) : (
      <Alert color="blue" variant="light" title={t('publicOrder.waiting.title')} role="status" icon={<Loader size="xs" />}>
        <Text size="sm">{t('publicOrder.waiting.body')}</Text>
      </Alert>
    );
  } else if (order.lastPaymentError) {
    status = (
      <Alert color="red" variant="light" title={t('publicOrder.failed.title')} role="alert">
        <Text size="sm">{t('publicOrder.failed.body', { error: order.lastPaymentError })}</Text>
      </Alert>
    );
  } else if (paiement === 'annule') {
    status = (
      <Alert color="yellow" variant="light" title={t('publicOrder.aborted.title')} role="status">
        <Text size="sm">{t('publicOrder.aborted.body')}</Text>
      </Alert>
    );
  }

  const subscription = order.subscription;
  return (
    <PublicCard heading={t('publicOrder.title', { number: order.number })} description={t('publicOrder.soldBy', { company: order.companyName })}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">{order.customerName}</Text>
          <OrderStatusBadge status={order.status} />
        </Group>
        {status}
        <Stack gap={6} component="section" aria-label={t('publicOrder.summary')}>
          {order.lines.map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are a fixed snapshot, in order
            <Group key={index} justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
              <Text size="sm">
                {line.quantity > 1 ? `${line.quantity} × ` : ''}
                {line.description}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {line.amountInclTax === 0 ? t('publicOrder.free') : money(line.amountInclTax, order.currency)}
              </Text>
            </Group>
          ))}
          <Divider my={4} />
          {order.totalTax > 0 && (
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                {t('publicOrder.tax')}
              </Text>
              <Text size="xs" c="dimmed">
                {money(order.totalTax, order.currency)}
              </Text>
            </Group>
          )}
          <Group justify="space-between" align="baseline">
            <Text fw={600}>{t('publicOrder.total')}</Text>
            <Text fw={700} fz="xl" data-testid="order-total">
              {free ? t('publicOrder.free') : money(order.totalInclTax, order.currency)}
              {every && !free && (
                <Text span size="sm" c="dimmed" fw={400}>
                  {' '}
                  {every}
                </Text>
              )}
            </Text>
          </Group>
        </Stack>

        {canPay && (
          <Button size="lg" fullWidth onClick={() => pay.mutate()} loading={pay.isPending}>
            {free ? t('publicOrder.activate') : t('publicOrder.pay', { amount: money(order.totalInclTax, order.currency) })}
          </Button>
        )}
        {pay.isError && (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{describeError(pay.error, t)}</Text>
          </Alert>
        )}
        {canPay && !free && (
          <Text size="xs" c="dimmed" ta="center">
            {t('publicOrder.secure')}
          </Text>
        )}

        {/* A free order has nothing to invoice; a paid one gets its invoice moments after the confirmation. */}
        {paid && !free && <PublicInvoices token={token} />}

        {subscription && paid && (
          <Stack gap={6} component="section" aria-label={t('publicOrder.subscription')}>
            <Divider />
            <Text size="sm" fw={600}>
              {t('publicOrder.subscription')}
            </Text>
            {subscription.status === 'cancelled' ? (
              <Text size="sm">{t('publicOrder.subscription.ended')}</Text>
            ) : subscription.cancelAtPeriodEnd ? (
              <Text size="sm">{t('publicOrder.subscription.endsAt', { date: formatDate(subscription.currentPeriodEnd, lang) })}</Text>
            ) : (
              <>
                <Text size="sm">{t('publicOrder.subscription.renews', { date: formatDate(subscription.currentPeriodEnd, lang) })}</Text>
                <Button variant="subtle" color="red" size="xs" onClick={() => setConfirmCancel(true)} style={{ alignSelf: 'flex-start' }}>
                  {t('publicOrder.subscription.cancel')}
                </Button>
              </>
            )}
          </Stack>
        )}
      </Stack>
      <ConfirmModal
        opened={confirmCancel}
        onClose={() => setConfirmCancel(false)}
        title={t('publicOrder.subscription.cancel')}
        message={t('publicOrder.subscription.cancel.message', { date: formatDate(subscription?.currentPeriodEnd ?? null, lang) })}
        confirmLabel={t('publicOrder.subscription.cancel.confirm')}
        onConfirm={() => cancelSubscription.mutate()}
        loading={cancelSubscription.isPending}
        error={cancelSubscription.error}
      />
    </PublicCard>
  );
}
