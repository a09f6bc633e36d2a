import { Badge, Center, EmptyState, Loader, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { authApi, identityKeys } from '../../identityApi.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { summarizeUserAgent } from './userAgent.ts';

const outcomes: Record<string, { label: MessageKey; color: string }> = {
  success: { label: 'loginEvent.success', color: 'teal' },
  unknown_user: { label: 'loginEvent.unknown_user', color: 'gray' },
  bad_password: { label: 'loginEvent.bad_password', color: 'red' },
  locked: { label: 'loginEvent.locked', color: 'red' },
  disabled: { label: 'loginEvent.disabled', color: 'red' },
  mfa_required: { label: 'loginEvent.mfa_required', color: 'blue' },
  mfa_failed: { label: 'loginEvent.mfa_failed', color: 'red' },
  no_workspace: { label: 'loginEvent.no_workspace', color: 'orange' },
};

export function LoginEventsCard() {
  const t = useT();
  const { lang } = useLang();
  const events = useQuery({ queryKey: identityKeys.loginEvents, queryFn: ({ signal }) => authApi.loginEvents(signal) });
  const items = events.data?.items ?? [];

  return (
    <SectionCard title={t('security.events.heading')} description={t('security.events.intro')}>
      {events.isPending ? (
        <Center py="md">
          <Loader size="sm" />
        </Center>
      ) : events.isError ? (
        <ErrorAlert error={events.error} onRetry={() => events.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState size="sm" title={t('security.events.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing="xs" horizontalSpacing="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('security.events.col.date')}</Table.Th>
                <Table.Th>{t('security.events.col.outcome')}</Table.Th>
                <Table.Th>{t('security.events.col.ip')}</Table.Th>
                <Table.Th>{t('security.events.col.device')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((event, index) => {
                const outcome = outcomes[event.outcome];
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: events have no id and the list is always replaced whole.
                  <Table.Tr key={`${event.occurredAt}-${index}`}>
                    <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(event.occurredAt, lang)}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={outcome?.color ?? 'gray'} tt="none">
                        {outcome ? t(outcome.label) : event.outcome}
                      </Badge>
                    </Table.Td>
                    <Table.Td ff="monospace" fz="xs">
                      {event.ip ?? '—'}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={event.userAgent ?? undefined}>
                        {summarizeUserAgent(event.userAgent) ?? t('common.unknown')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}
