import '@mantine/dates/styles.css';
import 'dayjs/locale/fr';
import { Button, Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { useLang, useT } from '../../../i18n/I18nProvider.tsx';
import { type ClientType, clientTypes, journeysQuery, prospectsQuery } from '../../../journeysAdminApi.ts';
import { clientTypeKey } from './journeysUi.tsx';

export interface AnalyticsFilterValues {
  journeyId?: string;
  from: string;
  to: string;
  granularity: 'month' | 'week';
  clientType?: ClientType;
  source?: string;
}

/**
 * The analytics' filters (seed 004: by period, client type and source): journey, period (from/to, both included),
 * month or week buckets, client type, source. `onChange` gets only what changed.
 */
export function JourneyFilters({
  value,
  onChange,
  onReset,
  withGranularity = true,
}: {
  value: AnalyticsFilterValues;
  onChange: (patch: Partial<AnalyticsFilterValues>) => void;
  onReset?: () => void;
  withGranularity?: boolean;
}) {
  const t = useT();
  const { lang } = useLang();
  const journeys = useQuery(journeysQuery);
  // The sources seen in the workspace come with any prospects list.
  const sources = useQuery({ ...prospectsQuery({ limit: 1 }), select: (data) => data.sources });
  const journeyOptions = (journeys.data?.items ?? []).map((j) => ({ value: j.id, label: j.name }));

  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-label={t('journeys.filters')}>
      <DatesProvider settings={{ locale: lang, firstDayOfWeek: 1 }}>
        <Group gap="sm" align="flex-end" wrap="wrap">
          {journeyOptions.length > 0 && (
            <Select
              label={t('journeys.filter.journey')}
              data={journeyOptions}
              value={value.journeyId ?? null}
              onChange={(journeyId) => onChange({ journeyId: journeyId ?? undefined })}
              clearable
              placeholder={t('journeys.filter.allJourneys')}
              w={240}
            />
          )}
          <DatePickerInput
            label={t('journeys.filter.from')}
            value={value.from}
            onChange={(from) => from && onChange({ from: String(from) })}
            maxDate={value.to}
            valueFormat="DD/MM/YYYY"
            w={150}
          />
          <DatePickerInput
            label={t('journeys.filter.to')}
            value={value.to}
            onChange={(to) => to && onChange({ to: String(to) })}
            minDate={value.from}
            valueFormat="DD/MM/YYYY"
            w={150}
          />
          {withGranularity && (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('journeys.filter.granularity')}
              </Text>
              <SegmentedControl
                value={value.granularity}
                onChange={(granularity) => onChange({ granularity: granularity as 'month' | 'week' })}
                data={[
                  { value: 'month', label: t('journeys.filter.month') },
                  { value: 'week', label: t('journeys.filter.week') },
                ]}
              />
            </Stack>
          )}
          <Select
            label={t('journeys.filter.clientType')}
            data={clientTypes.map((type) => ({ value: type, label: t(clientTypeKey(type)) }))}
            value={value.clientType ?? null}
            onChange={(clientType) => onChange({ clientType: (clientType as ClientType | null) ?? undefined })}
            clearable
            placeholder={t('journeys.filter.any')}
            w={170}
          />
          <Select
            label={t('journeys.filter.source')}
            data={sources.data ?? []}
            value={value.source ?? null}
            onChange={(source) => onChange({ source: source ?? undefined })}
            clearable
            placeholder={t('journeys.filter.any')}
            w={170}
          />
          {onReset && (
            <Button variant="subtle" onClick={onReset}>
              {t('journeys.filter.reset')}
            </Button>
          )}
        </Group>
      </DatesProvider>
    </Paper>
  );
}
