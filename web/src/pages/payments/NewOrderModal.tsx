import { Alert, Autocomplete, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { productsQuery } from '../../catalogApi.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { companiesQuery } from '../../identityApi.ts';
import { type CreateOrderInput, type OrderDetail, orderQuery, paymentsApi, paymentsKeys } from '../../paymentsApi.ts';
import { companyName, usePermission } from '../../session.ts';
import { type AttributeRow, attributesFromRows, customerPageUrl } from './paymentForms.ts';
import { CopyLinkButton, OrderStatusBadge, useMoney } from './paymentsUi.tsx';

interface Form {
  kind: 'person' | 'company';
  name: string;
  email: string;
  phone: string;
  country: string;
  language: 'fr' | 'en';
  siren: string;
  sku: string;
  plan: string;
  quantity: string;
  attributes: AttributeRow[];
  merchantCompanyId: string | null;
}

type Field = 'name' | 'email' | 'siren' | 'sku' | 'quantity';

const emptyForm = (): Form => ({
  kind: 'person',
  name: '',
  email: '',
  phone: '',
  country: 'FR',
  language: 'fr',
  siren: '',
  sku: '',
  plan: '',
  quantity: '1',
  attributes: [],
  merchantCompanyId: null,
});

function formErrors(form: Form): Partial<Record<Field, MessageKey>> {
  const errors: Partial<Record<Field, MessageKey>> = {};
  if (!form.name.trim()) errors.name = 'orderForm.error.required';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())) errors.email = 'orderForm.error.email';
  if (form.kind === 'company' && form.siren.trim() && !/^\d{9}$/.test(form.siren.replace(/\s/g, ''))) errors.siren = 'orderForm.error.siren';
  if (!form.sku.trim()) errors.sku = 'orderForm.error.required';
  if (!/^\d{1,6}$/.test(form.quantity.trim()) || Number(form.quantity) < 1) errors.quantity = 'orderForm.error.quantity';
  return errors;
}

function toInput(form: Form): CreateOrderInput {
  return {
    customer: {
      kind: form.kind,
      name: form.name.trim(),
      email: form.email.trim(),
      phone: form.phone.trim() || null,
      country: form.country,
      language: form.language,
      siren: form.kind === 'company' && form.siren.trim() ? form.siren.replace(/\s/g, '') : null,
    },
    quote: {
      sku: form.sku.trim(),
      plan: form.plan.trim() || undefined,
      quantity: Number(form.quantity),
      attributes: attributesFromRows(form.attributes),
    },
    merchantCompanyId: form.merchantCompanyId,
  };
}

/** Where the server names each field: the order's own body, or the quote's (which speaks of `sku`, `plan`, `attributes`). */
const serverPaths: Record<string, string[]> = {
  name: ['customer.name'],
  email: ['customer.email'],
  siren: ['customer.siren'],
  phone: ['customer.phone'],
  sku: ['quote.sku', 'sku', 'productId', 'quote.productId'],
  plan: ['quote.plan', 'plan'],
  quantity: ['quote.quantity', 'quantity'],
  merchantCompanyId: ['merchantCompanyId'],
};

/** "New order": the customer and the product as quoted; once created, the link to send the customer. */
export function NewOrderModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const money = useMoney();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const canReadCatalog = usePermission('catalog.read');
  const canReadCompanies = usePermission('companies.read');
  const products = useQuery({ ...productsQuery({ status: 'active', limit: 200 }), enabled: canReadCatalog });
  const companies = useQuery({ ...companiesQuery, enabled: canReadCompanies });
  const [form, setForm] = useState<Form>(emptyForm);
  const [checked, setChecked] = useState(false);
  const [created, setCreated] = useState<OrderDetail | null>(null);

  const create = useMutation({
    mutationFn: async (input: CreateOrderInput) => {
      const order = await paymentsApi.createOrder(input);
      return queryClient.fetchQuery(orderQuery(order.id));
    },
    onSuccess: async (detail) => {
      setCreated(detail);
      await queryClient.invalidateQueries({ queryKey: paymentsKeys.orders });
    },
  });

  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const clientErrors = checked ? formErrors(form) : {};
  const serverErrors = fieldErrorsOf(create.error);
  const serverOf = (field: string) => (serverPaths[field] ?? [field]).flatMap((path) => Object.entries(serverErrors).filter(([p]) => p === path || p.startsWith(`${path}.`)).flatMap(([, m]) => m));
  const errorOf = (field: string) => {
    const own = clientErrors[field as Field];
    return own ? t(own) : errorMessages(serverOf(field));
  };
  const submit = () => {
    setChecked(true);
    if (Object.keys(formErrors(form)).length > 0) return;
    create.mutate(toInput(form));
  };

  // Attribute errors are shown on their row when that attribute was typed; the others are listed in the alert.
  const typedKeys = form.attributes.map((row) => row.key.trim()).filter(Boolean);
  const placed = [...Object.values(serverPaths).flat(), ...typedKeys.flatMap((key) => [`attributes.${key}`, `quote.attributes.${key}`])];
  const skuOptions = [...new Set((products.data?.items ?? []).map((p) => p.sku))];
  const companyOptions = (companies.data?.items ?? []).map((c) => ({ value: c.id, label: companyName(c) }));

  if (created) {
    const link = customerPageUrl(window.location.origin, created.order.publicToken);
    return (
      <Modal opened onClose={onClose} title={<Text fw={600}>{t('orderForm.created.title')}</Text>} centered size="lg">
        <Stack gap="md">
          <Alert color="green" variant="light" title={t('orderForm.created.heading', { number: created.order.number })}>
            <Group gap="xs">
              <OrderStatusBadge status={created.order.status} />
              <Text size="sm">
                {money(created.order.totalInclTax, created.order.currency)} — {created.customer.name}
              </Text>
            </Group>
          </Alert>
          <TextInput
            label={t('orderForm.created.link')}
            description={t('orderForm.created.link.description')}
            value={link}
            readOnly
            data-testid="customer-link"
            rightSection={<CopyLinkButton value={link} />}
            rightSectionWidth={84}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" component="a" href={link} target="_blank" rel="noopener">
              {t('orderForm.created.openLink')}
            </Button>
            <Button
              onClick={() => {
                onClose();
                void navigate({ to: '/app/commandes/$orderId', params: { orderId: created.order.id } });
              }}
            >
              {t('orderForm.created.openOrder')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  const setAttribute = (index: number, patch: Partial<AttributeRow>) => set({ attributes: form.attributes.map((row, i) => (i === index ? { ...row, ...patch } : row)) });

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{t('orderForm.title')}</Text>} centered size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack gap="md">
          <Text size="sm" fw={600}>
            {t('orderForm.customer')}
          </Text>
          <SegmentedControl
            value={form.kind}
            onChange={(value) => set({ kind: value as Form['kind'] })}
            data={[
              { value: 'person', label: t('orderForm.kind.person') },
              { value: 'company', label: t('orderForm.kind.company') },
            ]}
          />
          <Group grow align="flex-start">
            <TextInput label={t('orderForm.name')} value={form.name} onChange={(e) => set({ name: e.currentTarget.value })} required error={errorOf('name')} data-autofocus />
            <TextInput label={t('orderForm.email')} type="email" value={form.email} onChange={(e) => set({ email: e.currentTarget.value })} required error={errorOf('email')} />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t('orderForm.phone')} value={form.phone} onChange={(e) => set({ phone: e.currentTarget.value })} error={errorOf('phone')} />
            <Select
              label={t('orderForm.country')}
              data={[
                { value: 'FR', label: t('orderForm.country.FR') },
                { value: 'CH', label: t('orderForm.country.CH') },
              ]}
              value={form.country}
              onChange={(value) => value && set({ country: value })}
              allowDeselect={false}
            />
            <Select
              label={t('orderForm.language')}
              data={[
                { value: 'fr', label: t('lang.fr.full') },
                { value: 'en', label: t('lang.en.full') },
              ]}
              value={form.language}
              onChange={(value) => value && set({ language: value as Form['language'] })}
              allowDeselect={false}
            />
          </Group>
          {form.kind === 'company' && (
            <TextInput label={t('orderForm.siren')} value={form.siren} onChange={(e) => set({ siren: e.currentTarget.value })} error={errorOf('siren')} inputMode="numeric" />
          )}

          <Text size="sm" fw={600} mt="xs">
            {t('orderForm.product')}
          </Text>
          <Group grow align="flex-start">
            <Autocomplete
              label={t('orderForm.sku')}
              description={t('orderForm.sku.description')}
              data={skuOptions}
              value={form.sku}
              onChange={(value) => set({ sku: value })}
              required
              error={errorOf('sku')}
            />
            <TextInput label={t('orderForm.plan')} description={t('orderForm.plan.description')} value={form.plan} onChange={(e) => set({ plan: e.currentTarget.value })} error={errorOf('plan')} />
            <TextInput label={t('orderForm.quantity')} value={form.quantity} onChange={(e) => set({ quantity: e.currentTarget.value })} inputMode="numeric" error={errorOf('quantity')} />
          </Group>
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t('orderForm.attributes')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('orderForm.attributes.description')}
            </Text>
            {form.attributes.map((row, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own while typed
              <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
                <TextInput aria-label={t('orderForm.attribute.key')} placeholder={t('orderForm.attribute.key')} value={row.key} onChange={(e) => setAttribute(index, { key: e.currentTarget.value })} style={{ flex: 1 }} />
                <TextInput
                  aria-label={t('orderForm.attribute.value')}
                  placeholder={t('orderForm.attribute.value')}
                  value={row.value}
                  onChange={(e) => setAttribute(index, { value: e.currentTarget.value })}
                  style={{ flex: 1 }}
                  error={errorMessages([...serverOf(`attributes.${row.key.trim()}`), ...serverOf(`quote.attributes.${row.key.trim()}`)])}
                />
                <Button variant="subtle" color="red" onClick={() => set({ attributes: form.attributes.filter((_, i) => i !== index) })}>
                  {t('orderForm.attribute.remove')}
                </Button>
              </Group>
            ))}
            <Group>
              <Button variant="light" size="xs" onClick={() => set({ attributes: [...form.attributes, { key: '', value: '' }] })}>
                {t('orderForm.attribute.add')}
              </Button>
            </Group>
          </Stack>
          {companyOptions.length > 0 && (
            <Select
              label={t('orderForm.merchant')}
              description={t('orderForm.merchant.description')}
              data={companyOptions}
              value={form.merchantCompanyId}
              onChange={(value) => set({ merchantCompanyId: value })}
              clearable
              error={errorOf('merchantCompanyId')}
            />
          )}
          {create.isError && <ErrorAlert error={create.error} placed={placed} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} disabled={create.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('orderForm.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
