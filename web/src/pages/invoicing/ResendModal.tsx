import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { type InvoiceSummary, invoicingApi, invoicingKeys } from '../../invoicingApi.ts';

/** Email a document again, with its PDF attached: to the customer, or to another address typed here. Asks first. */
export function ResendModal({ invoice, customerEmail, onClose }: { invoice: Pick<InvoiceSummary, 'id' | 'number' | 'kind'>; customerEmail: string | null; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [to, setTo] = useState('');
  const resend = useMutation({
    mutationFn: () => invoicingApi.resend(invoice.id, to.trim() || undefined),
    onSuccess: async (sent) => {
      notifications.show({ color: 'teal', message: t('resend.done', { number: invoice.number, to: sent.sentTo ?? to.trim() }) });
      await queryClient.invalidateQueries({ queryKey: invoicingKeys.invoices });
      onClose();
    },
  });
  const toError = fieldErrorsOf(resend.error).to;
  const recipient = to.trim() || customerEmail;

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{t('resend.title', { number: invoice.number })}</Text>} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          resend.mutate();
        }}
        noValidate
      >
        <Stack gap="md">
          <Text size="sm">{t(invoice.kind === 'credit_note' ? 'resend.message.credit_note' : 'resend.message.invoice')}</Text>
          <TextInput
            type="email"
            label={t('resend.to')}
            description={customerEmail ? t('resend.to.description', { email: customerEmail }) : t('resend.to.description.noEmail')}
            placeholder={customerEmail ?? t('resend.to.placeholder')}
            value={to}
            onChange={(e) => {
              setTo(e.currentTarget.value);
              resend.reset();
            }}
            error={errorMessages(toError)}
            data-autofocus
          />
          {recipient && <Text size="sm">{t('resend.confirm', { number: invoice.number, to: recipient })}</Text>}
          {resend.isError && !toError?.length && <ErrorAlert error={resend.error} placed={['to']} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} disabled={resend.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={resend.isPending}>
              {t('resend.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
