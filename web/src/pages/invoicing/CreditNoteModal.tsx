import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { type InvoiceSummary, invoicingApi, invoicingKeys } from '../../invoicingApi.ts';
import { centsToInput, currencySymbol } from '../../money.ts';
import { paymentsKeys, type RefundReason } from '../../paymentsApi.ts';
import { useMoney } from '../payments/paymentsUi.tsx';
import { amountRefusals, RefundReasonSelect } from '../payments/RefundReasonSelect.tsx';
import { parseCreditAmount } from './invoicingForms.ts';

/**
 * Credit an invoice: the amount is typed as a decimal and parsed exactly to minor units, at most what the invoice still
 * holds. Crediting refunds the customer's card; the credit note itself is issued when the payment provider confirms the
 * refund, so the modal says so before anything is sent. The server's refusal lands on the amount field.
 */
export function CreditNoteModal({
  invoice,
  max,
  customerName,
  onClose,
  onRequested,
}: {
  invoice: Pick<InvoiceSummary, 'id' | 'number' | 'currency' | 'orderId'>;
  max: number;
  customerName: string;
  onClose: () => void;
  onRequested: (amount: number) => void;
}) {
  const t = useT();
  const money = useMoney();
  const queryClient = useQueryClient();
  const { currency } = invoice;
  const [text, setText] = useState(centsToInput(max));
  const [reason, setReason] = useState<RefundReason | null>('requested_by_customer');
  const [checked, setChecked] = useState(false);

  const credit = useMutation({
    mutationFn: (amount: number) => invoicingApi.creditNote(invoice.id, { amount, reason: reason ?? undefined }),
    onSuccess: async (_refund, amount) => {
      onRequested(amount);
      await queryClient.invalidateQueries({ queryKey: invoicingKeys.invoices });
      await queryClient.invalidateQueries({ queryKey: paymentsKeys.order(invoice.orderId) });
      onClose();
    },
  });

  const parsed = parseCreditAmount(text, max);
  const clientError = checked && 'error' in parsed ? t(parsed.error, { max: money(max, currency) }) : undefined;
  const serverMessages = amountRefusals(credit.error, (maximum) => t('creditNote.error.max', { max: money(maximum, currency) }));
  const amountError = clientError ?? (serverMessages.length ? serverMessages.join(' ') : undefined);
  const amount = 'amount' in parsed ? parsed.amount : null;

  const confirm = () => {
    setChecked(true);
    if (amount === null) return;
    credit.mutate(amount);
  };

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{t('creditNote.title', { number: invoice.number })}</Text>} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
        noValidate
      >
        <Stack gap="md">
          <Text size="sm">{t('creditNote.max', { max: money(max, currency) })}</Text>
          <TextInput
            label={t('creditNote.amount')}
            description={t('creditNote.amount.description', { max: money(max, currency) })}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setChecked(false);
              credit.reset();
            }}
            rightSection={<Text size="sm">{currencySymbol(currency)}</Text>}
            inputMode="decimal"
            error={amountError}
            data-autofocus
          />
          <RefundReasonSelect label={t('creditNote.reason')} value={reason} onChange={setReason} />
          <Alert color="orange" variant="light" role="status" title={t('creditNote.how.title')}>
            <Text size="sm">
              {amount !== null ? t('creditNote.explanation', { amount: money(amount, currency), customer: customerName }) : t('creditNote.explanation.noAmount', { customer: customerName })}
            </Text>
            <Text size="sm" mt={4}>
              {t('creditNote.followsConfirmation')}
            </Text>
          </Alert>
          {credit.isError && serverMessages.length === 0 && <ErrorAlert error={credit.error} placed={['amount', 'paymentId']} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} disabled={credit.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={credit.isPending}>
              {amount !== null ? t('creditNote.submit.amount', { amount: money(amount, currency) }) : t('creditNote.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
