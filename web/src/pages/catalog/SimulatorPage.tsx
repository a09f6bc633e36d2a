import { Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { catalogApi, channels, productsQuery, type QuoteRequest, versionQuery, productQuery } from '../../catalogApi.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { QuoteResult } from './QuoteResult.tsx';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';

/** "key=value" lines → attributes (numbers stay numbers). */
function parseFreeAttributes(text: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const line of text.split('\n')) {
    const [key, ...rest] = line.split('=');
    const value = rest.join('=').trim();
    if (key?.trim() && value) out[key.trim()] = /^-?\d+$/.test(value) ? Number(value) : value;
  }
  return out;
}

/** /app/tarification — price simulator over the quote API. */
export function SimulatorPage() {
  const t = useT();
  const label = useCodeLabel();
  usePageTitle(t('simulator.heading'));
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const products = useQuery({ ...productsQuery({ q: q || undefined, limit: 50 }), placeholderData: keepPreviousData });
  const [productId, setProductId] = useState<string | null>(null);
  const product = products.data?.items.find((p) => p.id === productId);
  const detail = useQuery({ ...productQuery(productId ?? ''), enabled: !!productId });
  const versions = detail.data?.versions ?? [];
  const versionId = (versions.find((v) => v.state === 'current') ?? versions[versions.length - 1])?.id;
  const version = useQuery({ ...versionQuery(versionId ?? ''), enabled: !!versionId });

  const [plan, setPlan] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | string>(1);
  const [date, setDate] = useState('');
  const [channel, setChannel] = useState<string | null>(null);
  const [promotion, setPromotion] = useState('');
  const [clientType, setClientType] = useState<string | null>(null);
  const [age, setAge] = useState<number | string>('');
  const [birthDate, setBirthDate] = useState('');
  const [employees, setEmployees] = useState<number | string>('');
  const [free, setFree] = useState('');

  const quote = useMutation({ mutationFn: (body: QuoteRequest) => catalogApi.quote(body) });

  const run = () => {
    if (!product) return;
    const attributes: Record<string, string | number> = { ...parseFreeAttributes(free) };
    if (clientType) attributes.client_type = clientType;
    if (age !== '') attributes.age = Number(age);
    if (birthDate) attributes.birth_date = birthDate;
    if (employees !== '') attributes.employees = Number(employees);
    quote.mutate({
      sku: product.sku,
      plan: plan ?? undefined,
      quantity: Number(quantity) || 1,
      attributes: Object.keys(attributes).length ? attributes : undefined,
      date: date || undefined,
      channel: (channel ?? undefined) as QuoteRequest['channel'],
      promotion_code: promotion.trim() || undefined,
    });
  };

  const productOptions = (products.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.sku})` }));
  if (product && !productOptions.some((o) => o.value === product.id)) productOptions.unshift({ value: product.id, label: `${product.name} (${product.sku})` });

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader title={t('simulator.heading')} description={t('simulator.description')} />
      <Paper withBorder radius="lg" p="lg">
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <Select
              label={t('simulator.product')}
              placeholder={t('simulator.product.placeholder')}
              data={productOptions}
              value={productId}
              onChange={(v) => {
                setProductId(v);
                setPlan(null);
                quote.reset();
              }}
              searchable
              searchValue={search}
              onSearchChange={setSearch}
              filter={({ options }) => options}
              nothingFoundMessage={t('catalog.empty')}
            />
            <Select
              label={t('simulator.plan')}
              placeholder={t('simulator.plan.default')}
              data={(version.data?.plans ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
              value={plan}
              onChange={setPlan}
              clearable
              disabled={!productId}
            />
            <NumberInput label={t('simulator.quantity')} value={quantity} onChange={setQuantity} min={1} max={1_000_000} />
            <TextInput type="date" label={t('simulator.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
            <Select label={t('simulator.channel')} data={channels.map((c) => ({ value: c, label: label('catalog.channel', c) }))} value={channel} onChange={setChannel} clearable />
            <TextInput label={t('simulator.promotion')} value={promotion} onChange={(e) => setPromotion(e.currentTarget.value.toUpperCase())} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <Select
              label={t('simulator.attr.client_type')}
              data={[
                { value: 'particulier', label: t('simulator.attr.particulier') },
                { value: 'entreprise', label: t('simulator.attr.entreprise') },
              ]}
              value={clientType}
              onChange={setClientType}
              clearable
            />
            <NumberInput label={t('simulator.attr.age')} value={age} onChange={setAge} min={0} max={130} />
            <TextInput type="date" label={t('simulator.attr.birth_date')} value={birthDate} onChange={(e) => setBirthDate(e.currentTarget.value)} />
            <NumberInput label={t('simulator.attr.employees')} value={employees} onChange={setEmployees} min={0} />
          </SimpleGrid>
          <Textarea label={t('simulator.attr.free')} value={free} onChange={(e) => setFree(e.currentTarget.value)} autosize minRows={2} ff="monospace" />
          <Group>
            <Button onClick={run} disabled={!product} loading={quote.isPending}>
              {t('simulator.run')}
            </Button>
          </Group>
          {quote.isError && <ErrorAlert error={quote.error} />}
          {quote.data && <QuoteResult quote={quote.data} />}
        </Stack>
      </Paper>
    </Stack>
  );
}
