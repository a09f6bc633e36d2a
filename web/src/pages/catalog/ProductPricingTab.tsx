import { Button, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { catalogApi, type Product, type VersionDetail } from '../../catalogApi.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { NegotiatedPricesPanel } from './NegotiatedPricesPanel.tsx';
import { QuoteResult } from './QuoteResult.tsx';
import { VersionPlans } from './VersionPlans.tsx';

/** The product page's « Tarification » tab: the version's plans, the negotiated prices, a quick quote. */
export function ProductPricingTab({
  product,
  version,
  currency,
  timeZone,
  onGoToHistory,
}: {
  product: Product;
  version: VersionDetail;
  currency: string;
  timeZone: string;
  onGoToHistory: () => void;
}) {
  const t = useT();
  const [plan, setPlan] = useState<string | null>(version.plans[0]?.code ?? null);
  const [quantity, setQuantity] = useState('1');
  const quote = useMutation({ mutationFn: () => catalogApi.quote({ sku: product.sku, plan: plan ?? undefined, quantity: Number.parseInt(quantity, 10) || 1 }) });
  return (
    <Stack gap="xl">
      <VersionPlans key={version.version.id} product={product} version={version} currency={currency} onGoToHistory={onGoToHistory} />
      <NegotiatedPricesPanel product={product} planCodes={version.plans.map((p) => ({ code: p.code, name: p.name }))} currency={currency} timeZone={timeZone} />
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={3} fz="h5">
            {t('product.simulator')}
          </Title>
          <Group align="flex-end">
            <Select label={t('simulator.plan')} data={version.plans.map((p) => ({ value: p.code, label: p.name }))} value={plan} onChange={setPlan} clearable placeholder={t('simulator.plan.default')} />
            <TextInput label={t('simulator.quantity')} value={quantity} onChange={(e) => setQuantity(e.currentTarget.value)} w={100} inputMode="numeric" />
            <Button onClick={() => quote.mutate()} loading={quote.isPending}>
              {t('product.simulator.run')}
            </Button>
          </Group>
          {quote.isError && <ErrorAlert error={quote.error} />}
          {quote.data && <QuoteResult quote={quote.data} />}
        </Stack>
      </Paper>
    </Stack>
  );
}
