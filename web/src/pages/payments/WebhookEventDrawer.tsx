import { Button, Code, Drawer, Group, ScrollArea, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Field } from '../../components/SectionCard.tsx';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { paymentsApi, paymentsKeys, webhookEventQuery } from '../../paymentsApi.ts';
import { usePermission } from '../../session.ts';
import { OrderLink, WebhookStatusBadge } from './paymentsUi.tsx';
import { QueryFallback } from '../../components/QueryFallback.tsx';

/** One inbox event: its state, its payload as received, and the replay button. */
export function WebhookEventDrawer({ eventId, onClose }: { eventId: string | null; onClose: () => void }) {
  const t = useT();
  return (
    <Drawer opened={eventId !== null} onClose={onClose} position="right" size="xl" title={<Text fw={600}>{t('webhooks.detail.title')}</Text>}>
      {eventId && <WebhookEventDetail eventId={eventId} />}
    </Drawer>
  );
}

function WebhookEventDetail({ eventId }: { eventId: string }) {
  const t = useT();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const canReplay = usePermission('payments.refund');
  const event = useQuery({
    ...webhookEventQuery(eventId),
    // A replayed event goes back to "received" until the job applies it again.
    refetchInterval: (query) => (query.state.data?.status === 'received' ? 1500 : false),
  });
  const replay = useMutation({
    mutationFn: () => paymentsApi.replayWebhookEvent(eventId),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('webhooks.replay.done') });
      await queryClient.invalidateQueries({ queryKey: paymentsKeys.webhooks });
      await queryClient.invalidateQueries({ queryKey: ['sales', 'orders'] });
    },
  });

  if (event.isPending || event.isError) return <QueryFallback query={event} />;
  const e = event.data;
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <WebhookStatusBadge status={e.status} />
          <Text ff="monospace" fw={600} size="sm">
            {e.type}
          </Text>
        </Group>
        {canReplay && (
          <Button size="xs" variant="light" onClick={() => replay.mutate()} loading={replay.isPending}>
            {t('webhooks.replay')}
          </Button>
        )}
      </Group>
      {replay.isError && <ErrorAlert error={replay.error} />}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Field label={t('webhooks.col.eventId')}>
          <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {e.eventId}
          </Text>
        </Field>
        <Field label={t('webhooks.col.provider')}>
          <Text size="sm">{e.provider}</Text>
        </Field>
        <Field label={t('webhooks.col.received')}>
          <Text size="sm">{formatDateTime(e.receivedAt, lang)}</Text>
        </Field>
        <Field label={t('webhooks.col.processed')}>
          <Text size="sm">{e.processedAt ? formatDateTime(e.processedAt, lang) : '—'}</Text>
        </Field>
        <Field label={t('webhooks.col.attempts')}>
          <Text size="sm">{e.attempts}</Text>
        </Field>
        <Field label={t('webhooks.col.nextAttempt')}>
          <Text size="sm">{e.nextAttemptAt ? formatDateTime(e.nextAttemptAt, lang) : '—'}</Text>
        </Field>
        <Field label={t('webhooks.col.outcome')}>
          <Text size="sm">{e.outcome ?? '—'}</Text>
        </Field>
        <Field label={t('webhooks.col.order')}>
          {e.orderId ? (
            <OrderLink orderId={e.orderId}>{t('webhooks.openOrder')}</OrderLink>
          ) : (
            <Text size="sm">—</Text>
          )}
        </Field>
      </SimpleGrid>
      {e.lastError && (
        <Field label={t('webhooks.col.lastError')}>
          <Text size="sm" c="red">
            {e.lastError}
          </Text>
        </Field>
      )}
      <Field label={t('webhooks.payload')}>
        <ScrollArea.Autosize mah={480} type="auto">
          <Code block data-testid="webhook-payload">
            {JSON.stringify(e.payload, null, 2)}
          </Code>
        </ScrollArea.Autosize>
      </Field>
    </Stack>
  );
}
