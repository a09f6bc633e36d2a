import { Accordion, Alert, Badge, Button, Checkbox, FileInput, Group, List, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { type CatalogImport, catalogExports, downloadExport, downloadTemplate, importQuery, importRuleTypes, importsQuery, isFinished, startImport } from '../../catalogImportApi.ts';
import { downloadBlob } from '../../components/download.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { readBase64 } from '../../components/readBase64.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { usePermission } from '../../session.ts';

const statusColors: Record<CatalogImport['status'], string> = { queued: 'gray', running: 'blue', succeeded: 'green', failed: 'red' };

/** /app/catalogue/import — exports, imports with live progress and every error by line and column, columns per rule type. */
export function CatalogImportPage() {
  const t = useT();
  usePageTitle(t('catalogImport.heading'));
  const canWrite = usePermission('catalog.write');
  const [importId, setImportId] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  const save = async (load: () => Promise<{ blob: Blob; filename: string | undefined }>, fallback: string) => {
    setDownloadError(null);
    try {
      const file = await load();
      downloadBlob(file.filename ?? fallback, file.blob);
    } catch (error) {
      setDownloadError(error);
    }
  };

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader title={t('catalogImport.heading')} description={t('catalogImport.description')} />
      {downloadError !== null && <ErrorAlert error={downloadError} />}
      <Paper withBorder radius="lg" p="md">
        <Stack gap="sm">
          <Title order={3}>{t('catalogImport.export.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('catalogImport.export.help')}
          </Text>
          <Group gap="xs">
            <Button variant="light" onClick={() => save(() => downloadExport(catalogExports.productsCsv), 'catalogue-produits.csv')}>
              {t('catalogImport.export.productsCsv')}
            </Button>
            <Button variant="light" onClick={() => save(() => downloadExport(catalogExports.productsXlsx), 'catalogue-produits.xlsx')}>
              {t('catalogImport.export.productsXlsx')}
            </Button>
            <Button variant="light" onClick={() => save(() => downloadExport(catalogExports.gridsCsv), 'grilles-tarifaires.csv')}>
              {t('catalogImport.export.gridsCsv')}
            </Button>
            <Button variant="light" onClick={() => save(() => downloadExport(catalogExports.gridsXlsx), 'grilles-tarifaires.xlsx')}>
              {t('catalogImport.export.gridsXlsx')}
            </Button>
            <Button variant="light" onClick={() => save(() => downloadExport(catalogExports.catalogXlsx), 'catalogue-complet.xlsx')}>
              {t('catalogImport.export.catalogXlsx')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {canWrite && <ImportForm onStarted={setImportId} />}
      {importId && <ImportJob key={importId} importId={importId} />}
      <ImportHistory onShow={setImportId} />
      <Paper withBorder radius="lg" p="md">
        <Stack gap="sm">
          <Title order={3}>{t('catalogImport.columns.title')}</Title>
          <Text size="sm">{t('catalogImport.columns.common')}</Text>
          <Accordion variant="separated" multiple>
            {importRuleTypes.map((type) => (
              <Accordion.Item key={type} value={type}>
                <Accordion.Control>
                  {t(`catalogImport.type.${type}`)} <Text span c="dimmed" size="sm">({type})</Text>
                </Accordion.Control>
                <Accordion.Panel>
                  <Stack gap="xs">
                    <List size="sm" spacing={4}>
                      {t(`catalogImport.type.${type}.help`)
                        .split('\n')
                        .map((line) => (
                          <List.Item key={line}>{line}</List.Item>
                        ))}
                    </List>
                    {canWrite && (
                      <Group>
                        <Button size="xs" variant="default" onClick={() => save(() => downloadTemplate(type), `modele-import-${type}.csv`)}>
                          {t('catalogImport.columns.template', { type: t(`catalogImport.type.${type}`) })}
                        </Button>
                      </Group>
                    )}
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Stack>
      </Paper>
    </Stack>
  );
}

function ImportForm({ onStarted }: { onStarted: (importId: string) => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const start = useMutation({
    mutationFn: async () => startImport({ fileName: file!.name, contentBase64: await readBase64(file!), dryRun }),
    onSuccess: ({ importId }) => {
      onStarted(importId);
      void queryClient.invalidateQueries({ queryKey: importsQuery.queryKey });
    },
  });
  return (
    <Paper withBorder radius="lg" p="md">
      <Stack gap="sm">
        <Title order={3}>{t('catalogImport.import.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('catalogImport.import.help')}
        </Text>
        <Group align="flex-end" gap="md" wrap="wrap">
          <FileInput label={t('catalogImport.file')} placeholder={t('catalogImport.file.placeholder')} accept=".csv,.xlsx,text/csv" value={file} onChange={setFile} w={320} clearable />
          <Checkbox label={t('catalogImport.dryRun')} checked={dryRun} onChange={(e) => setDryRun(e.currentTarget.checked)} mb={8} />
          <Button disabled={!file} loading={start.isPending} onClick={() => start.mutate()}>
            {dryRun ? t('catalogImport.startDry') : t('catalogImport.start')}
          </Button>
        </Group>
        {start.error && <ErrorAlert error={start.error} />}
      </Stack>
    </Paper>
  );
}

function ImportJob({ importId }: { importId: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const job = useQuery(importQuery(importId));
  const data = job.data;
  const finished = data ? isFinished(data) : false;
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: ['catalog'] });
  }, [finished, queryClient]);
  if (job.error) return <ErrorAlert error={job.error} onRetry={() => job.refetch()} />;
  if (!data) return null;
  const percent = data.totalRows > 0 ? Math.round((100 * data.processedRows) / data.totalRows) : 0;
  const writing = data.status === 'running' && data.totalRows > 0 && data.processedRows >= data.totalRows;
  const hasSheets = data.errors.some((e) => e.sheet);
  return (
    <Paper withBorder radius="lg" p="md" aria-label={t('catalogImport.job.title', { file: data.fileName })}>
      <Stack gap="sm">
        <Group gap="sm">
          <Title order={3}>{t('catalogImport.job.title', { file: data.fileName })}</Title>
          <Badge color={statusColors[data.status]} data-testid="import-status">
            {t(`catalogImport.status.${data.status}`)}
          </Badge>
          {data.dryRun && <Badge variant="outline">{t('catalogImport.job.dryRun')}</Badge>}
        </Group>
        {!finished && (
          <Stack gap={4}>
            <Progress value={writing ? 100 : percent} animated striped aria-label={t('catalogImport.progress.checking', { processed: data.processedRows, total: data.totalRows })} />
            <Text size="sm" data-testid="import-progress">
              {data.status === 'queued'
                ? t('catalogImport.progress.waiting')
                : writing
                  ? t('catalogImport.progress.writing')
                  : t('catalogImport.progress.checking', { processed: data.processedRows, total: data.totalRows })}
            </Text>
          </Stack>
        )}
        {finished && data.status === 'succeeded' && (
          <Alert color="green" variant="light">
            <Text size="sm">{data.dryRun ? t('catalogImport.dryRunDone') : t('catalogImport.done')}</Text>
            <Text size="sm">{t('catalogImport.counts', { created: data.created, updated: data.updated, unchanged: data.unchanged })}</Text>
          </Alert>
        )}
        {finished && data.status === 'failed' && (
          <Alert color="red" variant="light" role="alert">
            {t('catalogImport.failed', { count: data.errors.length })}
          </Alert>
        )}
        {data.errors.length > 0 && (
          <Table striped withTableBorder aria-label={t('catalogImport.errors.message')}>
            <Table.Thead>
              <Table.Tr>
                {hasSheets && <Table.Th>{t('catalogImport.errors.sheet')}</Table.Th>}
                <Table.Th>{t('catalogImport.errors.line')}</Table.Th>
                <Table.Th>{t('catalogImport.errors.column')}</Table.Th>
                <Table.Th>{t('catalogImport.errors.message')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.errors.map((error, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: errors are a fixed list, several may share line and column.
                <Table.Tr key={i}>
                  {hasSheets && <Table.Td>{error.sheet ?? ''}</Table.Td>}
                  <Table.Td>{error.line ?? '—'}</Table.Td>
                  <Table.Td>
                    <code>{error.column ?? '—'}</code>
                  </Table.Td>
                  <Table.Td>{error.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

function ImportHistory({ onShow }: { onShow: (importId: string) => void }) {
  const t = useT();
  const { lang } = useLang();
  const imports = useQuery(importsQuery);
  const items = imports.data?.items ?? [];
  return (
    <Paper withBorder radius="lg" p="md">
      <Stack gap="sm">
        <Title order={3}>{t('catalogImport.history.title')}</Title>
        {imports.error && <ErrorAlert error={imports.error} onRetry={() => imports.refetch()} />}
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('catalogImport.history.empty')}
          </Text>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalogImport.history.file')}</Table.Th>
                <Table.Th>{t('catalogImport.history.date')}</Table.Th>
                <Table.Th>{t('catalogImport.history.status')}</Table.Th>
                <Table.Th>{t('catalogImport.history.rows')}</Table.Th>
                <Table.Th>{t('catalogImport.history.errors')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.slice(0, 20).map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    {item.fileName} {item.dryRun && <Badge variant="outline" size="xs">{t('catalogImport.job.dryRun')}</Badge>}
                  </Table.Td>
                  <Table.Td>{formatDateTime(item.createdAt, lang)}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColors[item.status]}>{t(`catalogImport.status.${item.status}`)}</Badge>
                  </Table.Td>
                  <Table.Td>{item.totalRows}</Table.Td>
                  <Table.Td>{item.errorCount}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => onShow(item.id)}>
                      {t('catalogImport.history.show')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
