import { Anchor, Badge, Button, Grid, Group, List, MultiSelect, Paper, SegmentedControl, Select, Spoiler, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExtractedPolicyReview } from '../../components/documents/ExtractedPolicyReview.tsx';
import { confidenceColor } from '../../components/documents/reviewFormat.ts';
import { PolicyUploadDropzone } from '../../components/documents/PolicyUploadDropzone.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import {
  type ConfirmedFields,
  type CoverageCode,
  coverageCodes,
  type DocumentSummary,
  documentQuery,
  documentsApi,
  documentsQuery,
  POLICY_ACCEPT,
  type Recommendation,
  recommendationRulesQuery,
  uploadFile,
  uploadPolicyUrl,
} from '../../documentsApi.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { companiesQuery } from '../../identityApi.ts';
import { formatMoney } from '../../money.ts';
import { companyName, usePermission } from '../../session.ts';

/** /app/documents — an owner's uploaded policies, the data read from them to confirm, and the recommendation summary. */
export function DocumentsPage() {
  const t = useT();
  const { lang } = useLang();
  usePageTitle(t('documents.heading'));
  const queryClient = useQueryClient();
  const canReview = usePermission('documents.review');
  const canReadCompanies = usePermission('companies.read');
  const companies = useQuery({ ...companiesQuery, enabled: canReadCompanies });
  const companyOptions = (companies.data?.items ?? []).map((c) => ({ value: c.id, label: companyName(c) }));

  const [ownerKind, setOwnerKind] = useState('prospect');
  const [ownerId, setOwnerId] = useState('');
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  // Strings, not an object: the debounce compares by identity, and a fresh object each render re-arms it forever
  // (the page re-rendered every 300 ms).
  const [debouncedKind] = useDebouncedValue(ownerKind.trim(), 300);
  const [debouncedId] = useDebouncedValue(ownerId.trim(), 300);
  const owner = useMemo(() => ({ kind: debouncedKind, id: debouncedId }), [debouncedKind, debouncedId]);
  const hasOwner = !!(owner.kind && owner.id);

  const list = useQuery({
    ...documentsQuery(hasOwner ? { ownerKind: owner.kind, ownerId: owner.id } : {}),
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.extraction?.status === 'pending') ? 2000 : false),
  });
  const items = list.data?.items ?? [];
  const company = companyId ?? (companyOptions.length === 1 ? companyOptions[0]!.value : null);

  const detail = useQuery({
    ...documentQuery(selected ?? ''),
    enabled: !!selected,
    refetchInterval: (query) => (query.state.data?.extraction?.status === 'pending' ? 2000 : false),
  });
  const confirm = useMutation({
    mutationFn: (fields: ConfirmedFields) => documentsApi.confirm(selected!, fields),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('documents.extraction.confirmed') });
      void queryClient.invalidateQueries({ queryKey: ['documents'] });
    },
  });

  const statusBadge = (doc: DocumentSummary) => {
    const e = doc.extraction;
    if (!e) return <Text size="sm">—</Text>;
    if (e.confirmed) return <Badge color="teal">{t('documents.extraction.confirmed')}</Badge>;
    const color = e.status === 'done' ? 'blue' : e.status === 'failed' ? 'red' : 'yellow';
    return <Badge color={color}>{t(`documents.extraction.${e.status}` as MessageKey)}</Badge>;
  };

  return (
    <Stack gap="lg" maw={1400}>
      <PageHeader title={t('documents.heading')} description={t('documents.description')} />
      <Paper withBorder p="md">
        <Group align="flex-end" wrap="wrap">
          <TextInput label={t('documents.owner.kind')} description={t('documents.owner.hint')} value={ownerKind} onChange={(e) => setOwnerKind(e.currentTarget.value)} />
          <TextInput label={t('documents.owner.id')} value={ownerId} onChange={(e) => setOwnerId(e.currentTarget.value)} data-testid="owner-id" />
          {companyOptions.length > 1 && <Select label={t('documents.company')} data={companyOptions} value={company} onChange={setCompanyId} clearable />}
        </Group>
      </Paper>

      {canReview && (
        <Paper withBorder p="md">
          <Title order={4} mb="sm">
            {t('documents.upload.heading')}
          </Title>
          {hasOwner ? (
            <PolicyUploadDropzone
              accept={POLICY_ACCEPT}
              onUpload={(file, onProgress) => uploadFile(uploadPolicyUrl({ ownerKind: owner.kind, ownerId: owner.id, filename: file.name, companyId: company }), file, onProgress)}
              onDone={(_name, result) => {
                void queryClient.invalidateQueries({ queryKey: ['documents'] });
                const id = (result as { documentId?: string } | undefined)?.documentId;
                if (id) setSelected(id);
              }}
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t('documents.upload.needOwner')}
            </Text>
          )}
        </Paper>
      )}

      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          {list.error ? (
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <Table highlightOnHover striped aria-label={t('documents.heading')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('documents.col.file')}</Table.Th>
                  <Table.Th>{t('documents.col.owner')}</Table.Th>
                  <Table.Th>{t('documents.col.uploaded')}</Table.Th>
                  <Table.Th>{t('documents.col.extraction')}</Table.Th>
                  <Table.Th>{t('documents.col.confidence')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.length === 0 && !list.isLoading && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text size="sm" c="dimmed">
                        {t('documents.empty')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {items.map((doc) => (
                  <Table.Tr key={doc.id} onClick={() => setSelected(doc.id)} style={{ cursor: 'pointer' }} bg={doc.id === selected ? 'var(--mantine-color-blue-light)' : undefined}>
                    <Table.Td>
                      <Anchor component="button" type="button" size="sm" onClick={() => setSelected(doc.id)}>
                        {doc.filename}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{`${doc.owner.kind}:${doc.owner.id}`}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(doc.createdAt, lang)}</Text>
                    </Table.Td>
                    <Table.Td>{statusBadge(doc)}</Table.Td>
                    <Table.Td>{doc.extraction?.overallConfidence != null ? <Badge color={confidenceColor(doc.extraction.overallConfidence)} variant="light">{`${doc.extraction.overallConfidence} %`}</Badge> : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          {!selected && (
            <Text size="sm" c="dimmed">
              {t('documents.select')}
            </Text>
          )}
          {detail.error && <ErrorAlert error={detail.error} />}
          {selected && detail.data && (
            <Stack gap="sm">
              <Group justify="space-between">
                <Text fw={600}>{detail.data.filename}</Text>
                <Group gap="xs">
                  {detail.data.extraction?.method && <Badge variant="outline">{t(`documents.method.${detail.data.extraction.method}` as MessageKey)}</Badge>}
                  <Anchor href={documentsApi.contentUrl(detail.data.id)} size="sm">
                    {t('documents.download')}
                  </Anchor>
                </Group>
              </Group>
              {detail.data.extraction && <ExtractedPolicyReview extraction={detail.data.extraction} onConfirm={(fields) => confirm.mutateAsync(fields)} busy={confirm.isPending} readOnly={!canReview} />}
              {confirm.error && <ErrorAlert error={confirm.error} />}
              {detail.data.text && (
                <Spoiler maxHeight={60} showLabel="…" hideLabel="↑">
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                    {detail.data.text}
                  </Text>
                </Spoiler>
              )}
            </Stack>
          )}
        </Grid.Col>
      </Grid>

      {hasOwner && items.length > 0 && <RecommendationPanel owner={owner} />}
    </Stack>
  );
}

function RecommendationPanel({ owner }: { owner: { kind: string; id: string } }) {
  const t = useT();
  const { lang } = useLang();
  const [clientType, setClientType] = useState<'particulier' | 'entreprise'>('particulier');
  const [priority, setPriority] = useState<'prix' | 'couverture' | 'service'>('prix');
  const [wanted, setWanted] = useState<CoverageCode[]>([]);
  const run = useMutation({ mutationFn: () => documentsApi.recommend({ owner, clientType, needs: { coverages: wanted, priorities: [priority] } }) });
  const result: Recommendation | undefined = run.data;
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('documents.reco.heading')}
      </Title>
      <Group align="flex-end" wrap="wrap">
        <SegmentedControl
          value={clientType}
          onChange={(v) => setClientType(v as 'particulier' | 'entreprise')}
          data={[
            { value: 'particulier', label: t('documents.reco.particulier') },
            { value: 'entreprise', label: t('documents.reco.entreprise') },
          ]}
        />
        <Select
          label={t('documents.reco.priority')}
          value={priority}
          onChange={(v) => v && setPriority(v as 'prix' | 'couverture' | 'service')}
          allowDeselect={false}
          data={(['prix', 'couverture', 'service'] as const).map((p) => ({ value: p, label: t(`documents.reco.priority.${p}` as MessageKey) }))}
        />
        <MultiSelect label={t('documents.reco.wanted')} data={coverageCodes.map((code) => ({ value: code, label: t(`coverage.${code}` as MessageKey) }))} value={wanted} onChange={(v) => setWanted(v as CoverageCode[])} clearable miw={260} />
        <Button onClick={() => run.mutate()} loading={run.isPending}>
          {t('documents.reco.run')}
        </Button>
      </Group>
      {run.error && <ErrorAlert error={run.error} />}
      <RulesTable />
      {result && (
        <Stack gap="xs" mt="md" data-testid="recommendation">
          <Text fw={600}>{t('documents.reco.savings', { amount: formatMoney(result.estimatedSavings.amount, 'CHF', lang) })}</Text>
          <List size="sm">
            {result.lines.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed">
            {result.estimatedSavings.basis}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}

/** The rules the summary applies, as the server states them (GET /api/documents/recommendation-rules). */
function RulesTable() {
  const t = useT();
  const rules = useQuery(recommendationRulesQuery);
  if (!rules.data) return null;
  const rateOf = (coverage: CoverageCode) => rules.data.savingsRules.find((r) => r.coverage === coverage)?.rateBp ?? 0;
  return (
    <Spoiler maxHeight={0} showLabel={t('documents.reco.rules')} hideLabel={t('documents.reco.rules')} mt="sm">
      <Table fz="xs" striped>
        <Table.Tbody>
          {rules.data.coverageRules.map((rule) => (
            <Table.Tr key={`${rule.clientType}-${rule.coverage}`}>
              <Table.Td>{t(`documents.reco.${rule.clientType}` as MessageKey)}</Table.Td>
              <Table.Td>{t(`coverage.${rule.coverage}` as MessageKey)}</Table.Td>
              <Table.Td>{rule.level}</Table.Td>
              <Table.Td>{`${rateOf(rule.coverage) / 100} %`}</Table.Td>
              <Table.Td>{rule.rationale}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Spoiler>
  );
}
