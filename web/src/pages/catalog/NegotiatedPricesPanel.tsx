import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { catalogApi, catalogKeys, type NegotiatedPrice, negotiatedPricesQuery, type Product } from '../../catalogApi.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { dayInZone, formatDay } from '../../i18n/format.ts';
import { formatMoney } from '../../money.ts';
import { usePermissionFor } from '../../session.ts';
import { NegotiatedPriceModal } from './NegotiatedPriceModal.tsx';
import { type AgreementState, agreementState } from './negotiatedPriceForm.ts';

const stateColors: Record<AgreementState, string> = { upcoming: 'blue', active: 'green', ended: 'gray' };

type Dialog = { kind: 'create' } | { kind: 'edit' | 'end' | 'delete'; price: NegotiatedPrice } | null;

/**
 * Prices agreed with one customer for this product (seed 003 "prix négocié"): listed for
 * whoever reads sales of its company, created, changed and ended by catalog writers.
 */
export function NegotiatedPricesPanel({ product, planCodes, currency, timeZone }: { product: Product; planCodes: { code: string; name: string }[]; currency: string; timeZone: string }) {
  const t = useT();
  const { lang } = useLang();
  const canRead = usePermissionFor('sales.read', product.companyId);
  const canWrite = usePermissionFor('catalog.write', product.companyId);
  const prices = useQuery({ ...negotiatedPricesQuery(product.id), enabled: canRead });
  const [dialog, setDialog] = useState<Dialog>(null);
  if (!canRead) return null;

  const today = dayInZone(new Date().toISOString(), timeZone);
  const day = (iso: string | null) => (iso ? formatDay(dayInZone(iso, timeZone), lang) : '…');
  const planName = (code: string | null) => (code ? (planCodes.find((p) => p.code === code)?.name ?? code) : t('negotiated.allPlans'));
  const items = prices.data?.items ?? [];

  return (
    <Stack gap="sm" component="section" aria-label={t('negotiated.title')}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={3} fz="h5">
            {t('negotiated.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('negotiated.description')}
          </Text>
        </Stack>
        {canWrite && (
          <Button variant="light" onClick={() => setDialog({ kind: 'create' })}>
            {t('negotiated.add')}
          </Button>
        )}
      </Group>
      <QueryTable
        query={prices}
        isEmpty={items.length === 0}
        empty={{ title: t('negotiated.empty'), description: canWrite ? t('negotiated.empty.description') : undefined }}
        minWidth={760}
        head={
          <>
            <Table.Th>{t('negotiated.col.customer')}</Table.Th>
            <Table.Th>{t('negotiated.col.plan')}</Table.Th>
            <Table.Th ta="right">{t('negotiated.col.amount')}</Table.Th>
            <Table.Th>{t('negotiated.col.validity')}</Table.Th>
            <Table.Th>{t('negotiated.col.state')}</Table.Th>
            {canWrite && <Table.Th>{t('common.actions')}</Table.Th>}
          </>
        }
      >
        {items.map((price) => {
          const state = agreementState(price, today, timeZone);
          return (
            <Table.Tr key={price.id} data-customer={price.customerRef}>
              <Table.Td ff="monospace" fz="sm">
                {price.customerRef}
              </Table.Td>
              <Table.Td>{planName(price.planCode)}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatMoney(price.amount, currency, lang)}
              </Table.Td>
              <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }}>
                {day(price.validFrom)} → {day(price.validTo)}
              </Table.Td>
              <Table.Td>
                <Badge color={stateColors[state]} variant="light">
                  {t(`negotiated.state.${state}`)}
                </Badge>
              </Table.Td>
              {canWrite && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => setDialog({ kind: 'edit', price })}>
                      {t('negotiated.edit')}
                    </Button>
                    {state !== 'ended' && (
                      <Button size="xs" variant="subtle" color="orange" onClick={() => setDialog({ kind: 'end', price })}>
                        {t('negotiated.end')}
                      </Button>
                    )}
                    <Button size="xs" variant="subtle" color="red" onClick={() => setDialog({ kind: 'delete', price })}>
                      {t('negotiated.delete')}
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </QueryTable>
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <NegotiatedPriceModal
          productId={product.id}
          price={dialog.kind === 'edit' ? dialog.price : undefined}
          planCodes={planCodes}
          currency={currency}
          timeZone={timeZone}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'end' && <EndAgreementModal price={dialog.price} today={today} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'delete' && <DeleteAgreementModal price={dialog.price} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

/** Ending an agreement is choosing its last day (today by default): quotes after it use the plan's price. */
function EndAgreementModal({ price, today, onClose }: { price: NegotiatedPrice; today: string; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [lastDay, setLastDay] = useState(today);
  const end = useMutation({
    mutationFn: () => catalogApi.updateNegotiatedPrice(price.id, { validTo: lastDay }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.negotiatedPrices(price.productId) });
      onClose();
    },
  });
  const fieldError = fieldErrorsOf(end.error).validTo;
  return (
    <ConfirmModal
      opened
      onClose={onClose}
      title={t('negotiated.end.title')}
      message={t('negotiated.end.message', { customer: price.customerRef })}
      confirmLabel={t('negotiated.end.confirm')}
      color="orange"
      onConfirm={() => end.mutate()}
      loading={end.isPending}
      error={fieldError ? undefined : end.error}
    >
      <TextInput type="date" label={t('negotiated.field.validTo')} value={lastDay} onChange={(e) => setLastDay(e.currentTarget.value)} required error={errorMessages(fieldError)} />
    </ConfirmModal>
  );
}

function DeleteAgreementModal({ price, onClose }: { price: NegotiatedPrice; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => catalogApi.deleteNegotiatedPrice(price.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.negotiatedPrices(price.productId) });
      onClose();
    },
  });
  return (
    <ConfirmModal
      opened
      onClose={onClose}
      title={t('negotiated.delete.title')}
      message={t('negotiated.delete.message', { customer: price.customerRef })}
      confirmLabel={t('negotiated.delete.confirm')}
      onConfirm={() => remove.mutate()}
      loading={remove.isPending}
      error={remove.error}
    />
  );
}
