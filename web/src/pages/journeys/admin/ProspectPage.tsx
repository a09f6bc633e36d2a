import { Alert, Anchor, Button, Code, Group, Paper, SimpleGrid, Stack, Table, Text, Textarea, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { apiDownload } from '../../../api.ts';
import { ConfirmModal } from '../../../components/ConfirmModal.tsx';
import { downloadBlob } from '../../../components/download.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SectionCard } from '../../../components/SectionCard.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { isMessageKey, useLang, useT } from '../../../i18n/I18nProvider.tsx';
import { formatDateTime, formatDay } from '../../../i18n/format.ts';
import { type ErasureResult, journeysAdminApi, type ProspectDetail, type ProspectField, personalDataPath, prospectQuery } from '../../../journeysAdminApi.ts';
import { formatMoney } from '../../../money.ts';
import { CopyLinkButton, OrderLink } from '../../payments/paymentsUi.tsx';
import { clientTypeKey, ProspectStatusBadge, statusKey } from './journeysUi.tsx';
import { QueryFallback } from '../../../components/QueryFallback.tsx';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

/** An answer as the prospect chose it: option labels for choices, « Oui »/« Non » for boxes, the text otherwise. */
function useAnswerText() {
  const t = useT();
  const { lang } = useLang();
  return (field: ProspectField | undefined, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (field?.type === 'date' && typeof value === 'string') return formatDay(value, lang);
    const option = (v: unknown) => field?.options?.find((o) => o.value === v)?.label ?? String(v);
    if (Array.isArray(value)) return value.map(option).join(', ') || '—';
    if (typeof value === 'boolean') return t(value ? 'journeys.yes' : 'journeys.no');
    if (typeof value === 'object') return JSON.stringify(value);
    return option(value);
  };
}

function Answers({ prospect }: { prospect: ProspectDetail }) {
  const t = useT();
  const answerText = useAnswerText();
  const known = new Set(prospect.fields.map((f) => f.id));
  const rows = [
    ...prospect.fields.filter((f) => f.id in prospect.answers).map((f) => ({ id: f.id, label: f.label, text: answerText(f, prospect.answers[f.id]) })),
    ...Object.entries(prospect.answers)
      .filter(([id]) => !known.has(id))
      .map(([id, value]) => ({ id, label: id, text: answerText(undefined, value) })),
  ];
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t(prospect.erasedAt ? 'journeys.prospect.answers.erased' : 'journeys.prospect.answers.none')}
      </Text>
    );
  }
  return (
    <Table verticalSpacing={6} data-testid="answers">
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.id} data-field={row.id}>
            <Table.Td c="dimmed" fz="sm" w="40%">
              {row.label}
            </Table.Td>
            <Table.Td fz="sm">{row.text}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function EventTimeline({ prospect }: { prospect: ProspectDetail }) {
  const t = useT();
  const { lang } = useLang();
  const kindLabel = (kind: string) => {
    const key = `journeys.event.${kind}`;
    return isMessageKey(key) ? t(key) : kind;
  };
  return (
    <Timeline bulletSize={14} lineWidth={2} active={prospect.events.length - 1} data-testid="timeline">
      {prospect.events.map((event) => (
        <Timeline.Item key={event.id} title={kindLabel(event.kind)} data-event={event.kind}>
          {(event.fromStatus || event.toStatus) && (
            <Text size="sm" data-testid="transition">
              {[event.fromStatus, event.toStatus].map((s) => (s ? t(statusKey(s)) : null)).filter(Boolean).join(' → ')}
            </Text>
          )}
          {event.kind === 'erased' && typeof event.detail?.reason === 'string' && (
            <Text size="sm" c="dimmed">
              {t('journeys.erase.reasonShown', { reason: event.detail.reason })}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {formatDateTime(event.at, lang)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function EraseModal({ prospect, onClose, onErased }: { prospect: ProspectDetail; onClose: () => void; onErased: (result: ErasureResult) => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const erase = useMutation({
    mutationFn: () => journeysAdminApi.erase(prospect.id, reason.trim()),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: ['prospects'] });
      onErased(result);
    },
  });
  const invalid = reason.trim().length < 3;
  return (
    <ConfirmModal
      opened
      onClose={onClose}
      title={t('journeys.erase.title')}
      message={t('journeys.erase.message', { name: prospect.name ?? '' })}
      confirmLabel={t('journeys.erase.confirm')}
      loading={erase.isPending}
      error={erase.error}
      onConfirm={() => {
        setTouched(true);
        if (!invalid) erase.mutate();
      }}
    >
      <Textarea
        label={t('journeys.erase.reason')}
        description={t('journeys.erase.reason.description')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={touched && invalid ? t('journeys.erase.reason.required') : undefined}
        required
        autosize
        minRows={2}
        maxLength={500}
        data-autofocus
      />
    </ConfirmModal>
  );
}

/** /app/parcours/prospects/$prospectId — the advisor's 360° view of one prospect, and the GDPR requests. */
export function ProspectPage({ prospectId }: { prospectId: string }) {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const prospect = useQuery(prospectQuery(prospectId));
  const p = prospect.data;
  usePageTitle(p?.name ?? t('journeys.prospect'));
  const [erasing, setErasing] = useState(false);
  const [erased, setErased] = useState<ErasureResult | null>(null);
  const exportData = useMutation({
    mutationFn: () => apiDownload(personalDataPath(prospectId)),
    onSuccess: (file) => {
      downloadBlob(file.filename ?? `donnees-personnelles-${prospectId}.json`, file.blob);
      notifications.show({ color: 'teal', message: t('journeys.export.done') });
    },
  });

  if (prospect.isPending || prospect.isError) return <QueryFallback query={prospect} />;
  const data = p!;
  const publicLink = data.publicUrl ? `${window.location.origin}${data.publicUrl}` : null;
  const price = data.priceAmount !== null && data.currency ? formatMoney(data.priceAmount, data.currency, lang) : '—';

  return (
    <Stack gap="lg" maw={1200}>
      <Anchor
        size="sm"
        href="/app/parcours/prospects"
        onClick={(event) => {
          event.preventDefault();
          void navigate({ to: '/app/parcours/prospects', search: { vue: data.activatedAt ? 'conversions' : 'prospects' } });
        }}
      >
        ← {t('journeys.prospect.back')}
      </Anchor>
      <PageHeader
        title={data.name ?? t('journeys.erased')}
        description={data.email ?? undefined}
        actions={
          <Group gap="xs">
            <Button variant="default" onClick={() => exportData.mutate()} loading={exportData.isPending}>
              {t('journeys.export')}
            </Button>
            {!data.erasedAt && (
              <Button color="red" variant="light" onClick={() => setErasing(true)}>
                {t('journeys.erase')}
              </Button>
            )}
          </Group>
        }
      />
      {exportData.isError && <ErrorAlert error={exportData.error} />}
      {(erased ?? data.erasedAt) && (
        <Alert color="gray" variant="light" title={t('journeys.erase.done.title')} data-testid="erased">
          <Text size="sm">{t('journeys.erase.done.at', { at: formatDateTime(erased?.erasedAt ?? data.erasedAt!, lang) })}</Text>
          {erased && <Text size="sm">{t('journeys.erase.kept', { orders: erased.kept.orders })}</Text>}
          <Text size="sm">{t('journeys.erase.keptAlways')}</Text>
        </Alert>
      )}
      <Paper withBorder radius="lg" p="md">
        <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="md">
          <Fact label={t('journeys.col.status')}>
            <ProspectStatusBadge status={data.status} />
          </Fact>
          <Fact label={t('journeys.col.type')}>
            <Text size="sm">{data.clientType ? t(clientTypeKey(data.clientType)) : '—'}</Text>
          </Fact>
          <Fact label={t('journeys.col.price')}>
            <Text size="sm" fw={600} data-testid="price">
              {price}
              {data.offered ? ` · ${t('journeys.offered')}` : ''}
            </Text>
          </Fact>
          <Fact label={t('journeys.col.mandate')}>
            <Text size="sm" ff="monospace">
              {data.mandateNumber ?? '—'}
            </Text>
          </Fact>
          <Fact label={t('journeys.col.phone')}>
            <Text size="sm">{data.phone ?? '—'}</Text>
          </Fact>
          <Fact label={t('journeys.col.source')}>
            <Text size="sm">{data.source}</Text>
          </Fact>
          <Fact label={t('journeys.col.started')}>
            <Text size="sm">{formatDateTime(data.startedAt, lang)}</Text>
          </Fact>
          <Fact label={t('journeys.col.order')}>
            {data.order ? (
              <OrderLink orderId={data.order.id}>
                {data.order.number} · {formatMoney(data.order.totalInclTax, data.order.currency, lang)}
              </OrderLink>
            ) : (
              <Text size="sm">—</Text>
            )}
          </Fact>
        </SimpleGrid>
        {publicLink && (
          <Group gap="xs" mt="md" wrap="nowrap">
            <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
              {t('journeys.prospect.publicLink')}
            </Text>
            <Code style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} data-testid="public-link">
              {publicLink}
            </Code>
            <CopyLinkButton value={publicLink} />
          </Group>
        )}
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="lg">
          <SectionCard title={t('journeys.prospect.answers')}>
            <Answers prospect={data} />
          </SectionCard>
          <SectionCard title={t('journeys.prospect.consent')}>
            {data.consent ? (
              <Stack gap={4} data-testid="consent">
                <Text size="sm">{t('journeys.prospect.consent.given', { version: data.consent.version ?? '—', at: formatDateTime(data.consent.at, lang) })}</Text>
                {data.consent.text && (
                  <Text size="xs" c="dimmed">
                    {data.consent.text}
                  </Text>
                )}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                {t('journeys.prospect.consent.none')}
              </Text>
            )}
          </SectionCard>
        </Stack>
        <SectionCard title={t('journeys.prospect.timeline')}>
          <EventTimeline prospect={data} />
        </SectionCard>
      </SimpleGrid>
      {erasing && (
        <EraseModal
          prospect={data}
          onClose={() => setErasing(false)}
          onErased={(result) => {
            setErasing(false);
            setErased(result);
          }}
        />
      )}
    </Stack>
  );
}
