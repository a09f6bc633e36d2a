import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useLang, useT } from '../../../i18n/I18nProvider.tsx';
import type { ProspectView } from '../../../journeysApi.ts';
import { formatMoney } from '../../../money.ts';

/** The price from the catalog grid with its monthly equivalent, and the advisor-readable recommendation. */
export function PriceCard({ view }: { view: ProspectView }) {
  const t = useT();
  const { lang } = useLang();
  const price = view.price;
  if (!price) return null;
  const recommendation = view.recommendation;
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md" bg="var(--mantine-color-petrole-0)">
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {price.label}
          </Text>
          {price.free ? (
            <Group gap="xs">
              <Title order={2} data-testid="journey-price">
                {t('journey.price.free')}
              </Title>
              <Badge color="green">{view.offered ? t('journey.price.offered') : t('journey.price.zero')}</Badge>
            </Group>
          ) : (
            <>
              <Title order={2} data-testid="journey-price">
                {t('journey.price.yearly', { amount: formatMoney(price.amount, price.currency, lang) })}
              </Title>
              <Text size="sm">{t('journey.price.monthly', { amount: formatMoney(price.monthly, price.currency, lang) })}</Text>
            </>
          )}
          <Text size="xs" c="dimmed">
            {t('journey.price.terms')}
          </Text>
        </Stack>
      </Paper>
      {recommendation && (recommendation.gaps?.length || recommendation.lines?.length || recommendation.estimatedSavings) ? (
        <Stack gap="xs">
          <Title order={3} fz="h5">
            {t('journey.recommendation.title')}
          </Title>
          {recommendation.gaps && recommendation.gaps.length > 0 && (
            <List size="sm" spacing={4}>
              {recommendation.gaps.map((gap) => (
                <List.Item key={gap.coverage}>{gap.reason}</List.Item>
              ))}
            </List>
          )}
          {recommendation.estimatedSavings && recommendation.estimatedSavings.amount > 0 && (
            <Text size="sm" fw={600}>
              {t('journey.recommendation.savings', { amount: formatMoney(recommendation.estimatedSavings.amount, 'CHF', lang) })}
            </Text>
          )}
          {recommendation.lines?.map((line) => (
            <Text key={line} size="sm" c="dimmed">
              {line}
            </Text>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
