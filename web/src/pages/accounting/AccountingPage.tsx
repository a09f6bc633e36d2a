import { Badge, Button, Center, Group, Loader, Pagination, Progress, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { accountingApi, accountingKeys, currentPeriod, type ExportKind, exportKinds, exportsQuery, type Journal, journals, ledgerQuery } from '../../accountingApi.ts';
import { downloadBlob } from '../../components/download.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { describeError } from '../../errors.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { formatMoney } from '../../money.ts';
import { CompanySelect } from '../commissions/CommissionsPage.tsx';

const PAGE = 50;
const validPeriod = (p: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(p);

function Ledger() {
  const t = useT();
  const { lang } = useLang();
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [period, setPeriod] = useState(currentPeriod());
  const [journal, setJournal] = useState<Journal | null>(null);
  const [account, setAccount] = useState('');
  const [product, setProduct] = useState('');
  const [page, setPage] = useState(1);
  const filters = { period, journal: journal ?? undefined, account: account || undefined, product: product || undefined, limit: PAGE, offset: (page - 1) * PAGE };
  const ledger = useQuery({ ...ledgerQuery(companyId ?? '', filters), enabled: Boolean(companyId) && validPeriod(period) });
  const money = (minor: number) => formatMoney(minor, 'EUR', lang);
  return (
    <Stack gap="md">
      <Group align="end" wrap="wrap">
        <CompanySelect label={t('accounting.company')} value={companyId} onChange={(id) => { setCompanyId(id); setPage(1); }} />
        <TextInput label={t('accounting.period')} value={period} onChange={(e) => { setPeriod(e.currentTarget.value); setPage(1); }} w={150} />
        <Select label={t('accounting.journal')} data={[{ value: '', label: t('accounting.journal.all') }, ...journals.map((j) => ({ value: j, label: t(`accounting.journal.${j}`) }))]} value={journal ?? ''} onChange={(v) => { setJournal((v || null) as Journal | null); setPage(1); }} w={220} />
        <TextInput label={t('accounting.account')} value={account} onChange={(e) => { setAccount(e.currentTarget.value.replace(/\D/g, '')); setPage(1); }} w={150} />
        <TextInput label={t('accounting.product')} value={product} onChange={(e) => { setProduct(e.currentTarget.value.trim()); setPage(1); }} w={180} />
      </Group>
      {!companyId ? (
        <Text c="dimmed">{t('accounting.pickCompany')}</Text>
      ) : ledger.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : ledger.isError ? (
        <ErrorAlert error={ledger.error} onRetry={() => ledger.refetch()} />
      ) : ledger.data.total === 0 ? (
        <Text c="dimmed">{t('accounting.ledger.empty')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 4 }}>
          <div style={{ gridColumn: 'span 3' }}>
          <SectionCard title={t('accounting.tab.ledger')}>
            <Text size="sm" mb="xs" data-testid="ledger-totals">
              {t('accounting.totals', { count: ledger.data.total, debit: money(ledger.data.debit), credit: money(ledger.data.credit) })}
            </Text>
            <Table striped data-testid="ledger-lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('accounting.col.date')}</Table.Th>
                  <Table.Th>{t('accounting.col.number')}</Table.Th>
                  <Table.Th>{t('accounting.col.account')}</Table.Th>
                  <Table.Th>{t('accounting.col.label')}</Table.Th>
                  <Table.Th>{t('accounting.col.piece')}</Table.Th>
                  <Table.Th ta="right">{t('accounting.col.debit')}</Table.Th>
                  <Table.Th ta="right">{t('accounting.col.credit')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ledger.data.items.map((line) => (
                  <Table.Tr key={line.id}>
                    <Table.Td>{line.date}</Table.Td>
                    <Table.Td>{line.number}</Table.Td>
                    <Table.Td>{line.account}</Table.Td>
                    <Table.Td>{line.label}</Table.Td>
                    <Table.Td>{line.pieceRef}</Table.Td>
                    <Table.Td ta="right">{line.debit ? money(line.debit) : ''}</Table.Td>
                    <Table.Td ta="right">{line.credit ? money(line.credit) : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {ledger.data.total > PAGE && <Pagination mt="sm" total={Math.ceil(ledger.data.total / PAGE)} value={page} onChange={setPage} />}
          </SectionCard>
          </div>
          <SectionCard title={t('accounting.byAccount')}>
            <Table data-testid="ledger-accounts">
              <Table.Tbody>
                {ledger.data.byAccount.map((row) => (
                  <Table.Tr key={row.account}>
                    <Table.Td>
                      <Button variant="subtle" size="compact-sm" onClick={() => { setAccount(row.account); setPage(1); }}>
                        {row.account}
                      </Button>
                    </Table.Td>
                    <Table.Td ta="right">{money(row.debit - row.credit)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </SectionCard>
        </SimpleGrid>
      )}
    </Stack>
  );
}

const statusColor = { running: 'blue', done: 'green', failed: 'red' } as const;

function Exports() {
  const t = useT();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [period, setPeriod] = useState(currentPeriod());
  const [kind, setKind] = useState<ExportKind>('csv');
  const journal = useQuery({ ...exportsQuery(companyId ?? ''), enabled: Boolean(companyId) });
  const start = useMutation({
    mutationFn: () => accountingApi.startExport(companyId!, { kind, period }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('accounting.export.started') });
      await queryClient.invalidateQueries({ queryKey: accountingKeys.exports(companyId!) });
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error, t) }),
  });
  const download = useMutation({
    mutationFn: async ({ id, fileName }: { id: string; fileName: string }) => {
      const file = await accountingApi.download(id);
      downloadBlob(file.filename ?? fileName, file.blob);
    },
    onError: (error) => notifications.show({ color: 'red', title: t('accounting.export.download.failed'), message: describeError(error, t) }),
  });
  return (
    <Stack gap="md">
      <Group align="end" wrap="wrap">
        <CompanySelect label={t('accounting.company')} value={companyId} onChange={setCompanyId} />
        <TextInput label={t('accounting.period')} value={period} onChange={(e) => setPeriod(e.currentTarget.value)} error={validPeriod(period) ? undefined : 'AAAA-MM'} w={150} />
        <Select label={t('accounting.export.kind')} data={exportKinds.map((k) => ({ value: k, label: t(`accounting.export.kind.${k}`) }))} value={kind} onChange={(v) => v && setKind(v as ExportKind)} w={320} data-testid="export-kind" allowDeselect={false} />
        <Button onClick={() => start.mutate()} loading={start.isPending} disabled={!companyId || !validPeriod(period)}>
          {t('accounting.export.start')}
        </Button>
      </Group>
      <SectionCard title={t('accounting.export.journal')}>
        {!companyId ? (
          <Text c="dimmed">{t('accounting.pickCompany')}</Text>
        ) : journal.isPending ? (
          <Loader />
        ) : journal.isError ? (
          <ErrorAlert error={journal.error} onRetry={() => journal.refetch()} />
        ) : journal.data.items.length === 0 ? (
          <Text c="dimmed">{t('accounting.export.empty')}</Text>
        ) : (
          <Table data-testid="export-journal">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('accounting.export.when')}</Table.Th>
                <Table.Th>{t('accounting.export.who')}</Table.Th>
                <Table.Th>{t('accounting.export.file')}</Table.Th>
                <Table.Th>{t('accounting.export.lines')}</Table.Th>
                <Table.Th>{t('accounting.export.status')}</Table.Th>
                <Table.Th>SHA-256</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {journal.data.items.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td>{formatDateTime(row.createdAt, lang)}</Table.Td>
                  <Table.Td>{row.requestedBy === 'system:schedule' ? t('accounting.export.scheduled') : row.requestedBy}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">{row.fileName}</Text>
                  </Table.Td>
                  <Table.Td>{row.lineCount ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[row.status]} variant="light">{t(`accounting.export.status.${row.status}`)}</Badge>
                    {row.status === 'running' && row.totalLines > 0 && <Progress mt={4} value={(row.progress / row.totalLines) * 100} size="sm" />}
                    {row.error && <Text size="xs" c="red">{row.error}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" title={row.sha256 ?? ''}>{row.sha256 ? `${row.sha256.slice(0, 12)}…` : '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="light" disabled={row.status !== 'done'} loading={download.isPending && download.variables?.id === row.id} onClick={() => download.mutate({ id: row.id, fileName: row.fileName })}>
                      {t('accounting.export.download')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </SectionCard>
    </Stack>
  );
}

/** /app/accounting — the ledger explorer (by account, journal, product, period) and the exports with their journal. */
export function AccountingPage() {
  const t = useT();
  usePageTitle(t('accounting.heading'));
  return (
    <Stack gap="lg" maw={1400}>
      <Title order={2}>{t('accounting.heading')}</Title>
      <Tabs defaultValue="ledger" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="ledger">{t('accounting.tab.ledger')}</Tabs.Tab>
          <Tabs.Tab value="exports">{t('accounting.tab.exports')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="ledger" pt="md">
          <Ledger />
        </Tabs.Panel>
        <Tabs.Panel value="exports" pt="md">
          <Exports />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
