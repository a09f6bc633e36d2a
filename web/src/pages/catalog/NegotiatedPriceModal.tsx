import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { catalogApi, catalogKeys, type NegotiatedPrice } from '../../catalogApi.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { currencySymbol } from '../../money.ts';
import {
  emptyNegotiatedPriceForm,
  type NegotiatedPriceField,
  type NegotiatedPriceForm,
  negotiatedPriceFormErrors,
  negotiatedPriceFormToInput,
  negotiatedPriceToForm,
} from './negotiatedPriceForm.ts';

const ALL_PLANS = '*';
const fields: NegotiatedPriceField[] = ['customerRef', 'planCode', 'amount', 'validFrom', 'validTo'];

/** Creates a negotiated price, or edits `price`; every refusal is shown on its field. */
export function NegotiatedPriceModal({
  productId,
  price,
  planCodes,
  currency,
  timeZone,
  onClose,
}: {
  productId: string;
  /** The agreement to edit; absent to create one. */
  price?: NegotiatedPrice;
  planCodes: { code: string; name: string }[];
  currency: string;
  timeZone: string;
  onClose: () => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<NegotiatedPriceForm>(() => (price ? negotiatedPriceToForm(price, timeZone) : emptyNegotiatedPriceForm()));
  const [checked, setChecked] = useState(false);
  const save = useMutation({
    mutationFn: (input: ReturnType<typeof negotiatedPriceFormToInput>) => (price ? catalogApi.updateNegotiatedPrice(price.id, input) : catalogApi.createNegotiatedPrice(productId, input)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.negotiatedPrices(productId) });
      onClose();
    },
  });
  const clientErrors = checked ? negotiatedPriceFormErrors(form) : {};
  const serverErrors = fieldErrorsOf(save.error);
  const errorOf = (field: NegotiatedPriceField) => {
    const own = clientErrors[field];
    return own ? t(own) : errorMessages(serverErrors[field]);
  };
  const set = (patch: Partial<NegotiatedPriceForm>) => setForm((f) => ({ ...f, ...patch }));
  const submit = () => {
    setChecked(true);
    if (Object.keys(negotiatedPriceFormErrors(form)).length > 0) return;
    save.mutate(negotiatedPriceFormToInput(form));
  };
  const options = [{ value: ALL_PLANS, label: t('negotiated.allPlans') }, ...planCodes.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))];
  if (form.planCode && !planCodes.some((p) => p.code === form.planCode)) options.push({ value: form.planCode, label: form.planCode });

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{price ? t('negotiated.modal.edit') : t('negotiated.modal.create')}</Text>} centered size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack gap="md">
          <TextInput
            label={t('negotiated.field.customerRef')}
            description={t('negotiated.field.customerRef.description')}
            value={form.customerRef}
            onChange={(e) => set({ customerRef: e.currentTarget.value })}
            required
            error={errorOf('customerRef')}
            data-autofocus
          />
          <Group grow align="flex-start">
            <Select label={t('negotiated.field.planCode')} data={options} value={form.planCode ?? ALL_PLANS} onChange={(v) => set({ planCode: v === ALL_PLANS ? null : v })} allowDeselect={false} error={errorOf('planCode')} />
            <TextInput
              label={t('negotiated.field.amount')}
              description={t('negotiated.field.amount.description')}
              value={form.amount}
              onChange={(e) => set({ amount: e.currentTarget.value })}
              inputMode="decimal"
              required
              error={errorOf('amount')}
              rightSection={<Text size="xs">{currencySymbol(currency)}</Text>}
              rightSectionWidth={currency === 'EUR' ? undefined : 44}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput type="date" label={t('negotiated.field.validFrom')} description={t('negotiated.field.validity.description')} value={form.validFrom} onChange={(e) => set({ validFrom: e.currentTarget.value })} error={errorOf('validFrom')} />
            <TextInput type="date" label={t('negotiated.field.validTo')} description={t('negotiated.field.validity.description')} value={form.validTo} onChange={(e) => set({ validTo: e.currentTarget.value })} error={errorOf('validTo')} />
          </Group>
          {save.isError && <ErrorAlert error={save.error} placed={fields} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
