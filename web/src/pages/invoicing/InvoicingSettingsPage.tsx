import { Alert, Button, Fieldset, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { companiesQuery } from '../../identityApi.ts';
import { type InvoicingSettings, invoicingApi, invoicingKeys, invoicingSettingsQuery, type VatFranchise, vatFranchises } from '../../invoicingApi.ts';
import { companyName, hasPermissionFor, useMe, usePermission } from '../../session.ts';
import { type SettingsForm, settingsFromForm, settingsToForm } from './invoicingForms.ts';
import { InvoicingTabs } from './invoicingUi.tsx';
import { QueryFallback } from '../../components/QueryFallback.tsx';

/** /app/factures/reglages?societe=… — a company's invoicing settings: numbering, legal mentions, bank details, VAT. */
export function InvoicingSettingsPage({ companyId, onCompanyChange }: { companyId: string | undefined; onCompanyChange: (companyId: string) => void }) {
  const t = useT();
  usePageTitle(t('invoicingSettings.heading'));
  const me = useMe();
  const canReadCompanies = usePermission('companies.read');
  const companies = useQuery({ ...companiesQuery, enabled: canReadCompanies });
  const options = (companies.data?.items ?? []).filter((c) => hasPermissionFor(me, 'invoicing.read', c.id)).map((c) => ({ value: c.id, label: companyName(c) }));
  const selected = companyId && options.some((o) => o.value === companyId) ? companyId : options[0]?.value;

  return (
    <Stack gap="lg" maw={1000}>
      <PageHeader title={t('invoices.heading')} description={t('invoicingSettings.description')} />
      <InvoicingTabs />
      <Paper withBorder radius="lg" p="md">
        {companies.isPending && canReadCompanies ? (
          <Loader size="sm" />
        ) : companies.isError ? (
          <ErrorAlert error={companies.error} onRetry={() => companies.refetch()} />
        ) : options.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('invoicingSettings.noCompany')}
          </Text>
        ) : (
          <Select
            label={t('invoicingSettings.company')}
            data={options}
            value={selected ?? null}
            onChange={(value) => value && onCompanyChange(value)}
            allowDeselect={false}
            searchable
            w={320}
          />
        )}
      </Paper>
      {selected && <CompanySettings key={selected} companyId={selected} />}
    </Stack>
  );
}

function CompanySettings({ companyId }: { companyId: string }) {
  const t = useT();
  const settings = useQuery(invoicingSettingsQuery(companyId));
  if (settings.isPending || settings.isError) return <QueryFallback query={settings} />;
  return <SettingsFormView companyId={companyId} original={settings.data} title={t('invoicingSettings.heading')} />;
}

type Field = keyof SettingsForm;

function SettingsFormView({ companyId, original, title }: { companyId: string; original: InvoicingSettings; title: string }) {
  const t = useT();
  const me = useMe();
  const queryClient = useQueryClient();
  const canEdit = hasPermissionFor(me, 'invoicing.issue', companyId);
  const [values, setValues] = useState<SettingsForm>(() => settingsToForm(original));
  const [localErrors, setLocalErrors] = useState<Partial<Record<Field, MessageKey>>>({});
  // Server messages stay under a field until the person edits it.
  const [edited, setEdited] = useState<ReadonlySet<Field>>(() => new Set());

  const save = useMutation({
    mutationFn: (body: InvoicingSettings) => invoicingApi.saveSettings(companyId, body),
    onSuccess: (saved) => {
      notifications.show({ color: 'teal', message: t('invoicingSettings.saved') });
      queryClient.setQueryData(invoicingKeys.settings(companyId), saved);
      setValues(settingsToForm(saved));
    },
  });
  const serverErrors = fieldErrorsOf(save.error);
  const error = (field: Field) => {
    const key = localErrors[field];
    return key ? t(key) : edited.has(field) ? undefined : errorMessages(serverErrors[field]);
  };
  const set = <K extends Field>(field: K, value: SettingsForm[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setLocalErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
    setEdited((current) => (current.has(field) ? current : new Set(current).add(field)));
  };
  const text = (field: Exclude<Field, 'vatFranchise'>) => ({
    value: values[field],
    onChange: (event: { currentTarget: HTMLInputElement }) => set(field, event.currentTarget.value),
    error: error(field),
  });
  const placed = Object.keys(values);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = settingsFromForm(values);
    setEdited(new Set());
    if ('errors' in result) {
      setLocalErrors(result.errors);
      return;
    }
    setLocalErrors({});
    save.mutate(result.body);
  };

  const year = new Date().getFullYear();
  const example = `${values.invoicePrefix.trim().toUpperCase() || 'F'}-${year}-000001`;
  return (
    <form onSubmit={submit} noValidate aria-label={title}>
      <Fieldset disabled={!canEdit || save.isPending} variant="unstyled" p={0} m={0}>
        <Stack gap="lg">
          {!canEdit && (
            <Alert color="gray" variant="light">
              <Text size="sm">{t('invoicingSettings.readOnly')}</Text>
            </Alert>
          )}
          <SectionCard title={t('invoicingSettings.section.numbering')} description={t('invoicingSettings.section.numbering.description', { example })}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput label={t('invoicingSettings.invoicePrefix')} description={t('invoicingSettings.prefix.description')} withAsterisk {...text('invoicePrefix')} />
              <TextInput label={t('invoicingSettings.creditNotePrefix')} description={t('invoicingSettings.prefix.description')} withAsterisk {...text('creditNotePrefix')} />
            </SimpleGrid>
          </SectionCard>
          <SectionCard title={t('invoicingSettings.section.legal')} description={t('invoicingSettings.section.legal.description')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput label={t('invoicingSettings.legalMention')} placeholder={t('invoicingSettings.legalMention.placeholder')} {...text('legalMention')} />
              <TextInput label={t('invoicingSettings.registration')} placeholder={t('invoicingSettings.registration.placeholder')} {...text('registration')} />
            </SimpleGrid>
          </SectionCard>
          <SectionCard title={t('invoicingSettings.section.payment')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput label={t('invoicingSettings.iban')} description={t('invoicingSettings.iban.description')} {...text('iban')} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
              <TextInput label={t('invoicingSettings.bic')} description={t('invoicingSettings.bic.description')} {...text('bic')} />
              <TextInput
                label={t('invoicingSettings.paymentTermsDays')}
                description={t('invoicingSettings.paymentTermsDays.description')}
                inputMode="numeric"
                withAsterisk
                {...text('paymentTermsDays')}
              />
            </SimpleGrid>
          </SectionCard>
          <SectionCard title={t('invoicingSettings.section.vat')}>
            <Select
              label={t('invoicingSettings.vatFranchise')}
              description={t('invoicingSettings.vatFranchise.description')}
              data={vatFranchises.map((f) => ({ value: f, label: t(`invoicingSettings.vatFranchise.${f}` as MessageKey) }))}
              value={values.vatFranchise}
              onChange={(value) => value && set('vatFranchise', value as VatFranchise)}
              allowDeselect={false}
              error={error('vatFranchise')}
              maw={420}
            />
          </SectionCard>
          {save.isError && <ErrorAlert error={save.error} placed={placed} />}
          {canEdit && (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </Fieldset>
    </form>
  );
}
