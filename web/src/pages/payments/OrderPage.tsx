import { Alert, Anchor, Badge, Button, Grid, Group, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Field, SectionCard } from '../../components/SectionCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { type OrderDetail, orderQuery, paymentsApi, paymentsKeys } from '../../paymentsApi.ts';
import { hasPermissionFor, useCompanyNames, useMe } from '../../session.ts';
import { OrderInvoicesSection } from '../invoicing/OrderInvoicesSection.tsx';
import { customerPageUrl, orderNeedsPolling, refundTarget } from './paymentForms.ts';
import { CopyLinkButton, OrderStatusBadge, PaymentStatusBadge, RefundStatusBadge, SubscriptionStatusBadge, useMoney, useRecurrence, WebhookStatusBadge, webhookColors } from './paymentsUi.tsx';
import { RefundModal } from './RefundModal.tsx';
import { WebhookEventDrawer } from './WebhookEventDrawer.tsx';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';
import { QueryFallback } from '../../components/QueryFallback.tsx';

type Pending = 'cancel' | 'fulfil' | 'subscriptionEnd' | 'subscriptionNow' | null;

/** /app/commandes/:orderId — the order with its money: lines, payments, refunds, subscription, ledger and event timeline. */
export function OrderPage({ orderId }: { orderId: string }) {
  const t = useT();
  const detail = useQuery({
    ...orderQuery(orderId),
    // While a job or a webhook still has to settle something, keep the page current.
    refetchInterval: (query) => (query.state.data && orderNeedsPolling(query.state.data) ? 2000 : false),
  });
  usePageTitle(detail.data ? t('order.title', { number: detail.data.order.number }) : t('orders.heading'));
  if (detail.isPending || detail.isError) return <QueryFallback query={detail} back={<BackLink />} />;
  return <OrderView detail={detail.data} />;
}

function BackLink() {
  const t = useT();
  return (
    <Anchor component={Link} to="/app/commandes" size="sm">
      ← {t('order.back')}
    </Anchor>
  );
}

function OrderView({ detail }: { detail: OrderDetail }) {
  const t = useT();
  const { lang } = useLang();
  const money = useMoney();
  const code = useCodeLabel();
  const recurrence = useRecurrence();
  const me = useMe();
  const companyNames = useCompanyNames();
  const queryClient = useQueryClient();
  const { order, customer, subscription } = detail;
  const canWrite = hasPermissionFor(me, 'sales.write', order.companyId);
  const canRefund = hasPermissionFor(me, 'payments.refund', order.companyId);
  const canReadInvoices = hasPermissionFor(me, 'invoicing.read', order.companyId);
  const canSeeInbox = !!me?.permissions.some((p) => p.permission === 'payments.read' && p.companyIds === 'all');
  const [pending, setPending] = useState<Pending>(null);
  const [refunding, setRefunding] = useState(false);
  const [eventId, setEventId] = useState<string | null>(null);
  const target = refundTarget(detail);
  const link = customerPageUrl(window.location.origin, order.publicToken);
  const unpaid = !order.paidAt && !order.cancelledAt;
  const cur = order.currency;

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: paymentsKeys.order(order.id) });
    await queryClient.invalidateQueries({ queryKey: paymentsKeys.orders });
  };
  const checkout = useMutation({
    mutationFn: () => paymentsApi.checkout(order.id),
    onSuccess: async (result) => {
      if (result.kind === 'redirect' && result.url) window.open(result.url, '_blank', 'noopener');
      else notifications.show({ color: 'green', message: t('order.settled') });
      await refresh();
    },
  });
  const action = useMutation({
    mutationFn: async (kind: Exclude<Pending, null>) => {
      if (kind === 'cancel') await paymentsApi.cancelOrder(order.id);
      else if (kind === 'fulfil') await paymentsApi.fulfilOrder(order.id);
      else await paymentsApi.cancelSubscription(order.id, kind === 'subscriptionEnd');
    },
    onSuccess: async () => {
      setPending(null);
      await refresh();
    },
  });
  const ask = (kind: Pending) => {
    action.reset();
    setPending(kind);
  };

  const confirmText: Record<Exclude<Pending, null>, { title: string; message: string; label: string; color: string }> = {
    cancel: { title: t('order.cancel.title'), message: t('order.cancel.message', { number: order.number }), label: t('order.cancel'), color: 'red' },
    fulfil: { title: t('order.fulfil.title'), message: t('order.fulfil.message', { number: order.number }), label: t('order.fulfil'), color: 'petrole' },
    subscriptionEnd: {
      title: t('subscription.cancelEnd.title'),
      message: t('subscription.cancelEnd.message', { date: formatDate(subscription?.currentPeriodEnd ?? null, lang) }),
      label: t('subscription.cancelEnd'),
      color: 'orange',
    },
    subscriptionNow: { title: t('subscription.cancelNow.title'), message: t('subscription.cancelNow.message'), label: t('subscription.cancelNow'), color: 'red' },
  };

  return (
    <Stack gap="lg" maw={1300}>
      <BackLink />
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{t('order.title', { number: order.number })}</Title>
            <OrderStatusBadge status={order.status} size="lg" />
          </Group>
          <Text c="dimmed" size="sm">
            {[companyNames(order.companyId), formatDateTime(order.createdAt, lang), order.planCode && `${t('order.plan')} ${order.planCode}`, order.productVersion && `v${order.productVersion}`]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Stack>
        <Group gap="xs" wrap="wrap">
          {canWrite && unpaid && (
            <Button onClick={() => checkout.mutate()} loading={checkout.isPending}>
              {order.totalInclTax === 0 ? t('order.confirmFree') : t('order.openCheckout')}
            </Button>
          )}
          {canRefund && target && (
            <Button color="orange" variant="light" onClick={() => setRefunding(true)}>
              {t('order.refund')}
            </Button>
          )}
          {canWrite && order.status === 'paid' && (
            <Button variant="light" onClick={() => ask('fulfil')}>
              {t('order.fulfil')}
            </Button>
          )}
          {canWrite && unpaid && (
            <Button variant="subtle" color="red" onClick={() => ask('cancel')}>
              {t('order.cancel')}
            </Button>
          )}
        </Group>
      </Group>
      {checkout.isError && <ErrorAlert error={checkout.error} />}
      {order.lastPaymentError && (
        <Alert color="red" variant="light" title={t('order.lastPaymentError')}>
          <Text size="sm">{order.lastPaymentError}</Text>
        </Alert>
      )}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <SectionCard title={t('order.lines')}>
              <Table.ScrollContainer minWidth={560}>
                <Table verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('order.col.description')}</Table.Th>
                      <Table.Th ta="right">{t('order.col.quantity')}</Table.Th>
                      <Table.Th ta="right">{t('order.col.unit')}</Table.Th>
                      <Table.Th ta="right">{t('order.col.tax')}</Table.Th>
                      <Table.Th ta="right">{t('order.col.amount')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {detail.lines.map((line) => (
                      <Table.Tr key={line.position}>
                        <Table.Td>
                          <Text size="sm">{line.description}</Text>
                          {line.recurrence && line.recurrence !== 'one_time' && (
                            <Text size="xs" c="dimmed">
                              {code('order.recurrence', line.recurrence)}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td ta="right">{line.quantity}</Table.Td>
                        <Table.Td ta="right">{money(line.unitAmount, cur)}</Table.Td>
                        <Table.Td ta="right">{(line.taxRateBp / 100).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB')} %</Table.Td>
                        <Table.Td ta="right">{money(line.amountInclTax, cur)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Stack gap={2} align="flex-end">
                <Total label={t('order.totalExclTax')} value={money(order.totalExclTax, cur)} />
                <Total label={t('order.totalTax')} value={money(order.totalTax, cur)} />
                <Total label={t('order.totalInclTax')} value={money(order.totalInclTax, cur)} strong suffix={order.interval ? recurrence(order.interval, order.intervalCount) : undefined} />
                <Total label={t('order.paidAmount')} value={money(order.paidAmount, cur)} />
                {order.refundedAmount > 0 && <Total label={t('order.refundedAmount')} value={money(order.refundedAmount, cur)} />}
              </Stack>
            </SectionCard>

            <SectionCard title={t('order.payments')}>
              {detail.payments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('order.payments.none')}
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={560}>
                  <Table verticalSpacing="xs">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('payments.col.date')}</Table.Th>
                        <Table.Th>{t('payments.col.kind')}</Table.Th>
                        <Table.Th>{t('payments.col.status')}</Table.Th>
                        <Table.Th ta="right">{t('payments.col.amount')}</Table.Th>
                        <Table.Th ta="right">{t('payments.col.refunded')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {detail.payments.map((p) => (
                        <Table.Tr key={p.id}>
                          <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }}>
                            {formatDateTime(p.succeededAt ?? p.failedAt ?? p.createdAt, lang)}
                          </Table.Td>
                          <Table.Td fz="sm">
                            {code('payment.kind', p.kind)}
                            <Text size="xs" c="dimmed">
                              {p.provider}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <PaymentStatusBadge status={p.status} />
                            {p.failureMessage && p.status !== 'succeeded' && (
                              <Text size="xs" c="red">
                                {p.failureMessage}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td ta="right">{money(p.amount, p.currency)}</Table.Td>
                          <Table.Td ta="right">{p.refundedAmount > 0 ? money(p.refundedAmount, p.currency) : '—'}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </SectionCard>

            {detail.refunds.length > 0 && (
              <SectionCard title={t('order.refunds')}>
                <Table.ScrollContainer minWidth={560}>
                  <Table verticalSpacing="xs">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('payments.col.date')}</Table.Th>
                        <Table.Th>{t('refund.reason')}</Table.Th>
                        <Table.Th>{t('payments.col.status')}</Table.Th>
                        <Table.Th>{t('refund.requestedBy')}</Table.Th>
                        <Table.Th ta="right">{t('payments.col.amount')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {detail.refunds.map((r) => (
                        <Table.Tr key={r.id}>
                          <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }}>
                            {formatDateTime(r.createdAt, lang)}
                          </Table.Td>
                          <Table.Td fz="sm">{r.reason ? code('refund.reason', r.reason) : '—'}</Table.Td>
                          <Table.Td>
                            <RefundStatusBadge status={r.status} />
                            {r.failureMessage && (
                              <Text size="xs" c="red">
                                {r.failureMessage}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td fz="sm">{r.requestedBy ?? '—'}</Table.Td>
                          <Table.Td ta="right">{money(r.amount, cur)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </SectionCard>
            )}

            {canReadInvoices && (
              <OrderInvoicesSection
                order={{ id: order.id, companyId: order.companyId, customerName: customer.name }}
                expected={{
                  invoices: detail.payments.filter((p) => p.status === 'succeeded' && p.amount > 0).length,
                  creditNotes: detail.refunds.filter((r) => r.status === 'succeeded').length,
                }}
              />
            )}

            {subscription && (
              <SectionCard
                title={t('order.subscription')}
                actions={
                  canWrite &&
                  subscription.status !== 'cancelled' &&
                  !subscription.cancelledAt && (
                    <Group gap="xs">
                      {!subscription.cancelAtPeriodEnd && (
                        <Button size="xs" variant="light" color="orange" onClick={() => ask('subscriptionEnd')}>
                          {t('subscription.cancelEnd')}
                        </Button>
                      )}
                      <Button size="xs" variant="subtle" color="red" onClick={() => ask('subscriptionNow')}>
                        {t('subscription.cancelNow')}
                      </Button>
                    </Group>
                  )
                }
              >
                <Grid>
                  <Grid.Col span={{ base: 6, sm: 3 }}>
                    <Field label={t('subscription.status')}>
                      <SubscriptionStatusBadge status={subscription.status} />
                    </Field>
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, sm: 3 }}>
                    <Field label={t('subscription.amount')}>
                      <Text size="sm">
                        {money(subscription.amount, subscription.currency)} {recurrence(subscription.interval, subscription.intervalCount)}
                      </Text>
                    </Field>
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, sm: 3 }}>
                    <Field label={t('subscription.periodEnd')}>
                      <Text size="sm">{formatDate(subscription.currentPeriodEnd, lang)}</Text>
                    </Field>
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, sm: 3 }}>
                    <Field label={t('subscription.paidPeriods')}>
                      <Text size="sm">{subscription.paidPeriods}</Text>
                    </Field>
                  </Grid.Col>
                </Grid>
                {subscription.cancelAtPeriodEnd && !subscription.cancelledAt && (
                  <Alert color="orange" variant="light">
                    <Text size="sm">{t('subscription.endsAt', { date: formatDate(subscription.currentPeriodEnd, lang) })}</Text>
                  </Alert>
                )}
                {subscription.cancelledAt && (
                  <Text size="sm" c="dimmed">
                    {t('subscription.cancelledAt', { date: formatDateTime(subscription.cancelledAt, lang), by: subscription.cancelledBy ? code('subscription.by', subscription.cancelledBy) : '—' })}
                  </Text>
                )}
                {detail.dunning.length > 0 && (
                  <Stack gap={6}>
                    <Text size="sm" fw={600}>
                      {t('order.dunning')}
                    </Text>
                    <Table verticalSpacing={4}>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t('dunning.attempt')}</Table.Th>
                          <Table.Th>{t('dunning.scheduledAt')}</Table.Th>
                          <Table.Th>{t('dunning.status')}</Table.Th>
                          <Table.Th>{t('dunning.ranAt')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {detail.dunning.map((d) => (
                          <Table.Tr key={d.id}>
                            <Table.Td fz="sm">{d.attempt}</Table.Td>
                            <Table.Td fz="sm">{formatDateTime(d.scheduledAt, lang)}</Table.Td>
                            <Table.Td>
                              <Badge variant="light" color={d.status === 'paid' ? 'green' : d.status === 'failed' ? 'red' : 'gray'}>
                                {code('dunning.status', d.status)}
                              </Badge>
                            </Table.Td>
                            <Table.Td fz="sm">{d.ranAt ? formatDateTime(d.ranAt, lang) : '—'}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Stack>
                )}
              </SectionCard>
            )}

            {detail.ledger.length > 0 && (
              <SectionCard title={t('order.ledger')} description={t('order.ledger.description')}>
                <LedgerTable entries={detail.ledger} />
              </SectionCard>
            )}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <SectionCard title={t('order.customer')}>
              <Stack gap="sm">
                <Field label={t('orderForm.name')}>
                  <Text size="sm" fw={500}>
                    {customer.name}
                  </Text>
                </Field>
                <Field label={t('orderForm.email')}>
                  <Text size="sm">{customer.email}</Text>
                </Field>
                <Group grow>
                  <Field label={t('orderForm.country')}>
                    <Text size="sm">{customer.country}</Text>
                  </Field>
                  <Field label={t('orderForm.language')}>
                    <Text size="sm" tt="uppercase">
                      {customer.language}
                    </Text>
                  </Field>
                </Group>
                <Field label={t('order.customerPage')}>
                  <Group gap={4} wrap="nowrap">
                    <Anchor href={link} target="_blank" rel="noopener" size="sm" style={{ wordBreak: 'break-all' }}>
                      /commande/{order.publicToken.slice(0, 8)}…
                    </Anchor>
                    <CopyLinkButton value={link} />
                  </Group>
                </Field>
              </Stack>
            </SectionCard>

            <SectionCard title={t('order.timeline')} description={t('order.timeline.description')}>
              {detail.events.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('order.timeline.empty')}
                </Text>
              ) : (
                <Timeline bulletSize={14} lineWidth={2} active={detail.events.length} aria-label={t('order.timeline')}>
                  {detail.events.map((event) => (
                    <Timeline.Item
                      key={event.id}
                      color={webhookColors[event.status]}
                      title={
                        canSeeInbox ? (
                          <Anchor component="button" type="button" size="sm" ff="monospace" onClick={() => setEventId(event.id)}>
                            {event.type}
                          </Anchor>
                        ) : (
                          <Text size="sm" ff="monospace">
                            {event.type}
                          </Text>
                        )
                      }
                    >
                      <Group gap={6} mt={2}>
                        <WebhookStatusBadge status={event.status} />
                        <Text size="xs" c="dimmed">
                          {formatDateTime(new Date(event.providerCreated * 1000).toISOString(), lang)}
                        </Text>
                      </Group>
                      {event.outcome && (
                        <Text size="xs" c="dimmed" mt={2}>
                          {event.outcome}
                        </Text>
                      )}
                    </Timeline.Item>
                  ))}
                </Timeline>
              )}
            </SectionCard>
          </Stack>
        </Grid.Col>
      </Grid>

      {pending && (
        <ConfirmModal
          opened
          onClose={() => setPending(null)}
          title={confirmText[pending].title}
          message={confirmText[pending].message}
          confirmLabel={confirmText[pending].label}
          color={confirmText[pending].color}
          onConfirm={() => action.mutate(pending)}
          loading={action.isPending}
          error={action.error}
        />
      )}
      {refunding && target && <RefundModal detail={detail} target={target} onClose={() => setRefunding(false)} />}
      <WebhookEventDrawer eventId={eventId} onClose={() => setEventId(null)} />
    </Stack>
  );
}

function Total({ label, value, strong, suffix }: { label: string; value: string; strong?: boolean; suffix?: string }) {
  return (
    <Group gap="md" justify="flex-end" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size={strong ? 'md' : 'sm'} fw={strong ? 700 : 500} miw={110} ta="right">
        {value}
        {suffix && (
          <Text span size="xs" c="dimmed" fw={400}>
            {' '}
            {suffix}
          </Text>
        )}
      </Text>
    </Group>
  );
}

/** Merchant ledger movements (sale, fees, commission, refunds, payouts), signed amounts. */
export function LedgerTable({ entries, extra }: { entries: OrderDetail['ledger']; extra?: (entry: OrderDetail['ledger'][number]) => ReactNode }) {
  const t = useT();
  const { lang } = useLang();
  const money = useMoney();
  const code = useCodeLabel();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('ledger.kind')}</Table.Th>
            <Table.Th>{t('ledger.description')}</Table.Th>
            <Table.Th>{t('ledger.availableAt')}</Table.Th>
            <Table.Th ta="right">{t('payments.col.amount')}</Table.Th>
            {extra && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td fz="sm">{code('ledger.kind', entry.kind)}</Table.Td>
              <Table.Td fz="sm">{entry.description}</Table.Td>
              <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatDate(entry.availableAt, lang)}
                {entry.payoutId && (
                  <Badge ml={6} size="xs" variant="light" color="teal">
                    {t('ledger.paidOut')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right" c={entry.amount < 0 ? 'red' : undefined} style={{ whiteSpace: 'nowrap' }}>
                {money(entry.amount, entry.currency)}
              </Table.Td>
              {extra && <Table.Td>{extra(entry)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
