import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useRouter } from '@tanstack/react-router';
import { describeError } from '../errors.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { authApi, type Me } from '../identityApi.ts';

/**
 * The workspaces the signed-in person belongs to (from /api/auth/me). Picking another
 * one opens a new session there: every cached answer belonged to the old workspace,
 * so all queries are reset and the back-office reloads on its dashboard.
 */
export function WorkspaceSwitcher({ me, fullWidth = false }: { me: Me; fullWidth?: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const router = useRouter();

  const switchWorkspace = useMutation({
    mutationFn: authApi.switchWorkspace,
    onSuccess: async (session) => {
      await queryClient.resetQueries();
      await navigate({ to: session.mfaEnrollmentRequired ? '/app/securite' : '/app' });
      await router.invalidate();
      notifications.show({ color: 'teal', message: t('shell.workspace.switched', { name: session.workspace.name }) });
    },
    onError: (error) => notifications.show({ color: 'red', title: t('shell.workspace.switchFailed'), message: describeError(error, t) }),
  });

  const items = me.workspaces;
  if (items.length === 0) return null;
  return (
    <Select
      size="xs"
      w={fullWidth ? '100%' : 220}
      aria-label={t('shell.workspace')}
      placeholder={t('shell.workspace.placeholder')}
      data={items.map((w) => ({ value: w.slug, label: w.name }))}
      value={me.workspace.slug}
      onChange={(slug) => {
        if (slug && slug !== me.workspace.slug) switchWorkspace.mutate(slug);
      }}
      allowDeselect={false}
      searchable={items.length > 8}
      disabled={items.length < 2 || switchWorkspace.isPending}
    />
  );
}
