import { Badge, Button, EmptyState, Grid, Group, NavLink, Paper, ScrollArea, Select, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type MouseEvent, type ReactNode, useMemo, useState } from 'react';
import { lifecycleStatuses, type ProductFilters, pricingModes, productsQuery } from '../../catalogApi.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { companiesQuery } from '../../identityApi.ts';
import { companyName, usePermission } from '../../session.ts';
import { ProductBadges, StatusBadge, useCatalogNames } from './catalogUi.tsx';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';
import { QueryFallback } from '../../components/QueryFallback.tsx';

/** The "Interne" entry of the partner pane: products sold without a partner. */
const INTERNAL = '__internal__';

/** /app/catalogue — risks, partners and products side by side (seed 003 Annex E). */
export function CatalogPage() {
  const t = useT();
  const label = useCodeLabel();
  usePageTitle(t('catalog.heading'));
  const navigate = useNavigate();
  const canReadCompanies = usePermission('companies.read');
  const companies = useQuery({ ...companiesQuery, enabled: canReadCompanies });
  const names = useCatalogNames();

  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [published, setPublished] = useState<string | null>(null);
  const [integrated, setIntegrated] = useState<string | null>(null);
  const [pricingMode, setPricingMode] = useState<string | null>(null);
  const [riskId, setRiskId] = useState<string | null>(null);
  const [partnerId, setPartnerId] = useState<string | null>(null);

  // Risks and partners are counted over the server's answer, then narrowed here.
  const filters: ProductFilters = {
    q: q || undefined,
    companyId: companyId ?? undefined,
    status: status ?? undefined,
    published: published ?? undefined,
    integrated: integrated ?? undefined,
    pricingMode: pricingMode ?? undefined,
    limit: 200,
  };
  const products = useQuery({ ...productsQuery(filters), placeholderData: keepPreviousData });
  const all = products.data?.items ?? [];

  const riskCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of all) if (!partnerId || (p.partnerId ?? INTERNAL) === partnerId) counts.set(p.riskId, (counts.get(p.riskId) ?? 0) + 1);
    return counts;
  }, [all, partnerId]);
  const partnerCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of all) if (!riskId || p.riskId === riskId) counts.set(p.partnerId ?? INTERNAL, (counts.get(p.partnerId ?? INTERNAL) ?? 0) + 1);
    return counts;
  }, [all, riskId]);
  const visible = all.filter((p) => (!riskId || p.riskId === riskId) && (!partnerId || (p.partnerId ?? INTERNAL) === partnerId));

  const companyOptions = (companies.data?.items ?? []).map((c) => ({ value: c.id, label: companyName(c) }));
  const companyLabel = (id: string) => companyOptions.find((c) => c.value === id)?.label ?? '';
  const yesNo = [
    { value: 'true', label: t('catalog.yes') },
    { value: 'false', label: t('catalog.no') },
  ];
  const risks = names.risks.filter((r) => !companyId || r.companyId === companyId || r.isGlobal);
  const partners = names.partners.filter((p) => !companyId || p.companyId === companyId);
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

  const open = (productId: string) => navigate({ to: '/app/catalogue/produits/$productId', params: { productId } });
  const hasFilters = !!(search || companyId || status || published || integrated || pricingMode || riskId || partnerId);
  const reset = () => {
    setSearch('');
    setCompanyId(null);
    setStatus(null);
    setPublished(null);
    setIntegrated(null);
    setPricingMode(null);
    setRiskId(null);
    setPartnerId(null);
  };

  let productPane: ReactNode;
  if (products.isPending || products.isError) {
    productPane = <QueryFallback query={products} />;
  } else if (visible.length === 0) {
    productPane = <EmptyState py="xl" title={t('catalog.empty')} description={t('catalog.empty.description')} />;
  } else {
    productPane = (
      <Table.ScrollContainer minWidth={640}>
        <Table highlightOnHover verticalSpacing="sm" aria-label={t('catalog.products')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('catalog.col.name')}</Table.Th>
              <Table.Th>{t('catalog.col.sku')}</Table.Th>
              <Table.Th>{t('catalog.col.status')}</Table.Th>
              <Table.Th>{t('catalog.col.pricing')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((product) => (
              <Table.Tr key={product.id} onClick={() => open(product.id)} style={{ cursor: 'pointer' }} data-sku={product.sku}>
                <Table.Td>
                  <UnstyledButton
                    fw={500}
                    fz="sm"
                    onClick={(event: MouseEvent) => {
                      event.stopPropagation();
                      void open(product.id);
                    }}
                  >
                    {product.name}
                  </UnstyledButton>
                  <Group gap={6} mt={2}>
                    {companyLabel(product.companyId) && (
                      <Text size="xs" c="dimmed">
                        {companyLabel(product.companyId)}
                      </Text>
                    )}
                    <ProductBadges badges={product.badges} />
                  </Group>
                </Table.Td>
                <Table.Td ff="monospace" fz="xs">
                  {product.sku}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={product.lifecycleStatus} />
                </Table.Td>
                <Table.Td fz="sm">{label('catalog.source', product.pricingSource)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  const paneEntry = (key: string, text: string, count: number, active: boolean, onClick: () => void) => (
    <NavLink
      key={key}
      label={text}
      active={active}
      onClick={onClick}
      rightSection={
        <Badge size="sm" variant="light" color="gray">
          {count}
        </Badge>
      }
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );

  return (
    <Stack gap="lg" maw={1400}>
      <PageHeader
        title={t('catalog.heading')}
        description={t('catalog.description')}
        actions={
          <Group gap="xs">
            <Button component={Link} to="/app/catalogue/import" variant="default">
              {t('catalogImport.open')}
            </Button>
            <Button component={Link} to="/app/catalogue/nouveau">
              {t('catalog.new')}
            </Button>
          </Group>
        }
      />
      <Paper withBorder radius="lg" p="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('catalog.search')}
            placeholder={t('catalog.search.placeholder')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={260}
            type="search"
          />
          {companyOptions.length > 0 && (
            <Select label={t('catalog.filter.company')} data={companyOptions} value={companyId} onChange={setCompanyId} clearable placeholder={t('catalog.filter.any')} w={190} />
          )}
          <Select
            label={t('catalog.filter.status')}
            data={lifecycleStatuses.map((s) => ({ value: s, label: label('catalog.status', s) }))}
            value={status}
            onChange={setStatus}
            clearable
            placeholder={t('catalog.filter.any')}
            w={150}
          />
          <Select label={t('catalog.filter.published')} data={yesNo} value={published} onChange={setPublished} clearable placeholder={t('catalog.filter.any')} w={130} />
          <Select label={t('catalog.filter.integrated')} data={yesNo} value={integrated} onChange={setIntegrated} clearable placeholder={t('catalog.filter.any')} w={190} />
          <Select
            label={t('catalog.filter.pricingMode')}
            data={pricingModes.map((m) => ({ value: m, label: label('catalog.mode', m) }))}
            value={pricingMode}
            onChange={setPricingMode}
            clearable
            placeholder={t('catalog.filter.any')}
            w={180}
          />
          {hasFilters && (
            <Button variant="subtle" onClick={reset}>
              {t('catalog.filter.reset')}
            </Button>
          )}
        </Group>
      </Paper>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 3, lg: 2.5 }}>
          <Paper withBorder radius="lg" p="xs" component="section" aria-label={t('catalog.risks')}>
            <Title order={3} fz="sm" px="xs" py={6}>
              {t('catalog.risks')}
            </Title>
            <ScrollArea.Autosize mah={480}>
              {paneEntry('all', t('catalog.all'), total(riskCounts), riskId === null, () => setRiskId(null))}
              {risks.map((risk) => paneEntry(risk.id, risk.label, riskCounts.get(risk.id) ?? 0, riskId === risk.id, () => setRiskId(riskId === risk.id ? null : risk.id)))}
            </ScrollArea.Autosize>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3, lg: 2.5 }}>
          <Paper withBorder radius="lg" p="xs" component="section" aria-label={t('catalog.partners')}>
            <Title order={3} fz="sm" px="xs" py={6}>
              {t('catalog.partners')}
            </Title>
            <ScrollArea.Autosize mah={480}>
              {paneEntry('all', t('catalog.all'), total(partnerCounts), partnerId === null, () => setPartnerId(null))}
              {paneEntry(INTERNAL, t('catalog.internal'), partnerCounts.get(INTERNAL) ?? 0, partnerId === INTERNAL, () => setPartnerId(partnerId === INTERNAL ? null : INTERNAL))}
              {partners.map((partner) =>
                paneEntry(partner.id, partner.name, partnerCounts.get(partner.id) ?? 0, partnerId === partner.id, () => setPartnerId(partnerId === partner.id ? null : partner.id)),
              )}
            </ScrollArea.Autosize>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6, lg: 7 }}>
          <Paper withBorder radius="lg" p="xs" component="section" aria-label={t('catalog.products')} style={{ overflow: 'hidden' }}>
            <Group justify="space-between" px="xs" py={6}>
              <Title order={3} fz="sm">
                {t('catalog.products')}
              </Title>
              <Text size="xs" c="dimmed">
                {t('catalog.count', { count: visible.length })}
              </Text>
            </Group>
            {productPane}
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
