import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { Product } from '../../catalogApi.ts';
import { Field } from '../../components/SectionCard.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useCatalogNames } from './catalogUi.tsx';
import { ExternalCodesPanel } from './ExternalCodesPanel.tsx';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';

/** The product page's « Intégrations » tab: partner, price source and the product's external codes. */
export function ProductIntegrationsTab({ product }: { product: Product }) {
  const t = useT();
  const label = useCodeLabel();
  const names = useCatalogNames();
  const partner = names.partners.find((p) => p.id === product.partnerId);
  return (
    <Stack gap="xl">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Field label={t('product.integrations.partner')}>
          {partner ? (
            <Text size="sm">
              {partner.name} · {partner.type} · {partner.status}
            </Text>
          ) : (
            <Text size="sm">{t('product.integrations.internal')}</Text>
          )}
        </Field>
        <Field label={t('product.integrations.source')}>
          <Text size="sm">{label('catalog.source', product.pricingSource)}</Text>
          <Text size="xs" c="dimmed">
            {product.pricingSource === 'partner_api' ? t('product.integrations.partnerApi') : t('product.integrations.internalPricing')}
          </Text>
        </Field>
      </SimpleGrid>
      <ExternalCodesPanel product={product} partnerName={partner?.name ?? null} />
    </Stack>
  );
}
