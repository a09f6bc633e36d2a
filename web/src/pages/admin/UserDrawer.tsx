import { Button, Divider, Drawer, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { Field } from '../../components/SectionCard.tsx';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { identityApi, identityKeys, type Membership, usersQuery, type WorkspaceUser } from '../../identityApi.ts';
import { useMe, useRoleLabel } from '../../session.ts';
import { CompanyMultiSelect, RoleSelect, useScopeLabel } from './pickers.tsx';
import { UserStatusBadges } from './UserStatusBadges.tsx';

const sameIds = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** One person: their memberships (edit, add, remove) and whether the account may sign in. */
export function UserDrawer({ userId, onClose, canManage }: { userId: string | null; onClose: () => void; canManage: boolean }) {
  const t = useT();
  const users = useQuery(usersQuery);
  const user = users.data?.items.find((u) => u.id === userId) ?? null;
  return (
    <Drawer
      opened={userId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>{user ? user.displayName : t('users.heading')}</Text>}
    >
      {user && <UserDetail key={user.id} user={user} canManage={canManage} />}
    </Drawer>
  );
}

function UserDetail({ user, canManage }: { user: WorkspaceUser; canManage: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const roleLabel = useRoleLabel();
  const scopeLabel = useScopeLabel();
  const isSelf = me?.user.id === user.id;

  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Group gap="xs">
          <UserStatusBadges user={user} />
        </Group>
        <Group gap="xl" align="flex-start">
          <Field label={t('users.col.email')}>
            <Text size="sm">{user.email}</Text>
          </Field>
          <Field label={t('users.col.lastLogin')}>
            <Text size="sm">{user.lastLoginAt ? formatDateTime(user.lastLoginAt, lang) : t('users.neverSignedIn')}</Text>
          </Field>
          <Field label={t('users.col.mfa')}>
            <Text size="sm">{t(user.mfaEnabled ? 'mfa.status.on' : 'mfa.status.off')}</Text>
          </Field>
        </Group>
        {user.disabledAt && (
          <Text size="sm" c="red.8">
            {t('users.disabledSince', { date: formatDateTime(user.disabledAt, lang) })}
          </Text>
        )}
      </Stack>

      <Divider />
      <Stack gap="sm">
        <Title order={3} fz="h5">
          {t('users.memberships.heading')}
        </Title>
        {user.memberships.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('users.noRole')}
          </Text>
        )}
        {canManage
          ? user.memberships.map((m) => <MembershipEditor key={`${m.id}:${m.role}:${m.companyIds.join(',')}`} membership={m} />)
          : user.memberships.map((m) => (
              <Text size="sm" key={m.id}>
                <Text span fw={500} inherit>
                  {roleLabel(m.role)}
                </Text>{' '}
                <Text span c="dimmed" inherit>
                  · {scopeLabel(m.companyIds)}
                </Text>
              </Text>
            ))}
        {canManage && <AddMembership userId={user.id} />}
      </Stack>

      {canManage && !isSelf && (
        <>
          <Divider />
          <AccountStatus user={user} />
        </>
      )}
    </Stack>
  );
}

function MembershipEditor({ membership }: { membership: Membership }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<string | null>(membership.role);
  const [companyIds, setCompanyIds] = useState<string[]>(membership.companyIds);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: identityKeys.users });

  const save = useMutation({
    mutationFn: () =>
      identityApi.updateMembership(membership.id, {
        ...(role && role !== membership.role ? { role } : {}),
        ...(!sameIds(companyIds, membership.companyIds) ? { companyIds } : {}),
      }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('users.membership.saved') });
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => identityApi.removeMembership(membership.id),
    onSuccess: async () => {
      setConfirmRemove(false);
      notifications.show({ color: 'teal', message: t('users.membership.removed') });
      await refresh();
    },
  });
  const dirty = role !== membership.role || !sameIds(companyIds, membership.companyIds);
  const serverErrors = fieldErrorsOf(save.error);

  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap="xs">
        {save.isError && <ErrorAlert error={save.error} placed={['role', 'companyIds']} />}
        <RoleSelect value={role} onChange={setRole} error={errorMessages(serverErrors.role)} />
        <CompanyMultiSelect value={companyIds} onChange={setCompanyIds} error={errorMessages(serverErrors.companyIds)} />
        <Group justify="space-between" mt={4}>
          <Button size="xs" variant="subtle" color="red" onClick={() => setConfirmRemove(true)}>
            {t('users.membership.remove')}
          </Button>
          <Button size="xs" onClick={() => save.mutate()} disabled={!dirty || !role} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirmRemove}
        onClose={() => {
          setConfirmRemove(false);
          remove.reset();
        }}
        title={t('users.membership.remove')}
        message={t('users.membership.remove.confirm')}
        confirmLabel={t('users.membership.remove')}
        onConfirm={() => remove.mutate()}
        loading={remove.isPending}
        error={remove.error}
      />
    </Paper>
  );
}

function AddMembership({ userId }: { userId: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<string | null>(null);
  const [companyIds, setCompanyIds] = useState<string[]>([]);
  const add = useMutation({
    mutationFn: () => identityApi.addMembership(userId, { role: role ?? '', companyIds }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('users.membership.added') });
      setOpen(false);
      setRole(null);
      setCompanyIds([]);
      await queryClient.invalidateQueries({ queryKey: identityKeys.users });
    },
  });
  const serverErrors = fieldErrorsOf(add.error);

  if (!open) {
    return (
      <Group>
        <Button size="xs" variant="light" onClick={() => setOpen(true)}>
          {t('users.membership.add')}
        </Button>
      </Group>
    );
  }
  return (
    <Paper withBorder radius="md" p="sm" bg="gray.0">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('users.membership.add')}
        </Text>
        {add.isError && <ErrorAlert error={add.error} placed={['role', 'companyIds']} />}
        <RoleSelect withAsterisk value={role} onChange={setRole} error={errorMessages(serverErrors.role)} />
        <CompanyMultiSelect value={companyIds} onChange={setCompanyIds} error={errorMessages(serverErrors.companyIds)} />
        <Group justify="flex-end" gap="xs" mt={4}>
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              setOpen(false);
              add.reset();
            }}
          >
            {t('common.cancel')}
          </Button>
          <Button size="xs" onClick={() => add.mutate()} disabled={!role} loading={add.isPending}>
            {t('users.membership.addSubmit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function AccountStatus({ user }: { user: WorkspaceUser }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: identityKeys.users });

  const disable = useMutation({
    mutationFn: () => identityApi.disableUser(user.id, reason.trim() || undefined),
    onSuccess: async () => {
      setConfirming(false);
      setReason('');
      notifications.show({ color: 'teal', message: t('users.disabled', { name: user.displayName }) });
      await refresh();
    },
  });
  const enable = useMutation({
    mutationFn: () => identityApi.enableUser(user.id),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('users.enabled', { name: user.displayName }) });
      await refresh();
    },
  });

  return (
    <Stack gap="sm">
      <Title order={3} fz="h5">
        {t('users.account.heading')}
      </Title>
      {enable.isError && <ErrorAlert error={enable.error} />}
      {user.disabledAt ? (
        <Group justify="space-between">
          <Text size="sm">{t('users.account.disabledText')}</Text>
          <Button size="xs" variant="light" color="teal" onClick={() => enable.mutate()} loading={enable.isPending}>
            {t('users.enable')}
          </Button>
        </Group>
      ) : (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" style={{ flex: 1 }}>
            {t('users.account.disableText')}
          </Text>
          <Button size="xs" variant="light" color="red" onClick={() => setConfirming(true)}>
            {t('users.disable')}
          </Button>
        </Group>
      )}
      <ConfirmModal
        opened={confirming}
        onClose={() => {
          setConfirming(false);
          disable.reset();
        }}
        title={t('users.disable')}
        message={t('users.disable.confirm', { name: user.displayName })}
        confirmLabel={t('users.disable')}
        onConfirm={() => disable.mutate()}
        loading={disable.isPending}
        error={disable.error}
      >
        <Textarea
          label={t('users.disable.reason')}
          autosize
          minRows={2}
          maxLength={300}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
      </ConfirmModal>
    </Stack>
  );
}
