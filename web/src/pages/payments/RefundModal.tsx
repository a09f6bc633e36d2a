import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { centsToInput, currencySymbol } from '../../money.ts';
import { type OrderDetail, paymentsApi, paymentsKeys, type RefundReason } from '../../paymentsApi.ts';
import { parseRefundAmount } from './paymentForms.ts';
import { useMoney } from './paymentsUi.tsx';
import { amountRefusals, RefundReasonSelect } from './RefundReasonSelect.tsx';

/**
 * Refund an order in full or in part. The amount is typed as a decimal and parsed exactly to minor units; the
 * modal says what will happen before it is confirmed, and the server's refusal lands on the amount field.
 */
export function RefundModal({ detail, target, onClose }: { detail: OrderDetail; target: { paymentId: string; max: number }; onClose: () => void }) {
  const t = useT();
  const money = useMoney();
  const queryClient = useQueryClient();
  const { currency } = detail.order;
  const [mode, setMode] = useState<'full' | 'partial'>('full');
  const [text, setText] = useState(centsToInput(target.max));
  const [reason, setReason] = useState<RefundReason | null>('requested_by_customer');
  const [checked, setChecked] = useState(false);

  const refund = useMutation({
    mutationFn: (amount: number) => paymentsApi.refund(detail.order.id, { amount, reason: reason ?? undefined, paymentId: target.paymentId }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: paymentsKeys.order(detail.order.id) });
      await queryClient.invalidateQueries({ queryKey: paymentsKeys.orders });
      onClose();
    },
  });

  const parsed = mode === 'full' ? ({ amount: target.max } as const) : parseRefundAmount(text, target.max);
  const clientError = checked && 'error' in parsed ? t(parsed.error, { max: money(target.max, currency) }) : undefined;
  const serverMessages = amountRefusals(refund.error, (maximum) => t('refund.error.max', { max: money(maximum, currency) }));
  const amountError = clientError ?? (serverMessages.length ? serverMessages.join(' ') : undefined);
  const amount = 'amount' in parsed ? parsed.amount : null;

  const confirm = () => {
    setChecked(true);
    if (amount === null) return;
    refund.mutate(amount);
  };

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{t('refund.title', { number: detail.order.number })}</Text>} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
        noValidate
      >
        <Stack gap="md">
          <Text size="sm">{t('refund.max', { max: money(target.max, currency) })}</Text>
          <SegmentedControl
            value={mode}
            onChange={(value) => {
              setMode(value as 'full' | 'partial');
              setChecked(false);
              refund.reset();
            }}
            data={[
              { value: 'full', label: t('refund.full') },
              { value: 'partial', label: t('refund.partial') },
            ]}
          />
          {mode === 'partial' && (
            <TextInput
              label={t('refund.amount')}
              description={t('refund.amount.description', { max: money(target.max, currency) })}
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                refund.reset();
              }}
              inputMode="decimal"
              required
              error={amountError}
              rightSection={<Text size="xs">{currencySymbol(currency)}</Text>}
              rightSectionWidth={currency === 'EUR' ? undefined : 44}
              data-autofocus
            />
          )}
          {mode === 'full' && amountError && (
            <Text size="sm" c="red">
              {amountError}
            </Text>
          )}
          <RefundReasonSelect label={t('refund.reason')} value={reason} onChange={setReason} />
          {amount !== null && (
            <Alert color="orange" variant="light" role="status">
              <Text size="sm">{t('refund.confirmation', { amount: money(amount, currency), customer: detail.customer.name })}</Text>
              {amount < target.max && (
                <Text size="xs" c="dimmed" mt={4}>
                  {t('refund.remaining', { amount: money(target.max - amount, currency) })}
                </Text>
              )}
            </Alert>
          )}
          {refund.isError && serverMessages.length === 0 && <ErrorAlert error={refund.error} placed={['amount', 'paymentId']} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} disabled={refund.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={refund.isPending}>
              {amount !== null ? t('refund.submit.amount', { amount: money(amount, currency) }) : t('refund.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
