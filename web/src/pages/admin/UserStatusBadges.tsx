import { Badge, Group } from '@mantine/core';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { WorkspaceUser } from '../../identityApi.ts';

export function UserStatusBadges({ user }: { user: WorkspaceUser }) {
  const t = useT();
  return (
    <Group gap={4} wrap="wrap">
      {user.disabledAt ? (
        <Badge size="sm" variant="light" color="red" tt="none">
          {t('users.status.disabled')}
        </Badge>
      ) : user.invitationPending ? (
        <Badge size="sm" variant="light" color="yellow" tt="none">
          {t('users.status.invited')}
        </Badge>
      ) : (
        <Badge size="sm" variant="light" color="teal" tt="none">
          {t('users.status.active')}
        </Badge>
      )}
      {!user.emailVerified && !user.invitationPending && (
        <Badge size="sm" variant="light" color="gray" tt="none">
          {t('users.status.unverified')}
        </Badge>
      )}
    </Group>
  );
}
