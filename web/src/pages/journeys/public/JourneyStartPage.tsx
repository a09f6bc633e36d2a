import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { describeError } from '../../../errors.ts';
import { useT } from '../../../i18n/I18nProvider.tsx';
import { journeysApi, publicJourneyQuery } from '../../../journeysApi.ts';
import { JourneyPending, JourneyShell } from './JourneyShell.tsx';

/** /parcours/:workspace/:journey — the public start page; « Commencer » creates the prospect's personal link. */
export function JourneyStartPage({ workspace, journey, source }: { workspace: string; journey: string; source: string | null }) {
  const t = useT();
  const navigate = useNavigate();
  const info = useQuery(publicJourneyQuery(workspace, journey));
  usePageTitle(info.data?.name ?? t('journey.title'));
  const start = useMutation({
    mutationFn: () => journeysApi.start(workspace, journey, source),
    onSuccess: (result) => navigate({ to: '/parcours/p/$token', params: { token: result.token } }),
  });
  if (!info.data) return <JourneyPending query={info} />;
  return (
    <JourneyShell brand={info.data.brand.name} tagline={info.data.brand.tagline} active={null}>
      <Stack gap="md">
        <Text fw={600} size="lg">
          {info.data.name}
        </Text>
        <Text>{t('journey.start.intro')}</Text>
        <List spacing="xs">
          <List.Item>{t('journey.start.step1')}</List.Item>
          <List.Item>{t('journey.start.step2')}</List.Item>
          <List.Item>{t('journey.start.step3')}</List.Item>
          <List.Item>{t('journey.start.step4')}</List.Item>
        </List>
        <Text size="sm" c="dimmed">
          {t('journey.start.resume')}
        </Text>
        {start.isError && (
          <Alert color="red" variant="light">
            {describeError(start.error, t)}
          </Alert>
        )}
        <Button size="lg" onClick={() => start.mutate()} loading={start.isPending}>
          {t('journey.start.cta')}
        </Button>
      </Stack>
    </JourneyShell>
  );
}
