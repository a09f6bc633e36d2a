import { Badge, Button, Center, Loader, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { describeError } from '../../errors.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { authApi, identityKeys } from '../../identityApi.ts';
import { summarizeUserAgent } from './userAgent.ts';

export function SessionsCard() {
  const t = useT();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: identityKeys.sessions, queryFn: ({ signal }) => authApi.sessions(signal) });
  const revoke = useMutation({
    mutationFn: authApi.revokeSession,
    onSuccess: () => notifications.show({ color: 'teal', message: t('security.sessions.revoked') }),
    onError: (error) => notifications.show({ color: 'red', title: t('security.sessions.revokeFailed'), message: describeError(error, t) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: identityKeys.sessions }),
  });

  const items = sessions.data?.items ?? [];
  return (
    <SectionCard title={t('security.sessions.heading')} description={t('security.sessions.intro')}>
      {sessions.isPending ? (
        <Center py="md">
          <Loader size="sm" />
        </Center>
      ) : sessions.isError ? (
        <ErrorAlert error={sessions.error} onRetry={() => sessions.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" horizontalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('security.sessions.col.device')}</Table.Th>
                <Table.Th>{t('security.sessions.col.ip')}</Table.Th>
                <Table.Th>{t('security.sessions.col.created')}</Table.Th>
                <Table.Th>{t('security.sessions.col.lastSeen')}</Table.Th>
                <Table.Th ta="right">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((session) => (
                <Table.Tr key={session.id}>
                  <Table.Td>
                    <Text size="sm" title={session.userAgent ?? undefined}>
                      {summarizeUserAgent(session.userAgent) ?? t('common.unknown')}
                    </Text>
                  </Table.Td>
                  <Table.Td ff="monospace" fz="xs">
                    {session.ip ?? '—'}
                  </Table.Td>
                  <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(session.createdAt, lang)}
                  </Table.Td>
                  <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(session.lastSeenAt, lang)}
                  </Table.Td>
                  <Table.Td ta="right">
                    {session.current ? (
                      <Badge variant="light" color="teal" tt="none">
                        {t('security.sessions.current')}
                      </Badge>
                    ) : (
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        loading={revoke.isPending && revoke.variables === session.id}
                        onClick={() => revoke.mutate(session.id)}
                      >
                        {t('security.sessions.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}
