import { Badge, Button, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { QueryTable } from '../../components/QueryTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { usersQuery } from '../../identityApi.ts';
import { usePermission, useRoleLabel } from '../../session.ts';
import { InviteUserModal } from './InviteUserModal.tsx';
import { useScopeLabel } from './pickers.tsx';
import { UserDrawer } from './UserDrawer.tsx';
import { UserStatusBadges } from './UserStatusBadges.tsx';

export function UsersPage() {
  const t = useT();
  const { lang } = useLang();
  usePageTitle(t('users.heading'));
  const canManage = usePermission('users.manage');
  const roleLabel = useRoleLabel();
  const scopeLabel = useScopeLabel();
  const [inviting, setInviting] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const users = useQuery(usersQuery);

  const items = useMemo(() => {
    const all = users.data?.items ?? [];
    const needle = search.trim().toLowerCase();
    const filtered = needle
      ? all.filter((u) => u.displayName.toLowerCase().includes(needle) || u.email.toLowerCase().includes(needle))
      : all;
    return [...filtered].sort((a, b) => a.displayName.localeCompare(b.displayName, lang));
  }, [users.data, search, lang]);

  const body = (
    <QueryTable
      query={users}
      isEmpty={(users.data?.items.length ?? 0) === 0}
      empty={{ title: t('users.empty') }}
      minWidth={960}
      head={
        <>
          <Table.Th>{t('users.col.name')}</Table.Th>
          <Table.Th>{t('users.col.email')}</Table.Th>
          <Table.Th>{t('users.col.roles')}</Table.Th>
          <Table.Th>{t('users.col.mfa')}</Table.Th>
          <Table.Th>{t('users.col.lastLogin')}</Table.Th>
          <Table.Th>{t('users.col.status')}</Table.Th>
        </>
      }
    >
      {items.map((user) => (
        <Table.Tr key={user.id} onClick={() => setSelectedId(user.id)} style={{ cursor: 'pointer' }}>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <UnstyledButton fw={500} fz="sm" onClick={() => setSelectedId(user.id)}>
              {user.displayName}
            </UnstyledButton>
          </Table.Td>
          <Table.Td fz="sm">{user.email}</Table.Td>
          <Table.Td>
            <Stack gap={2}>
              {user.memberships.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('users.noRole')}
                </Text>
              ) : (
                user.memberships.map((m) => (
                  <Text size="sm" key={m.id}>
                    <Text span fw={500} inherit>
                      {roleLabel(m.role)}
                    </Text>{' '}
                    <Text span c="dimmed" inherit>
                      · {scopeLabel(m.companyIds)}
                    </Text>
                  </Text>
                ))
              )}
            </Stack>
          </Table.Td>
          <Table.Td>
            <Badge size="sm" variant="light" color={user.mfaEnabled ? 'teal' : 'gray'} tt="none">
              {t(user.mfaEnabled ? 'mfa.status.on' : 'mfa.status.off')}
            </Badge>
          </Table.Td>
          <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {user.lastLoginAt ? formatDateTime(user.lastLoginAt, lang) : t('users.neverSignedIn')}
          </Table.Td>
          <Table.Td miw={190}>
            <UserStatusBadges user={user} />
          </Table.Td>
        </Table.Tr>
      ))}
    </QueryTable>
  );

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('users.heading')}
        description={t('users.intro')}
        actions={canManage && <Button onClick={() => setInviting(true)}>{t('users.invite')}</Button>}
      />
      {(users.data?.items.length ?? 0) > 0 && (
        <TextInput
          maw={360}
          placeholder={t('users.search')}
          aria-label={t('users.search')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
      )}
      {body}
      {canManage && <InviteUserModal opened={inviting} onClose={() => setInviting(false)} />}
      <UserDrawer userId={selectedId} onClose={() => setSelectedId(null)} canManage={canManage} />
    </Stack>
  );
}
