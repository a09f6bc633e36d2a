import { Badge, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { paymentsApi, paymentsKeys, sandboxClockQuery } from '../../paymentsApi.ts';
import { usePermission } from '../../session.ts';

/** Days typed as « 30 », « 0,5 », « 365 » → a number the sandbox accepts (0.01 to 3660), else null. */
export function parseDays(text: string): number | null {
  const match = /^(\d{1,4})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const days = Number(`${match[1]}.${match[2] ?? '0'}`);
  return days >= 0.01 && days <= 3660 ? days : null;
}

/**
 * The sandbox provider's clock, per workspace: moving it forward makes renewals, failed renewals, retries and
 * expiries happen now. Shown only while the sandbox is the provider: with Stripe, the clock answers 404.
 */
export function SandboxPanel() {
  const t = useT();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const canOperate = usePermission('payments.refund');
  const clock = useQuery({ ...sandboxClockQuery, enabled: canOperate, retry: false });
  const [days, setDays] = useState('30');
  const [checked, setChecked] = useState(false);
  const advance = useMutation({
    mutationFn: (n: number) => paymentsApi.advanceSandboxClock(n),
    onSuccess: async (result) => {
      queryClient.setQueryData(paymentsKeys.sandboxClock, result);
      notifications.show({ color: 'green', message: t('sandbox.clock.advanced', { count: result.eventsEmitted }) });
      await queryClient.invalidateQueries({ queryKey: ['payments', 'payments'] });
      await queryClient.invalidateQueries({ queryKey: paymentsKeys.webhooks });
      await queryClient.invalidateQueries({ queryKey: ['sales', 'orders'] });
    },
  });
  // Stripe configured (404), or not allowed (403): the panel has nothing to offer.
  if (!canOperate || !clock.data) return null;
  const parsed = parseDays(days);
  const submit = () => {
    setChecked(true);
    if (parsed !== null) advance.mutate(parsed);
  };

  return (
    <Paper withBorder radius="lg" p="md" bg="yellow.0" component="section" aria-label={t('sandbox.clock.title')}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="xs">
            <Badge color="yellow" variant="filled">
              {t('sandbox.badge')}
            </Badge>
            <Text fw={600} size="sm">
              {t('sandbox.clock.title')}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {t('sandbox.clock.now', { now: formatDateTime(clock.data.now, lang), offset: formatNumber(clock.data.offsetDays, lang) })}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {t('sandbox.clock.description')}
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          noValidate
        >
          <Group gap="xs" align="flex-start">
            <TextInput
              aria-label={t('sandbox.clock.days')}
              value={days}
              onChange={(e) => setDays(e.currentTarget.value)}
              inputMode="decimal"
              w={120}
              rightSection={<Text size="xs">{t('sandbox.clock.daysUnit')}</Text>}
              rightSectionWidth={50}
              error={checked && parsed === null ? t('sandbox.clock.error') : undefined}
            />
            <Button type="submit" variant="light" color="yellow" loading={advance.isPending}>
              {t('sandbox.clock.advance')}
            </Button>
          </Group>
        </form>
        {advance.isError && <ErrorAlert error={advance.error} />}
      </Stack>
    </Paper>
  );
}
