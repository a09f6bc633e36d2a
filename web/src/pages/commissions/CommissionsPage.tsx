import { Alert, Badge, Button, Center, Group, Loader, NumberInput, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { productsQuery } from '../../catalogApi.ts';
import { commissionsApi, type Role, roles, type SimulationResult, statementsQuery } from '../../commissionsApi.ts';
import { currentPeriod } from '../../accountingApi.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { describeError } from '../../errors.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { companiesQuery } from '../../identityApi.ts';
import { formatMoney, parseAmountToCents } from '../../money.ts';

const SimulationChart = lazy(() => import('./SimulationChart.tsx'));

function useMoney() {
  const { lang } = useLang();
  return (minor: number, currency: string) => formatMoney(minor, currency, lang);
}

export function CompanySelect({ value, onChange, label }: { value: string | null; onChange: (id: string | null) => void; label: string }) {
  const companies = useQuery(companiesQuery);
  return (
    <Select
      label={label}
      data={(companies.data?.items ?? []).map((c) => ({ value: c.id, label: c.brandName }))}
      value={value}
      onChange={onChange}
      searchable
      w={260}
      data-testid="company-select"
    />
  );
}

function Simulator() {
  const t = useT();
  const money = useMoney();
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [productId, setProductId] = useState<string | null>(null);
  const [volume, setVolume] = useState<number | string>(150);
  const [amount, setAmount] = useState('3 738,00');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const products = useQuery({ ...productsQuery({ companyId: companyId ?? undefined, limit: 200 }), enabled: Boolean(companyId) });
  const cents = parseAmountToCents(amount);
  const run = useMutation({ mutationFn: () => commissionsApi.simulate(companyId!, { productId: productId!, volume: Number(volume), amount: cents ?? 0, date }) });
  const result: SimulationResult | undefined = run.data;

  return (
    <Stack gap="lg">
      <SectionCard title={t('commissions.tab.simulator')}>
        <Group align="end" wrap="wrap">
          <CompanySelect label={t('commissions.company')} value={companyId} onChange={(id) => { setCompanyId(id); setProductId(null); }} />
          <Select label={t('commissions.product')} data={(products.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.sku} — ${p.name}` }))} value={productId} onChange={setProductId} searchable w={320} disabled={!companyId} data-testid="product-select" />
          <NumberInput label={t('commissions.volume')} value={volume} onChange={setVolume} min={0} max={100_000} w={200} />
          <TextInput label={t('commissions.amount')} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={cents === null ? t('commissions.amount.invalid') : undefined} w={260} />
          <TextInput label={t('commissions.date')} type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} w={170} />
          <Button onClick={() => run.mutate()} loading={run.isPending} disabled={!companyId || !productId || cents === null}>
            {t('commissions.simulate')}
          </Button>
        </Group>
      </SectionCard>
      {run.isError && <ErrorAlert error={run.error} />}
      {result && (
        <>
          {!result.hasScheme && <Alert color="yellow">{t('commissions.noScheme')}</Alert>}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <SectionCard title={t('commissions.chart')}>
              <Text size="xl" fw={700} data-testid="simulation-total">
                {t('commissions.total')} : {money(result.total, result.currency)}
              </Text>
              <Suspense fallback={<Loader />}>{result.bars.length > 0 && <SimulationChart result={result} />}</Suspense>
              <Table mt="md" data-testid="simulation-tiers">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('commissions.tier')}</Table.Th>
                    <Table.Th>{t('commissions.volume')}</Table.Th>
                    <Table.Th>{t('commissions.rate')}</Table.Th>
                    <Table.Th ta="right">{t('commissions.base')}</Table.Th>
                    <Table.Th ta="right">{t('commissions.commission')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.bars.map((bar) => (
                    <Table.Tr key={bar.tier}>
                      <Table.Td>{bar.tier}</Table.Td>
                      <Table.Td>{bar.volume}</Table.Td>
                      <Table.Td>{bar.rate ?? '—'}</Table.Td>
                      <Table.Td ta="right">{money(bar.base, result.currency)}</Table.Td>
                      <Table.Td ta="right">{money(bar.commission, result.currency)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </SectionCard>
            <SectionCard title={t('commissions.beneficiaries')}>
              <Table>
                <Table.Tbody>
                  {result.beneficiaries.map((b) => (
                    <Table.Tr key={b.role}>
                      <Table.Td>{t(`commissions.role.${b.role}`)}</Table.Td>
                      <Table.Td ta="right">{money(b.amount, result.currency)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </SectionCard>
          </SimpleGrid>
          <SectionCard title={t('commissions.entries')}>
            {result.entries.length === 0 ? (
              <Text c="dimmed">{t('commissions.entries.empty')}</Text>
            ) : (
              <Table data-testid="simulation-entries">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('commissions.journal')}</Table.Th>
                    <Table.Th>{t('commissions.label')}</Table.Th>
                    <Table.Th>{t('commissions.account')}</Table.Th>
                    <Table.Th ta="right">{t('commissions.debit')}</Table.Th>
                    <Table.Th ta="right">{t('commissions.credit')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.entries.slice(0, 60).flatMap((entry) =>
                    entry.lines.map((line, j) => (
                      <Table.Tr key={`${entry.date}|${entry.label}|${line.account}|${line.debit}|${line.credit}`}>
                        <Table.Td>{j === 0 ? entry.journal : ''}</Table.Td>
                        <Table.Td>{j === 0 ? entry.label : ''}</Table.Td>
                        <Table.Td>{line.account}</Table.Td>
                        <Table.Td ta="right">{line.debit ? money(line.debit, result.currency) : ''}</Table.Td>
                        <Table.Td ta="right">{line.credit ? money(line.credit, result.currency) : ''}</Table.Td>
                      </Table.Tr>
                    )),
                  )}
                </Table.Tbody>
              </Table>
            )}
          </SectionCard>
        </>
      )}
    </Stack>
  );
}

function Statements() {
  const t = useT();
  const money = useMoney();
  const queryClient = useQueryClient();
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [period, setPeriod] = useState(currentPeriod());
  const [role, setRole] = useState<Role | null>(null);
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(period);
  const statement = useQuery({ ...statementsQuery(companyId ?? '', period, role ?? undefined), enabled: Boolean(companyId) && valid });
  const recompute = useMutation({
    mutationFn: () => commissionsApi.recompute(companyId!),
    onSuccess: async (r) => {
      notifications.show({ color: 'green', message: t('commissions.recompute.done', { lines: r.lines, events: r.postedEvents }) });
      await queryClient.invalidateQueries({ queryKey: ['commissions'] });
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error, t) }),
  });
  return (
    <Stack gap="lg">
      <Group align="end">
        <CompanySelect label={t('commissions.company')} value={companyId} onChange={setCompanyId} />
        <TextInput label={t('commissions.period')} value={period} onChange={(e) => setPeriod(e.currentTarget.value)} w={160} />
        <Select label={t('commissions.role')} data={[{ value: '', label: t('commissions.role.all') }, ...roles.map((r) => ({ value: r, label: t(`commissions.role.${r}`) }))]} value={role ?? ''} onChange={(v) => setRole((v || null) as Role | null)} w={180} />
        <Button variant="light" onClick={() => recompute.mutate()} loading={recompute.isPending} disabled={!companyId}>
          {t('commissions.recompute')}
        </Button>
      </Group>
      {!companyId ? (
        <Text c="dimmed">{t('commissions.pickCompany')}</Text>
      ) : statement.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : statement.isError ? (
        <ErrorAlert error={statement.error} onRetry={() => statement.refetch()} />
      ) : statement.data.lines.length === 0 ? (
        <Text c="dimmed">{t('commissions.statement.empty')}</Text>
      ) : (
        <>
          <Table data-testid="statement-totals">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('commissions.statement.beneficiary')}</Table.Th>
                <Table.Th ta="right">{t('commissions.statement.earned')}</Table.Th>
                <Table.Th ta="right">{t('commissions.statement.clawedBack')}</Table.Th>
                <Table.Th ta="right">{t('commissions.statement.net')}</Table.Th>
                <Table.Th ta="right">{t('commissions.statement.lines')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statement.data.totals.map((row) => (
                <Table.Tr key={`${row.role}-${row.beneficiary}`}>
                  <Table.Td>
                    {t(`commissions.role.${row.role}`)} {row.beneficiaryName ? <Text span c="dimmed" size="xs">{row.beneficiaryName}</Text> : null}
                  </Table.Td>
                  <Table.Td ta="right">{money(row.earned, statement.data.lines[0]!.currency)}</Table.Td>
                  <Table.Td ta="right">{money(row.clawedBack, statement.data.lines[0]!.currency)}</Table.Td>
                  <Table.Td ta="right">{money(row.net, statement.data.lines[0]!.currency)}</Table.Td>
                  <Table.Td ta="right">{row.count}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('commissions.statement.sale')}</Table.Th>
                <Table.Th>{t('commissions.role')}</Table.Th>
                <Table.Th>{t('commissions.statement.status')}</Table.Th>
                <Table.Th>{t('commissions.statement.due')}</Table.Th>
                <Table.Th>{t('commissions.label')}</Table.Th>
                <Table.Th ta="right">{t('commissions.commission')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statement.data.lines.map((line) => (
                <Table.Tr key={line.id}>
                  <Table.Td>{line.productSku}</Table.Td>
                  <Table.Td>{t(`commissions.role.${line.role}`)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={line.amount < 0 ? 'red' : 'blue'}>{t(`commissions.status.${line.status}` as 'commissions.status.precomptee')}</Badge>
                  </Table.Td>
                  <Table.Td>{line.dueDate}</Table.Td>
                  <Table.Td><Text size="xs">{line.explanation}</Text></Table.Td>
                  <Table.Td ta="right">{money(line.amount, line.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

/** /app/commissions — the simulator (Annex E §2.4) and the statements per beneficiary. */
export function CommissionsPage() {
  const t = useT();
  usePageTitle(t('commissions.heading'));
  return (
    <Stack gap="lg" maw={1300}>
      <Title order={2}>{t('commissions.heading')}</Title>
      <Tabs defaultValue="simulator" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="simulator">{t('commissions.tab.simulator')}</Tabs.Tab>
          <Tabs.Tab value="statements">{t('commissions.tab.statements')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="simulator" pt="md">
          <Simulator />
        </Tabs.Panel>
        <Tabs.Panel value="statements" pt="md">
          <Statements />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
