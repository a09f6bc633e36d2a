import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  EmptyState,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { type FormEvent, Fragment, type ReactNode, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { type AuditEntry, type AuditFilters, auditExportUrl, identityApi, identityKeys } from '../../identityApi.ts';
import { useCompanyNames, usePermission, useRoleLabel } from '../../session.ts';
import { AuditDiff } from './AuditDiff.tsx';
import { QueryFallback } from '../../components/QueryFallback.tsx';

interface FilterForm {
  actor: string;
  table: string;
  record: string;
  from: string;
  to: string;
}
const emptyForm: FilterForm = { actor: '', table: '', record: '', from: '', to: '' };

/** Dates are picked in the browser's time zone; the API gets instants covering whole days. */
function toFilters(form: FilterForm): AuditFilters {
  const filters: AuditFilters = {};
  if (form.actor.trim()) filters.actor = form.actor.trim();
  if (form.table.trim()) filters.table = form.table.trim();
  if (form.record.trim()) filters.record = form.record.trim();
  const from = form.from ? new Date(`${form.from}T00:00:00`) : null;
  const to = form.to ? new Date(`${form.to}T23:59:59.999`) : null;
  if (from && !Number.isNaN(from.getTime())) filters.from = from.toISOString();
  if (to && !Number.isNaN(to.getTime())) filters.to = to.toISOString();
  return filters;
}

function actionColor(action: string): string {
  const a = action.toLowerCase();
  if (/(create|insert|add|grant|enable)/.test(a)) return 'teal';
  if (/(delete|remove|revoke|disable)/.test(a)) return 'red';
  if (/(update|change|patch|rotate)/.test(a)) return 'blue';
  return 'gray';
}

function ChevronIcon({ open }: { open: boolean }) {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      style={{ transform: open ? 'rotate(90deg)' : undefined, transition: 'transform 120ms ease' }}
    >
      <path d="M9 6l6 6-6 6" />
    </svg>
  );
}

/** /app/audit — the tamper-evident journal: filters, before/after diffs, CSV export and chain verification. */
export function AuditPage() {
  const t = useT();
  const { lang } = useLang();
  usePageTitle(t('audit.heading'));
  const canExport = usePermission('audit.export');
  const roleLabel = useRoleLabel();
  const companyLabel = useCompanyNames();
  const [form, setForm] = useState<FilterForm>(emptyForm);
  const [filters, setFilters] = useState<AuditFilters>({});
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());

  const audit = useInfiniteQuery({
    queryKey: identityKeys.audit(filters),
    queryFn: ({ pageParam, signal }) => identityApi.audit(filters, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const verify = useMutation({ mutationFn: identityApi.verifyAudit });

  const items: AuditEntry[] = audit.data?.pages.flatMap((page) => page.items) ?? [];
  // Read before the status checks below narrow `audit`: a failed "load more" keeps the loaded rows.
  const nextPageError = audit.isFetchNextPageError ? audit.error : null;
  const loadMore = () => void audit.fetchNextPage();
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setExpanded(new Set());
    setFilters(toFilters(form));
  };
  const reset = () => {
    setForm(emptyForm);
    setFilters({});
    setExpanded(new Set());
  };
  const field = (name: keyof FilterForm) => ({
    value: form[name],
    onChange: (event: { currentTarget: HTMLInputElement }) => {
      const value = event.currentTarget.value;
      setForm((f) => ({ ...f, [name]: value }));
    },
  });

  let body: ReactNode;
  if (audit.isPending || audit.isError) {
    body = <QueryFallback query={audit} />;
  } else if (items.length === 0) {
    body = (
      <Paper withBorder radius="lg" py={56}>
        <EmptyState title={t('audit.empty')} description={Object.keys(filters).length > 0 ? t('audit.empty.filtered') : undefined} />
      </Paper>
    );
  } else {
    body = (
      <Stack gap="sm">
        <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={1000}>
            <Table verticalSpacing="xs" horizontalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={36} />
                  <Table.Th w={70}>{t('audit.col.seq')}</Table.Th>
                  <Table.Th w={150}>{t('audit.col.date')}</Table.Th>
                  <Table.Th>{t('audit.col.actor')}</Table.Th>
                  <Table.Th>{t('audit.col.action')}</Table.Th>
                  <Table.Th>{t('audit.col.table')}</Table.Th>
                  <Table.Th>{t('audit.col.record')}</Table.Th>
                  <Table.Th>{t('audit.col.company')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((entry) => {
                  const open = expanded.has(entry.id);
                  return (
                    <Fragment key={entry.id}>
                      <Table.Tr onClick={() => toggle(entry.id)} style={{ cursor: 'pointer' }} bg={open ? 'gray.0' : undefined}>
                        <Table.Td>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            size="sm"
                            aria-expanded={open}
                            aria-label={t(open ? 'audit.collapse' : 'audit.expand')}
                            onClick={(event) => {
                              event.stopPropagation();
                              toggle(entry.id);
                            }}
                          >
                            <ChevronIcon open={open} />
                          </ActionIcon>
                        </Table.Td>
                        <Table.Td ff="monospace" fz="xs" c="dimmed">
                          {entry.seq}
                        </Table.Td>
                        <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                          {formatDateTime(entry.occurredAt, lang)}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{entry.actorLabel}</Text>
                          {entry.actorRole && (
                            <Text size="xs" c="dimmed">
                              {roleLabel(entry.actorRole)}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Badge size="sm" variant="light" color={actionColor(entry.action)} tt="none" miw="fit-content" style={{ overflow: "visible" }}>
                            {entry.action}
                          </Badge>
                        </Table.Td>
                        <Table.Td ff="monospace" fz="xs">
                          {entry.tableName}
                        </Table.Td>
                        <Table.Td ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>
                          {entry.recordId}
                        </Table.Td>
                        <Table.Td fz="sm">{entry.companyId ? (companyLabel(entry.companyId) ?? entry.companyId.slice(0, 8)) : '—'}</Table.Td>
                      </Table.Tr>
                      {open && (
                        <Table.Tr bg="gray.0">
                          <Table.Td colSpan={8} p="md">
                            <Stack gap="sm">
                              <AuditDiff before={entry.before} after={entry.after} />
                              <SimpleGrid cols={{ base: 1, md: 3 }} spacing="xs">
                                <Meta label={t('audit.meta.id')} value={entry.id} />
                                <Meta label={t('audit.meta.requestId')} value={entry.requestId ?? '—'} />
                                <Meta label={t('audit.meta.hash')} value={entry.hash} />
                              </SimpleGrid>
                            </Stack>
                          </Table.Td>
                        </Table.Tr>
                      )}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('audit.count', { count: formatNumber(items.length, lang) })}
          </Text>
          {audit.hasNextPage && (
            <Button variant="default" onClick={loadMore} loading={audit.isFetchingNextPage}>
              {t('audit.loadMore')}
            </Button>
          )}
        </Group>
        {nextPageError !== null && <ErrorAlert error={nextPageError} onRetry={loadMore} />}
      </Stack>
    );
  }

  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title={t('audit.heading')}
        description={t('audit.intro')}
        actions={
          <Group gap="xs">
            <Button variant="light" onClick={() => verify.mutate()} loading={verify.isPending}>
              {t('audit.verify')}
            </Button>
            {canExport && (
              <Button component="a" href={auditExportUrl(filters)} download variant="default">
                {t('audit.export')}
              </Button>
            )}
          </Group>
        }
      />

      {verify.isError && <ErrorAlert error={verify.error} title={t('audit.verify.failed')} />}
      {verify.isSuccess &&
        (verify.data.firstBreak === null ? (
          <Alert color="teal" variant="light" title={t('audit.verify.ok.title')} role="status" withCloseButton onClose={() => verify.reset()}>
            <Text size="sm">{t('audit.verify.ok', { rows: formatNumber(verify.data.rows, lang) })}</Text>
          </Alert>
        ) : (
          <Alert color="red" variant="light" title={t('audit.verify.broken.title')} role="alert" withCloseButton onClose={() => verify.reset()}>
            <Stack gap={4}>
              <Text size="sm">
                {t('audit.verify.broken', { seq: verify.data.firstBreak.seq, rows: formatNumber(verify.data.rows, lang) })}
              </Text>
              <Text size="sm">
                {t('audit.verify.reason')} <Code>{verify.data.firstBreak.reason}</Code>
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {verify.data.firstBreak.id}
              </Text>
            </Stack>
          </Alert>
        ))}

      <Paper withBorder radius="lg" p="md">
        <form onSubmit={apply}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
              <TextInput label={t('audit.filter.actor')} placeholder={t('audit.filter.actor.placeholder')} {...field('actor')} />
              <TextInput label={t('audit.filter.table')} placeholder="identity.user" {...field('table')} />
              <TextInput label={t('audit.filter.record')} placeholder={t('audit.filter.record.placeholder')} {...field('record')} />
              <TextInput label={t('audit.filter.from')} type="date" max={form.to || undefined} {...field('from')} />
              <TextInput label={t('audit.filter.to')} type="date" min={form.from || undefined} {...field('to')} />
            </SimpleGrid>
            <Group justify="flex-end" gap="xs">
              <Button variant="subtle" color="gray" onClick={reset}>
                {t('audit.filter.reset')}
              </Button>
              <Button type="submit" loading={audit.isFetching && !audit.isFetchingNextPage}>
                {t('audit.filter.apply')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      {body}
    </Stack>
  );
}

function Meta({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
        {value}
      </Text>
    </Stack>
  );
}
