import { Button, Group, Modal, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { currencySymbol } from '../../money.ts';
import { type FeePlan, type Merchant, paymentsApi, paymentsKeys } from '../../paymentsApi.ts';
import { defaultFeePlan, type FeePlanField, type FeePlanForm, feePlanFromForm, feePlanToForm } from './paymentForms.ts';

/** The API's field names for each input, so its refusals land on the right one. */
const serverFields: Record<FeePlanField | 'companyId', string> = {
  commission: 'commissionBp',
  providerFee: 'providerFeeBp',
  providerFeeFixed: 'providerFeeFixed',
  payoutDelayDays: 'payoutDelayDays',
  companyId: 'companyId',
};

/** Edits a merchant's fee plan, or makes a company a merchant (then `merchant` is absent and a company is chosen). */
export function FeePlanModal({
  merchant,
  companies,
  currency,
  onClose,
}: {
  merchant?: Merchant;
  /** Companies that may become merchants (creation only). */
  companies?: { value: string; label: string }[];
  currency: string;
  onClose: () => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<FeePlanForm>(() => feePlanToForm(merchant ?? defaultFeePlan));
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const save = useMutation({
    mutationFn: (plan: FeePlan) => (merchant ? paymentsApi.updateMerchant(merchant.id, plan) : paymentsApi.createMerchant({ ...plan, companyId: companyId! })),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: paymentsKeys.merchants });
      if (merchant) await queryClient.invalidateQueries({ queryKey: paymentsKeys.merchantStatement(saved.id) });
      onClose();
    },
  });
  const result = feePlanFromForm(form);
  const clientErrors = checked && 'errors' in result ? result.errors : {};
  const serverErrors = fieldErrorsOf(save.error);
  const errorOf = (field: FeePlanField | 'companyId') => {
    const own = field === 'companyId' ? (checked && !merchant && !companyId ? 'merchants.error.company' : undefined) : clientErrors[field];
    return own ? t(own) : errorMessages(serverErrors[serverFields[field]]);
  };
  const set = (patch: Partial<FeePlanForm>) => setForm((f) => ({ ...f, ...patch }));
  const submit = () => {
    setChecked(true);
    if (!('plan' in result) || (!merchant && !companyId)) return;
    save.mutate(result.plan);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={<Text fw={600}>{merchant ? t('merchants.feePlan.title', { name: merchant.companyName }) : t('merchants.new.title')}</Text>}
      centered
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack gap="md">
          {!merchant && (
            <Select
              label={t('merchants.company')}
              description={t('merchants.company.description')}
              data={companies ?? []}
              value={companyId}
              onChange={setCompanyId}
              required
              searchable
              error={errorOf('companyId')}
              data-autofocus
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('merchants.commission')}
              description={t('merchants.commission.description')}
              value={form.commission}
              onChange={(e) => set({ commission: e.currentTarget.value })}
              inputMode="decimal"
              rightSection={<Text size="xs">%</Text>}
              error={errorOf('commission')}
            />
            <TextInput
              label={t('merchants.payoutDelay')}
              description={t('merchants.payoutDelay.description')}
              value={form.payoutDelayDays}
              onChange={(e) => set({ payoutDelayDays: e.currentTarget.value })}
              inputMode="numeric"
              rightSection={<Text size="xs">{t('sandbox.clock.daysUnit')}</Text>}
              rightSectionWidth={50}
              error={errorOf('payoutDelayDays')}
            />
            <TextInput
              label={t('merchants.providerFee')}
              value={form.providerFee}
              onChange={(e) => set({ providerFee: e.currentTarget.value })}
              inputMode="decimal"
              rightSection={<Text size="xs">%</Text>}
              error={errorOf('providerFee')}
            />
            <TextInput
              label={t('merchants.providerFeeFixed')}
              value={form.providerFeeFixed}
              onChange={(e) => set({ providerFeeFixed: e.currentTarget.value })}
              inputMode="decimal"
              rightSection={<Text size="xs">{currencySymbol(currency)}</Text>}
              rightSectionWidth={currency === 'EUR' ? undefined : 44}
              error={errorOf('providerFeeFixed')}
            />
          </SimpleGrid>
          <Switch
            label={t('merchants.refundReversesMerchantShare')}
            checked={form.refundReversesMerchantShare}
            onChange={(e) => set({ refundReversesMerchantShare: e.currentTarget.checked })}
          />
          <Switch label={t('merchants.refundReturnsCommission')} checked={form.refundReturnsCommission} onChange={(e) => set({ refundReturnsCommission: e.currentTarget.checked })} />
          {save.isError && <ErrorAlert error={save.error} placed={Object.values(serverFields)} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {merchant ? t('common.save') : t('merchants.new.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
