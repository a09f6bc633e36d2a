import { Alert, Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { describeError } from '../../../errors.ts';
import { useLang, useT } from '../../../i18n/I18nProvider.tsx';
import { journeysApi, type ProspectView } from '../../../journeysApi.ts';
import { formatMoney } from '../../../money.ts';
import { PriceCard } from './PriceCard.tsx';

/** Seed 004 step 3: the recap and « Payer » (a yearly subscription at the provider), or « Activer mon mandat » when it is free. */
export function PaymentStep({ token, view, cancelled }: { token: string; view: ProspectView; cancelled: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const free = view.price?.free ?? false;
  const pay = useMutation({
    mutationFn: () => journeysApi.payment(token),
    onSuccess: (result) => {
      if (result.kind === 'redirect') window.location.assign(result.url);
      else void navigate({ to: '/parcours/p/$token/merci', params: { token } });
    },
  });
  return (
    <Stack gap="lg">
      <Alert color="green" variant="light" title={t('journey.payment.signed.title')}>
        <Text size="sm">{t('journey.payment.signed.body')}</Text>
      </Alert>
      {cancelled && (
        <Alert color="yellow" variant="light">
          {t('journey.payment.cancelled')}
        </Alert>
      )}
      {view.payment?.lastError && !cancelled && (
        <Alert color="red" variant="light" title={t('journey.payment.failed')}>
          {view.payment.lastError}
        </Alert>
      )}
      <PriceCard view={view} />
      {pay.isError && (
        <Alert color="red" variant="light" role="alert">
          {describeError(pay.error, t)}
        </Alert>
      )}
      <Button size="lg" onClick={() => pay.mutate()} loading={pay.isPending}>
        {free ? (view.payment?.freeLabel ?? t('journey.payment.activate')) : t('journey.payment.pay', { amount: formatMoney(view.price?.amount ?? 0, view.price?.currency ?? 'CHF', lang) })}
      </Button>
      {!free && (
        <Text size="xs" c="dimmed" ta="center">
          {t('journey.payment.secure')}
        </Text>
      )}
    </Stack>
  );
}
