import {
  ActionIcon,
  Anchor,
  Box,
  Button,
  Center,
  ColorInput,
  Fieldset,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import type { Lang } from '../../i18n/lang.ts';
import {
  type AddressKind,
  type Company,
  type CompanyCountry,
  type CompanyCurrency,
  type CompanyInput,
  identityApi,
  identityKeys,
} from '../../identityApi.ts';
import { companyName, hasPermissionFor, useMe, usePermission } from '../../session.ts';

// ---------------------------------------------------------------- form model

let rowCounter = 0;
const rowKey = () => `row-${++rowCounter}`;

interface AddressRow {
  key: string;
  kind: AddressKind;
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  country: string;
}

interface ContactRow {
  key: string;
  role: string;
  name: string;
  email: string;
  phone: string;
}

interface FormValues {
  legalName: string;
  brandName: string;
  siren: string;
  siret: string;
  vatNumber: string;
  country: CompanyCountry;
  currency: CompanyCurrency;
  timeZone: string;
  icsCode: string;
  isActive: boolean;
  addresses: AddressRow[];
  contacts: ContactRow[];
  primaryColor: string;
  secondaryColor: string;
}

const countryDefaults: Record<CompanyCountry, { currency: CompanyCurrency; timeZone: string }> = {
  FR: { currency: 'EUR', timeZone: 'Europe/Paris' },
  CH: { currency: 'CHF', timeZone: 'Europe/Zurich' },
};

const emptyAddress = (country: string): AddressRow => ({
  key: rowKey(),
  kind: 'head_office',
  line1: '',
  line2: '',
  postalCode: '',
  city: '',
  country,
});

const emptyContact = (): ContactRow => ({ key: rowKey(), role: '', name: '', email: '', phone: '' });

function toValues(company: Company | null): FormValues {
  if (!company) {
    return {
      legalName: '',
      brandName: '',
      siren: '',
      siret: '',
      vatNumber: '',
      country: 'FR',
      ...countryDefaults.FR,
      icsCode: '',
      isActive: true,
      addresses: [emptyAddress('FR')],
      contacts: [],
      primaryColor: '',
      secondaryColor: '',
    };
  }
  return {
    legalName: company.legalName,
    brandName: company.brandName,
    siren: company.siren ?? '',
    siret: company.siret ?? '',
    vatNumber: company.vatNumber ?? '',
    country: company.country,
    currency: company.currency,
    timeZone: company.timeZone,
    icsCode: company.icsCode ?? '',
    isActive: company.isActive,
    addresses: company.addresses.map((a) => ({ key: rowKey(), ...a, line2: a.line2 ?? '' })),
    contacts: company.contacts.map((c) => ({ key: rowKey(), ...c, email: c.email ?? '', phone: c.phone ?? '' })),
    primaryColor: company.brandTheme.primaryColor ?? '',
    secondaryColor: company.brandTheme.secondaryColor ?? '',
  };
}

const orNull = (value: string) => (value.trim() ? value.trim() : null);
const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/** The request body. Blank optional strings are left out (or null where the API wants null). */
function toInput(values: FormValues, original: Company | null): CompanyInput {
  return {
    legalName: values.legalName.trim(),
    brandName: values.brandName.trim(),
    // Spaces are fine to type ("552 100 554") but not part of the identifier.
    siren: orNull(values.siren.replace(/\s/g, '')),
    siret: orNull(values.siret.replace(/\s/g, '')),
    vatNumber: orNull(values.vatNumber.toUpperCase()),
    country: values.country,
    currency: values.currency,
    timeZone: values.timeZone,
    icsCode: orNull(values.icsCode.replace(/\s/g, '').toUpperCase()),
    isActive: values.isActive,
    addresses: values.addresses.map((a) => ({
      kind: a.kind,
      line1: a.line1.trim(),
      ...(optional(a.line2) ? { line2: a.line2.trim() } : {}),
      postalCode: a.postalCode.trim(),
      city: a.city.trim(),
      country: a.country.toUpperCase(),
    })),
    contacts: values.contacts.map((c) => ({
      role: c.role.trim(),
      name: c.name.trim(),
      ...(optional(c.email) ? { email: c.email.trim() } : {}),
      ...(optional(c.phone) ? { phone: c.phone.trim() } : {}),
    })),
    brandTheme: {
      // Keep what this form does not edit (the logo).
      ...(original?.brandTheme.logoSha256 ? { logoSha256: original.brandTheme.logoSha256 } : {}),
      ...(optional(values.primaryColor) ? { primaryColor: values.primaryColor.trim().toLowerCase() } : {}),
      ...(optional(values.secondaryColor) ? { secondaryColor: values.secondaryColor.trim().toLowerCase() } : {}),
    },
  };
}

/** Obvious slips only; the server checks SIREN/SIRET keys, VAT numbers and the rest. */
type LocalErrors = Partial<Record<string, MessageKey>>;

function validate(values: FormValues): LocalErrors {
  const errors: LocalErrors = {};
  if (!values.legalName.trim()) errors.legalName = 'form.required';
  if (!values.brandName.trim()) errors.brandName = 'form.required';
  if (!values.timeZone) errors.timeZone = 'form.required';
  const siren = values.siren.replace(/\s/g, '');
  if (siren && !/^\d{9}$/.test(siren)) errors.siren = 'companies.error.siren';
  const siret = values.siret.replace(/\s/g, '');
  if (siret && !/^\d{14}$/.test(siret)) errors.siret = 'companies.error.siret';
  values.addresses.forEach((a, i) => {
    if (!a.line1.trim()) errors[`addresses.${i}.line1`] = 'form.required';
    if (!a.postalCode.trim()) errors[`addresses.${i}.postalCode`] = 'form.required';
    if (!a.city.trim()) errors[`addresses.${i}.city`] = 'form.required';
  });
  values.contacts.forEach((c, i) => {
    if (!c.role.trim()) errors[`contacts.${i}.role`] = 'form.required';
    if (!c.name.trim()) errors[`contacts.${i}.name`] = 'form.required';
    if (c.email.trim() && !/^[^\s@]+@[^\s@]+$/.test(c.email.trim())) errors[`contacts.${i}.email`] = 'signIn.error.emailInvalid';
  });
  for (const field of ['primaryColor', 'secondaryColor'] as const) {
    if (values[field].trim() && !/^#[0-9a-fA-F]{6}$/.test(values[field].trim())) errors[`brandTheme.${field}`] = 'companies.error.color';
  }
  return errors;
}

// ---------------------------------------------------------------- reference data

const regionCodes = ['FR', 'CH', 'BE', 'LU', 'MC', 'DE', 'IT', 'ES', 'PT', 'NL', 'AT', 'LI', 'GB', 'IE', 'US', 'CA'];
const locales: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

function useCountryOptions(current: string[]): { value: string; label: string }[] {
  const { lang } = useLang();
  return useMemo(() => {
    const names = new Intl.DisplayNames([locales[lang]], { type: 'region' });
    const codes = [...new Set([...regionCodes, ...current.filter((c) => /^[A-Z]{2}$/.test(c))])];
    return codes.map((code) => ({ value: code, label: `${names.of(code) ?? code} (${code})` }));
  }, [lang, current]);
}

const timeZones: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Paris', 'Europe/Zurich'];
  }
})();

const brandSwatches = ['#0b5c73', '#1f7f99', '#2f9e44', '#e8590c', '#c92a2a', '#862e9c', '#1c7ed6', '#343a40'];

// ---------------------------------------------------------------- page

/** /app/societes/nouvelle and /app/societes/:companyId — create or edit a company. */
export function CompanyPage({ companyId }: { companyId: string | null }) {
  const t = useT();
  const company = useQuery({
    queryKey: identityKeys.company(companyId ?? 'new'),
    queryFn: ({ signal }) => identityApi.company(companyId ?? '', signal),
    enabled: companyId !== null,
  });
  usePageTitle(companyId === null ? t('companies.new') : company.data ? companyName(company.data) : t('companies.heading'));

  if (companyId !== null && company.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (companyId !== null && company.isError) {
    return (
      <Stack gap="lg" maw={1000}>
        <BackLink />
        <ErrorAlert error={company.error} onRetry={() => company.refetch()} />
      </Stack>
    );
  }
  const original = companyId !== null ? (company.data ?? null) : null;
  // Keyed by updatedAt: a save re-seeds the form from what the server stored.
  return <CompanyForm key={original?.updatedAt ?? 'new'} original={original} />;
}

function BackLink() {
  const t = useT();
  return (
    <Anchor component={Link} to="/app/societes" size="sm">
      ← {t('companies.back')}
    </Anchor>
  );
}

function CompanyForm({ original }: { original: Company | null }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canManage = usePermission('companies.manage');
  const me = useMe();
  const canReadInvoicing = (companyId: string) => hasPermissionFor(me, 'invoicing.read', companyId);
  const [values, setValues] = useState<FormValues>(() => toValues(original));
  const [localErrors, setLocalErrors] = useState<LocalErrors>({});
  // Server messages stay under a field until the person edits it.
  const [edited, setEdited] = useState<ReadonlySet<string>>(() => new Set());

  const save = useMutation({
    mutationFn: (input: CompanyInput) => (original ? identityApi.updateCompany(original.id, input) : identityApi.createCompany(input)),
    onSuccess: async (saved) => {
      notifications.show({ color: 'teal', message: t(original ? 'companies.saved' : 'companies.created', { name: companyName(saved) }) });
      queryClient.setQueryData(identityKeys.company(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: identityKeys.companies, exact: true });
      if (!original) await navigate({ to: '/app/societes/$companyId', params: { companyId: saved.id }, replace: true });
    },
  });
  const serverErrors = fieldErrorsOf(save.error);
  const error = (path: string) => {
    const key = localErrors[path];
    return key ? t(key) : edited.has(path) ? undefined : errorMessages(serverErrors[path]);
  };
  const clear = (path: string) => {
    setLocalErrors((e) => (e[path] ? { ...e, [path]: undefined } : e));
    setEdited((current) => (current.has(path) ? current : new Set(current).add(path)));
  };

  const set = <K extends keyof FormValues>(field: K, value: FormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    clear(field);
  };
  const text = (field: 'legalName' | 'brandName' | 'siren' | 'siret' | 'vatNumber' | 'icsCode') => ({
    value: values[field],
    onChange: (event: { currentTarget: HTMLInputElement }) => set(field, event.currentTarget.value),
    error: error(field),
  });

  const changeCountry = (country: CompanyCountry) => {
    setValues((v) => {
      const previous = countryDefaults[v.country];
      const next = countryDefaults[country];
      // Follow the country only where the person kept the previous country's defaults.
      return {
        ...v,
        country,
        currency: v.currency === previous.currency ? next.currency : v.currency,
        timeZone: v.timeZone === previous.timeZone ? next.timeZone : v.timeZone,
      };
    });
  };

  const updateAddress = (index: number, patch: Partial<AddressRow>) => {
    setValues((v) => ({ ...v, addresses: v.addresses.map((a, i) => (i === index ? { ...a, ...patch } : a)) }));
    for (const field of Object.keys(patch)) clear(`addresses.${index}.${field}`);
  };
  const updateContact = (index: number, patch: Partial<ContactRow>) => {
    setValues((v) => ({ ...v, contacts: v.contacts.map((c, i) => (i === index ? { ...c, ...patch } : c)) }));
    for (const field of Object.keys(patch)) clear(`contacts.${index}.${field}`);
  };
  // Removing a row shifts the indexes the errors refer to: start clean.
  const removeRow = (list: 'addresses' | 'contacts', index: number) => {
    setValues((v) => ({ ...v, [list]: v[list].filter((_, i) => i !== index) }));
    setLocalErrors({});
    setEdited(new Set());
    save.reset();
  };

  const countryOptions = useCountryOptions(values.addresses.map((a) => a.country));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = validate(values);
    setLocalErrors(errors);
    setEdited(new Set());
    if (Object.values(errors).every((e) => !e)) save.mutate(toInput(values, original));
  };

  const title = original ? companyName(original) : t('companies.new');
  return (
    <Stack gap="lg" maw={1000}>
      <BackLink />
      <PageHeader
        title={title}
        description={original ? original.legalName : t('companies.new.intro')}
        actions={
          original &&
          canReadInvoicing(original.id) && (
            <Anchor size="sm" renderRoot={(props) => <Link {...props} to="/app/factures/reglages" search={{ societe: original.id }} />}>
              {t('invoicingSettings.heading')} →
            </Anchor>
          )
        }
      />
      <form onSubmit={submit} noValidate>
        <Fieldset disabled={!canManage || save.isPending} variant="unstyled" p={0} m={0}>
          <Stack gap="lg">
            <SectionCard title={t('companies.section.identity')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <TextInput label={t('companies.field.legalName')} withAsterisk {...text('legalName')} />
                <TextInput label={t('companies.field.brandName')} description={t('companies.field.brandName.description')} withAsterisk {...text('brandName')} />
                <Select
                  label={t('companies.field.country')}
                  withAsterisk
                  data={[
                    { value: 'FR', label: t('companies.country.FR') },
                    { value: 'CH', label: t('companies.country.CH') },
                  ]}
                  value={values.country}
                  onChange={(value) => value && changeCountry(value as CompanyCountry)}
                  allowDeselect={false}
                  error={error('country')}
                />
                <Select
                  label={t('companies.field.currency')}
                  withAsterisk
                  data={['EUR', 'CHF']}
                  value={values.currency}
                  onChange={(value) => value && set('currency', value as CompanyCurrency)}
                  allowDeselect={false}
                  error={error('currency')}
                />
                <Select
                  label={t('companies.field.timeZone')}
                  withAsterisk
                  searchable
                  limit={50}
                  data={timeZones.includes(values.timeZone) || !values.timeZone ? timeZones : [values.timeZone, ...timeZones]}
                  value={values.timeZone || null}
                  onChange={(value) => set('timeZone', value ?? '')}
                  allowDeselect={false}
                  error={error('timeZone')}
                />
                <Switch
                  mt={{ base: 0, sm: 30 }}
                  label={t('companies.field.isActive')}
                  description={t('companies.field.isActive.description')}
                  checked={values.isActive}
                  onChange={(event) => set('isActive', event.currentTarget.checked)}
                />
              </SimpleGrid>
            </SectionCard>

            <SectionCard title={t('companies.section.identifiers')} description={t('companies.section.identifiers.description')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <TextInput label={t('companies.field.siren')} placeholder="552 100 554" inputMode="numeric" {...text('siren')} />
                <TextInput label={t('companies.field.siret')} placeholder="552 100 554 00012" inputMode="numeric" {...text('siret')} />
                <TextInput
                  label={t('companies.field.vatNumber')}
                  placeholder={values.country === 'CH' ? 'CHE-123.456.789 TVA' : 'FR40 552100554'}
                  autoCapitalize="characters"
                  {...text('vatNumber')}
                />
                <TextInput
                  label={t('companies.field.icsCode')}
                  description={t('companies.field.icsCode.description')}
                  placeholder="FR12ZZZ123456"
                  autoCapitalize="characters"
                  {...text('icsCode')}
                />
              </SimpleGrid>
            </SectionCard>

            <SectionCard
              title={t('companies.section.addresses')}
              actions={
                canManage && (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => setValues((v) => ({ ...v, addresses: [...v.addresses, { ...emptyAddress(v.country), kind: v.addresses.length ? 'billing' : 'head_office' }] }))}
                    disabled={values.addresses.length >= 10}
                  >
                    {t('companies.address.add')}
                  </Button>
                )
              }
            >
              {values.addresses.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('companies.address.none')}
                </Text>
              )}
              {values.addresses.map((address, index) => (
                <Paper key={address.key} withBorder radius="md" p="sm">
                  <Stack gap="xs">
                    <Group justify="space-between" align="flex-end">
                      <Select
                        label={t('companies.address.kind')}
                        w={220}
                        data={(['head_office', 'billing', 'other'] as const).map((kind) => ({ value: kind, label: t(`companies.address.kind.${kind}`) }))}
                        value={address.kind}
                        onChange={(value) => value && updateAddress(index, { kind: value as AddressKind })}
                        allowDeselect={false}
                        error={error(`addresses.${index}.kind`)}
                      />
                      {canManage && <RemoveButton label={t('companies.address.remove')} onClick={() => removeRow('addresses', index)} />}
                    </Group>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                      <TextInput
                        label={t('companies.address.line1')}
                        withAsterisk
                        value={address.line1}
                        onChange={(event) => updateAddress(index, { line1: event.currentTarget.value })}
                        error={error(`addresses.${index}.line1`)}
                      />
                      <TextInput
                        label={t('companies.address.line2')}
                        value={address.line2}
                        onChange={(event) => updateAddress(index, { line2: event.currentTarget.value })}
                        error={error(`addresses.${index}.line2`)}
                      />
                    </SimpleGrid>
                    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                      <TextInput
                        label={t('companies.address.postalCode')}
                        withAsterisk
                        value={address.postalCode}
                        onChange={(event) => updateAddress(index, { postalCode: event.currentTarget.value })}
                        error={error(`addresses.${index}.postalCode`)}
                      />
                      <TextInput
                        label={t('companies.address.city')}
                        withAsterisk
                        value={address.city}
                        onChange={(event) => updateAddress(index, { city: event.currentTarget.value })}
                        error={error(`addresses.${index}.city`)}
                      />
                      <Select
                        label={t('companies.address.country')}
                        searchable
                        data={countryOptions}
                        value={address.country}
                        onChange={(value) => value && updateAddress(index, { country: value })}
                        allowDeselect={false}
                        error={error(`addresses.${index}.country`)}
                      />
                    </SimpleGrid>
                  </Stack>
                </Paper>
              ))}
            </SectionCard>

            <SectionCard
              title={t('companies.section.contacts')}
              actions={
                canManage && (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => setValues((v) => ({ ...v, contacts: [...v.contacts, emptyContact()] }))}
                    disabled={values.contacts.length >= 20}
                  >
                    {t('companies.contact.add')}
                  </Button>
                )
              }
            >
              {values.contacts.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('companies.contact.none')}
                </Text>
              )}
              {values.contacts.map((contact, index) => (
                <Paper key={contact.key} withBorder radius="md" p="sm">
                  <Group align="flex-start" gap="xs" wrap="nowrap">
                    <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="xs" style={{ flex: 1 }}>
                      <TextInput
                        label={t('companies.contact.role')}
                        placeholder={t('companies.contact.role.placeholder')}
                        withAsterisk
                        value={contact.role}
                        onChange={(event) => updateContact(index, { role: event.currentTarget.value })}
                        error={error(`contacts.${index}.role`)}
                      />
                      <TextInput
                        label={t('companies.contact.name')}
                        withAsterisk
                        value={contact.name}
                        onChange={(event) => updateContact(index, { name: event.currentTarget.value })}
                        error={error(`contacts.${index}.name`)}
                      />
                      <TextInput
                        label={t('companies.contact.email')}
                        type="email"
                        value={contact.email}
                        onChange={(event) => updateContact(index, { email: event.currentTarget.value })}
                        error={error(`contacts.${index}.email`)}
                      />
                      <TextInput
                        label={t('companies.contact.phone')}
                        type="tel"
                        value={contact.phone}
                        onChange={(event) => updateContact(index, { phone: event.currentTarget.value })}
                        error={error(`contacts.${index}.phone`)}
                      />
                    </SimpleGrid>
                    {canManage && (
                      <Box pt={26}>
                        <RemoveButton label={t('companies.contact.remove')} onClick={() => removeRow('contacts', index)} />
                      </Box>
                    )}
                  </Group>
                </Paper>
              ))}
            </SectionCard>

            <SectionCard title={t('companies.section.brand')} description={t('companies.section.brand.description')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <ColorInput
                  label={t('companies.field.primaryColor')}
                  format="hex"
                  swatches={brandSwatches}
                  placeholder="#0b5c73"
                  value={values.primaryColor}
                  onChange={(value) => {
                    set('primaryColor', value);
                    clear('brandTheme.primaryColor');
                  }}
                  error={error('brandTheme.primaryColor')}
                />
                <ColorInput
                  label={t('companies.field.secondaryColor')}
                  format="hex"
                  swatches={brandSwatches}
                  placeholder="#e8590c"
                  value={values.secondaryColor}
                  onChange={(value) => {
                    set('secondaryColor', value);
                    clear('brandTheme.secondaryColor');
                  }}
                  error={error('brandTheme.secondaryColor')}
                />
              </SimpleGrid>
            </SectionCard>

            {save.isError && (
              <ErrorAlert
                error={save.error}
                placed={['legalName', 'brandName', 'siren', 'siret', 'vatNumber', 'country', 'currency', 'timeZone', 'icsCode', 'addresses', 'contacts', 'brandTheme']}
              />
            )}
            {canManage && (
              <Group justify="flex-end" gap="xs">
                <Button component={Link} to="/app/societes" variant="default">
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={save.isPending}>
                  {t(original ? 'common.save' : 'companies.create')}
                </Button>
              </Group>
            )}
          </Stack>
        </Fieldset>
      </form>
    </Stack>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon variant="subtle" color="red" aria-label={label} onClick={onClick} size="lg">
        <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />
        </svg>
      </ActionIcon>
    </Tooltip>
  );
}
