import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { describeError, isUnauthenticated } from '../errors.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { authApi, type Me } from '../identityApi.ts';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [name.trim()[0]];
  return letters.join('').toUpperCase() || '?';
}

export function UserMenu({ me }: { me: Me }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const signOut = async () => {
    await navigate({ to: '/connexion' });
    // Nothing of this session may linger for the next person on this browser.
    queryClient.clear();
  };
  const logout = useMutation({
    mutationFn: authApi.logout,
    onSuccess: signOut,
    onError: (error) => {
      // Already signed out (expired session): that is what was asked for.
      if (isUnauthenticated(error)) void signOut();
      else notifications.show({ color: 'red', title: t('userMenu.logoutFailed'), message: describeError(error, t) });
    },
  });

  const name = me.user.displayName || me.user.email;
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('userMenu.label', { name })} style={{ borderRadius: 'var(--mantine-radius-md)' }} px={4} py={2}>
          <Group gap="xs" wrap="nowrap">
            <Avatar size={30} radius="xl" color="petrole" variant="filled">
              {initials(name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="md" maw={160} truncate="end">
              {name}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="dark" truncate="end">
            {name}
          </Text>
          <Text size="xs" c="dimmed" truncate="end">
            {me.user.email}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/app/securite">
          {t('userMenu.security')}
        </Menu.Item>
        <Menu.Item color="red" onClick={() => logout.mutate()} disabled={logout.isPending}>
          {t('userMenu.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
