import { Alert, Anchor, Button, Group, List, Loader, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { useLang, useT } from '../../../i18n/I18nProvider.tsx';
import { formatDate } from '../../../i18n/format.ts';
import { prospectQuery } from '../../../journeysApi.ts';
import { formatMoney } from '../../../money.ts';
import { JourneyPending, JourneyShell } from './JourneyShell.tsx';

const WAIT_MS = 120_000;

/**
 * /parcours/p/:token/merci — seed 004 "Page de Confirmation": waits for the payment's confirmation (the provider's
 * webhook activates the mandate moments later), then the recap, the e-mail sent, next steps, actions and contact.
 */
export function ThankYouPage({ token }: { token: string }) {
  const t = useT();
  const { lang } = useLang();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  const view = useQuery({ ...prospectQuery(token), refetchInterval: (query) => (query.state.data?.activation || slow ? false : 1500) });
  usePageTitle(t('journey.thanks.title'));
  if (!view.data) return <JourneyPending query={view} />;
  const data = view.data;
  const activation = data.activation;
  if (!activation) {
    return (
      <JourneyShell brand={data.brand.name} tagline={data.brand.tagline} active={3}>
        {slow ? (
          <Alert color="yellow" variant="light" title={t('journey.thanks.slow.title')}>
            {t('journey.thanks.slow.body')}
          </Alert>
        ) : (
          <Alert color="blue" variant="light" title={t('journey.thanks.waiting.title')} icon={<Loader size="xs" />} role="status">
            {t('journey.thanks.waiting.body')}
          </Alert>
        )}
      </JourneyShell>
    );
  }
  return (
    <JourneyShell brand={data.brand.name} tagline={data.brand.tagline} active={4}>
      <Stack gap="lg">
        <Group wrap="nowrap" align="center">
          <ThemeIcon color="green" size={44} radius="xl" aria-hidden>
            ✓
          </ThemeIcon>
          <div>
            <Title order={2} fz="h3">
              {t('journey.thanks.heading')}
            </Title>
            <Text c="dimmed" size="sm">
              {data.statusLabel}
            </Text>
          </div>
        </Group>
        <Paper withBorder radius="md" p="md">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Recap label={t('journey.thanks.mandate')} value={activation.mandateNumber} testId="mandate-number" />
            <Recap label={t('journey.thanks.start')} value={formatDate(activation.startDate, lang)} />
            <Recap label={t('journey.thanks.price')} value={activation.annualPrice === 0 ? t('journey.price.free') : t('journey.price.yearly', { amount: formatMoney(activation.annualPrice, activation.currency, lang) })} />
            <Recap label={t('journey.thanks.status')} value={t('journey.thanks.active')} />
          </SimpleGrid>
        </Paper>
        {activation.email && <Text size="sm">{t('journey.thanks.mail', { email: activation.email })}</Text>}
        <Stack gap={4}>
          <Title order={3} fz="h5">
            {t('journey.thanks.next')}
          </Title>
          <List size="sm" spacing={4}>
            {activation.nextSteps.map((step) => (
              <List.Item key={step}>{step}</List.Item>
            ))}
          </List>
        </Stack>
        <Group>
          {activation.clientAreaUrl && (
            <Button component="a" href={activation.clientAreaUrl} variant="light">
              {t('journey.thanks.clientArea')}
            </Button>
          )}
          <Button component="a" href={`/api/public/prospects/${encodeURIComponent(token)}/mandate.pdf`} variant="default">
            {t('journey.thanks.download')}
          </Button>
        </Group>
        {(activation.contact.phone || activation.contact.email) && (
          <Text size="sm" c="dimmed">
            {t('journey.thanks.contact')} {activation.contact.phone}
            {activation.contact.phone && activation.contact.email ? ' · ' : ''}
            {activation.contact.email && <Anchor href={`mailto:${activation.contact.email}`}>{activation.contact.email}</Anchor>}
          </Text>
        )}
      </Stack>
    </JourneyShell>
  );
}

function Recap({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}
