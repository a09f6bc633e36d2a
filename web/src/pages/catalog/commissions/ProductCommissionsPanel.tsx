import { Alert, Button, Grid, Group, Loader, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { catalogApi, catalogKeys, isVersionEditable, type Product, type VersionDetail } from '../../../catalogApi.ts';
import { commissionsApi } from '../../../commissionsApi.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { fieldErrorsOf } from '../../../components/formErrors.tsx';
import { useLang, useT } from '../../../i18n/I18nProvider.tsx';
import { formatMoney, parseAmountToCents } from '../../../money.ts';
import { ReadOnlyVersionNotice } from '../ReadOnlyVersionNotice.tsx';
import { CommissionSchemeEditor } from './CommissionSchemeEditor.tsx';
import { formToInput, type SchemeForm, schemeFormErrors, schemeToForm } from './schemeForm.ts';

const SimulationChart = lazy(() => import('../../commissions/SimulationChart.tsx'));

/** The product 360° commissions tab: the version's schemes, editable while the server allows it, and a preview. */
export function ProductCommissionsPanel({ product, version, currency, onGoToHistory }: { product: Product; version: VersionDetail; currency: string; onGoToHistory: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const initial = useMemo(() => version.commissionSchemes.map((s) => schemeToForm(s, version.plans)), [version]);
  const [forms, setForms] = useState<SchemeForm[]>(initial);
  // Fresh data from the server (after a save) replaces the form; query results keep their identity when unchanged.
  useEffect(() => setForms(initial), [initial]);
  const [showClient, setShowClient] = useState(false);
  const [saved, setSaved] = useState(false);
  const editable = isVersionEditable(version);
  const dirty = JSON.stringify(forms) !== JSON.stringify(initial);
  // The split's sum is the server's to judge (its message lands on the field); the rest is checked here.
  const blocking = forms.some((f) => Object.entries(schemeFormErrors(f)).some(([path, code]) => !(path === 'split' && code === 'splitSum')));

  const save = useMutation({
    mutationFn: () => catalogApi.setCommissions(version.version.id, forms.map(formToInput)),
    onSuccess: async () => {
      setSaved(true);
      setShowClient(false);
      await queryClient.invalidateQueries({ queryKey: catalogKeys.version(version.version.id) });
      await queryClient.invalidateQueries({ queryKey: ['commissions'] });
    },
  });
  const serverErrors = save.isError ? fieldErrorsOf(save.error) : {};

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Stack gap="md">
          <Title order={3}>{t('scheme.heading')}</Title>
          {!editable && <ReadOnlyVersionNotice onGoToHistory={onGoToHistory} />}
          <CommissionSchemeEditor
            value={forms}
            onChange={(next) => {
              setForms(next);
              setSaved(false);
            }}
            plans={version.plans}
            revenueModel={product.revenueModel}
            serverErrors={serverErrors}
            showClientErrors={showClient}
            readOnly={!editable}
          />
          {save.isError && <ErrorAlert error={save.error} placed={forms.map((_, i) => `schemes.${i}`)} />}
          {saved && !dirty && (
            <Alert color="green" variant="light" role="status">
              {t('scheme.saved')}
            </Alert>
          )}
          {editable && (
            <Group>
              <Button
                loading={save.isPending}
                disabled={!dirty}
                onClick={() => {
                  setShowClient(true);
                  if (blocking) return;
                  save.mutate();
                }}
              >
                {t('scheme.save')}
              </Button>
              <Button
                variant="default"
                disabled={!dirty}
                onClick={() => {
                  setForms(initial);
                  setShowClient(false);
                  save.reset();
                }}
              >
                {t('scheme.reset')}
              </Button>
              {showClient && blocking && (
                <Text size="sm" c="red">
                  {t('scheme.error.invalid')}
                </Text>
              )}
            </Group>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <SchemePreview product={product} versionId={version.version.id} currency={currency} dirty={dirty} />
      </Grid.Col>
    </Grid>
  );
}

/** What this version's saved scheme pays for a month of sales, from the commission simulator (Annex E §2.4). */
function SchemePreview({ product, versionId, currency, dirty }: { product: Product; versionId: string; currency: string; dirty: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const [volume, setVolume] = useState('100');
  const [amount, setAmount] = useState('100');
  // Each string on its own: an object literal would re-arm the debounce on every render.
  const [debouncedVolume] = useDebouncedValue(volume.trim(), 300);
  const [debouncedAmount] = useDebouncedValue(amount, 300);
  const volumeN = /^\d{1,5}$/.test(debouncedVolume) ? Number(debouncedVolume) : null;
  const cents = parseAmountToCents(debouncedAmount);
  const valid = volumeN !== null && cents !== null;
  // The simulator takes the month's total; the form asks per sale, which is how a product manager thinks.
  const simulation = useQuery({
    queryKey: ['commissions', 'scheme-preview', product.companyId, product.id, versionId, volumeN, cents],
    queryFn: () => commissionsApi.simulate(product.companyId, { productId: product.id, versionId, volume: volumeN!, amount: volumeN! * cents! }),
    enabled: valid,
  });
  const money = (minor: number) => formatMoney(minor, simulation.data?.currency ?? currency, lang);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('scheme.preview')}>
      <Stack gap="sm">
        <Title order={4}>{t('scheme.preview')}</Title>
        <Text size="xs" c="dimmed">
          {t('scheme.preview.help')}
        </Text>
        {dirty && (
          <Text size="xs" c="orange">
            {t('scheme.preview.unsaved')}
          </Text>
        )}
        <Group grow>
          <TextInput label={t('scheme.preview.volume')} value={volume} onChange={(e) => setVolume(e.currentTarget.value)} inputMode="numeric" error={/^\d{1,5}$/.test(volume.trim()) ? undefined : t('scheme.error.number')} />
          <TextInput label={t('scheme.preview.amount')} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} inputMode="decimal" error={parseAmountToCents(amount) === null ? t('scheme.error.number') : undefined} />
        </Group>
        {simulation.isPending && valid && <Loader size="sm" />}
        {simulation.isError && <ErrorAlert error={simulation.error} />}
        {simulation.data && !simulation.data.hasScheme && (
          <Text size="sm" c="dimmed">
            {t('scheme.preview.none')}
          </Text>
        )}
        {simulation.data?.hasScheme && (
          <>
            <Text fw={700} data-testid="scheme-preview-total">
              {t('scheme.preview.total', { total: money(simulation.data.total) })}
            </Text>
            <Table verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('scheme.preview.tier')}</Table.Th>
                  <Table.Th>{t('scheme.preview.rate')}</Table.Th>
                  <Table.Th ta="right">{t('scheme.preview.commission')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {simulation.data.bars.map((bar) => (
                  <Table.Tr key={bar.tier}>
                    <Table.Td>{bar.tier}</Table.Td>
                    <Table.Td>{bar.rate ?? '—'}</Table.Td>
                    <Table.Td ta="right">{money(bar.commission)}</Table.Td>
                  </Table.Tr>
                ))}
                {simulation.data.beneficiaries.map((b) => (
                  <Table.Tr key={b.role}>
                    <Table.Td colSpan={2} c="dimmed">
                      {t(`scheme.role.${b.role}`)}
                    </Table.Td>
                    <Table.Td ta="right" c="dimmed">
                      {money(b.amount)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Suspense fallback={<Loader size="sm" />}>{simulation.data.bars.length > 0 && <SimulationChart result={simulation.data} />}</Suspense>
          </>
        )}
      </Stack>
    </Paper>
  );
}
