import { Alert, Box, Center, Container, Group, Loader, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { describeError } from '../../../errors.ts';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../../components/LanguageSwitch.tsx';
import { useT } from '../../../i18n/I18nProvider.tsx';

const STEP_ORDER = ['questionnaire', 'signature', 'payment', 'activation'] as const;

/** Which stepper step a page shows: questionnaire (0) → signature (1) → payment (2) → activation (3). */
export function stepIndex(step: string): number {
  if (step === 'done' || step === 'ended') return 3;
  return Math.max(0, STEP_ORDER.indexOf(step as (typeof STEP_ORDER)[number]));
}

/**
 * The frame of every prospect page: the company's brand, the four stages of seed 004 and one column of content —
 * mobile first (the questionnaire is mostly filled on a phone).
 */
export function JourneyShell({ brand, tagline, active, children }: { brand: string; tagline?: string; active: number | null; children: ReactNode }) {
  const t = useT();
  return (
    <Box mih="100vh" style={{ background: 'linear-gradient(170deg, var(--mantine-color-petrole-1) 0%, var(--mantine-color-gray-0) 45%)' }}>
      <Container size={720} px={{ base: 'sm', sm: 'md' }} py={{ base: 'md', sm: 'xl' }}>
        <Stack gap="lg">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Title order={1} fz={{ base: 'h3', sm: 'h2' }}>
                {brand}
              </Title>
              {tagline && (
                <Text c="dimmed" size="sm">
                  {tagline}
                </Text>
              )}
            </div>
            <LanguageSwitch />
          </Group>
          {active !== null && (
            <Stepper active={active} size="sm" allowNextStepsSelect={false} aria-label={t('journey.steps.label')}>
              <Stepper.Step label={t('journey.steps.questionnaire')} />
              <Stepper.Step label={t('journey.steps.signature')} />
              <Stepper.Step label={t('journey.steps.payment')} />
              <Stepper.Step label={t('journey.steps.activation')} />
            </Stepper>
          )}
          <Paper withBorder shadow="sm" radius="lg" p={{ base: 'md', sm: 'xl' }}>
            {children}
          </Paper>
        </Stack>
      </Container>
    </Box>
  );
}

/** The page before its data: a loader, or the problem (an unknown or expired link) in the same frame. */
export function JourneyPending({ query }: { query: { isPending: boolean; isError: boolean; error: unknown } }) {
  const t = useT();
  return (
    <JourneyShell brand={t('journey.title')} active={null}>
      {query.isError ? (
        <Alert color="red" variant="light" title={t('journey.notFound')}>
          {describeError(query.error, t)}
        </Alert>
      ) : (
        <Center py="xl">
          <Loader />
        </Center>
      )}
    </JourneyShell>
  );
}
