import { ActionIcon, Button, Center, Group, Indicator, Loader, Menu, ScrollArea, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useLang, useT } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { type AppNotification, NOTIFICATIONS_POLL_MS, notificationsApi, notificationsQuery } from '../notificationsApi.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

/**
 * The back-office header's bell: the unread count (polled every 30 s), the latest notifications in a dropdown; a click
 * marks one read and opens its link, « Tout marquer comme lu » clears the count.
 */
export function NotificationsBell() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery({ ...notificationsQuery(), refetchInterval: NOTIFICATIONS_POLL_MS });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = useMutation({ mutationFn: notificationsApi.markRead, onSettled: refresh });
  const markAll = useMutation({ mutationFn: notificationsApi.markAllRead, onSettled: refresh });
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  const open = (notification: AppNotification) => {
    if (!notification.read) markRead.mutate(notification.id);
    // Only back-office paths are followed: a notification never sends anyone off-site.
    if (notification.link?.startsWith('/app')) void navigate({ to: notification.link });
  };

  return (
    <Menu width={360} position="bottom-end" shadow="md" withinPortal>
      <Menu.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={16} color="red" disabled={unread === 0} offset={4} data-testid="notifications-unread" data-count={unread}>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={unread ? t('notifications.bell.unread', { count: unread }) : t('notifications.bell')}>
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Menu.Target>
      <Menu.Dropdown>
        <Group justify="space-between" px="sm" py={6}>
          <Text fw={600} size="sm">
            {t('notifications.title')}
          </Text>
          <Button size="compact-xs" variant="subtle" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
            {t('notifications.markAll')}
          </Button>
        </Group>
        <Menu.Divider />
        {list.isPending && (
          <Center py="md">
            <Loader size="sm" />
          </Center>
        )}
        {list.isError && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
        {list.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" py="md">
            {t('notifications.empty')}
          </Text>
        )}
        {items.length > 0 && (
          <ScrollArea.Autosize mah={420} type="auto">
            {items.map((notification) => (
              <Menu.Item
                key={notification.id}
                onClick={() => open(notification)}
                data-notification={notification.kind}
                data-read={notification.read}
                style={{ background: notification.read ? undefined : 'var(--mantine-color-blue-0)' }}
              >
                <Stack gap={2}>
                  <Group gap={6} wrap="nowrap">
                    {!notification.read && <span aria-hidden="true" style={{ width: 8, height: 8, borderRadius: 4, background: 'var(--mantine-color-blue-6)', flexShrink: 0 }} />}
                    <Text size="sm" fw={notification.read ? 500 : 700} lineClamp={1}>
                      {notification.title}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {notification.body}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(notification.createdAt, lang)}
                  </Text>
                </Stack>
              </Menu.Item>
            ))}
          </ScrollArea.Autosize>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
