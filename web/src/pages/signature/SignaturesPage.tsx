import { Anchor, Badge, Button, Code, Group, Pagination, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { describeError } from '../../errors.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { usePermission } from '../../session.ts';
import { type SignatureStatus, signatureApi, signatureDetailQuery, signatureKeys, signatureListQuery, signatureStatuses } from '../../signatureApi.ts';

const PAGE = 50;
const statusColor: Record<SignatureStatus, string> = { sent: 'blue', viewed: 'indigo', signed: 'teal', expired: 'gray', cancelled: 'red' };

export function SignatureStatusBadge({ status }: { status: SignatureStatus }) {
  const t = useT();
  return (
    <Badge color={statusColor[status]} variant="light" data-testid="signature-status">
      {t(`signature.status.${status}` as MessageKey)}
    </Badge>
  );
}

/** /app/signature — signature requests, newest first, filtered by status or text. */
export function SignaturesPage() {
  const t = useT();
  const { lang } = useLang();
  usePageTitle(t('signatures.heading'));
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<SignatureStatus | null>(null);
  const [page, setPage] = useState(1);
  const list = useQuery({ ...signatureListQuery({ q: q || undefined, status: status ?? undefined, limit: PAGE, offset: (page - 1) * PAGE }), placeholderData: keepPreviousData });
  const items = list.data?.items ?? [];
  return (
    <Stack>
      <PageHeader title={t('signatures.heading')} description={t('signatures.description')} />
      <Group>
        <TextInput placeholder={t('signatures.search')} value={search} onChange={(e) => { setSearch(e.currentTarget.value); setPage(1); }} w={280} />
        <Select
          placeholder={t('signatures.status.all')}
          data={signatureStatuses.map((s) => ({ value: s, label: t(`signature.status.${s}` as MessageKey) }))}
          value={status}
          onChange={(value) => { setStatus(value as SignatureStatus | null); setPage(1); }}
          clearable
          w={200}
        />
      </Group>
      {list.isError && <Text c="red">{describeError(list.error, t)}</Text>}
      <Paper withBorder>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('signatures.col.title')}</Table.Th>
              <Table.Th>{t('signatures.col.signer')}</Table.Th>
              <Table.Th>{t('signatures.col.status')}</Table.Th>
              <Table.Th>{t('signatures.col.created')}</Table.Th>
              <Table.Th>{t('signatures.col.signed')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  <Anchor
                    href={`/app/signature/${encodeURIComponent(item.id)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      void navigate({ to: `/app/signature/${encodeURIComponent(item.id)}` });
                    }}
                  >
                    {item.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {item.signerName}
                  <Text size="xs" c="dimmed">
                    {item.signerEmail}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <SignatureStatusBadge status={item.status} />
                </Table.Td>
                <Table.Td>{formatDateTime(item.createdAt, lang)}</Table.Td>
                <Table.Td>{item.signedAt ? formatDateTime(item.signedAt, lang) : '—'}</Table.Td>
              </Table.Tr>
            ))}
            {list.isSuccess && items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text c="dimmed">{t('signatures.empty')}</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Paper>
      {(list.data?.total ?? 0) > PAGE && <Pagination total={Math.ceil(list.data!.total / PAGE)} value={page} onChange={setPage} />}
    </Stack>
  );
}

/** /app/signature/:id — one request: evidence, timeline, original and sealed files, cancel. */
export function SignatureDetailPage({ id }: { id: string }) {
  const t = useT();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const detail = useQuery(signatureDetailQuery(id));
  const canManage = usePermission('signature.manage');
  const [confirm, setConfirm] = useState(false);
  const cancel = useMutation({
    mutationFn: () => signatureApi.cancel(id),
    onSuccess: () => {
      setConfirm(false);
      void queryClient.invalidateQueries({ queryKey: signatureKeys.all });
    },
  });
  usePageTitle(detail.data?.title ?? t('signatures.heading'));
  if (detail.isPending) return <Text c="dimmed">…</Text>;
  if (detail.isError) return <Text c="red">{describeError(detail.error, t)}</Text>;
  const d = detail.data;
  const e = d.evidence;
  const row = (label: MessageKey, value: React.ReactNode) => (
    <Table.Tr>
      <Table.Td c="dimmed" w="35%">
        {t(label)}
      </Table.Td>
      <Table.Td style={{ wordBreak: 'break-all' }}>{value}</Table.Td>
    </Table.Tr>
  );
  return (
    <Stack>
      <PageHeader
        title={d.title}
        description={`${d.signerName} <${d.signerEmail}> · ${t(`signature.verification.${d.verification}` as MessageKey)}`}
        actions={
          <Group>
            <SignatureStatusBadge status={d.status} />
            <Button component="a" href={signatureApi.fileUrl(d.id, 'original')} variant="light">
              {t('signature.detail.original')}
            </Button>
            {d.sealedSha256 && (
              <Button component="a" href={signatureApi.fileUrl(d.id, 'sealed')}>
                {t('signature.detail.sealed')}
              </Button>
            )}
            {canManage && (d.status === 'sent' || d.status === 'viewed' || d.status === 'expired') && (
              <Button color="red" variant="subtle" onClick={() => setConfirm(true)}>
                {t('signature.detail.cancel')}
              </Button>
            )}
          </Group>
        }
      />
      {d.status !== 'signed' && <Text size="sm">{t('signature.detail.expires', { date: formatDateTime(d.expiresAt, lang) })}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={3} fz="h4" mb="sm">
            {t('signature.detail.evidence')}
          </Title>
          {e ? (
            <Table fz="sm" data-testid="signature-evidence">
              <Table.Tbody>
                {row('signature.evidence.signedAt', e.signedAt)}
                {row('signature.evidence.timeZone', e.timeZone)}
                {row('signature.evidence.verification', t(`signature.verification.${e.verification}` as MessageKey))}
                {row('signature.evidence.ip', e.ip)}
                {row('signature.evidence.userAgent', e.userAgent)}
                {row('signature.evidence.strokes', t('signature.evidence.strokesValue', { strokes: e.strokeCount, points: e.pointCount, pointer: e.pointerType }))}
                {row('signature.evidence.documentSha256', <Code>{e.documentSha256}</Code>)}
                {row('signature.evidence.sealedSha256', <Code>{e.sealedSha256}</Code>)}
                {row('signature.evidence.evidenceSha256', <Code>{e.evidenceSha256}</Code>)}
              </Table.Tbody>
            </Table>
          ) : (
            <Text c="dimmed">{t('signature.detail.noEvidence')}</Text>
          )}
          {d.recap.length > 0 && (
            <Table fz="sm" mt="md">
              <Table.Tbody>
                {d.recap.map((line) => (
                  <Table.Tr key={line.label}>
                    <Table.Td c="dimmed">{line.label}</Table.Td>
                    <Table.Td>{line.value}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <Paper withBorder p="md">
          <Title order={3} fz="h4" mb="sm">
            {t('signature.detail.timeline')}
          </Title>
          <Table fz="sm" data-testid="signature-timeline">
            <Table.Tbody>
              {d.events.map((event) => (
                <Table.Tr key={`${event.kind}-${event.at}`}>
                  <Table.Td>{formatDateTime(event.at, lang)}</Table.Td>
                  <Table.Td>{t(`signature.event.${event.kind}` as MessageKey)}</Table.Td>
                  <Table.Td c="dimmed">{event.ip ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {d.status === 'signed' && (
            <Anchor href={`/verify/${d.verifyToken}`} size="sm" mt="sm" display="block">
              {t('signer.done.verify')}
            </Anchor>
          )}
        </Paper>
      </SimpleGrid>
      <ConfirmModal opened={confirm} onClose={() => setConfirm(false)} title={t('signature.detail.cancel')} message={d.title} confirmLabel={t('signature.detail.cancel')} onConfirm={() => cancel.mutate()} loading={cancel.isPending} error={cancel.error} color="red" />
    </Stack>
  );
}
