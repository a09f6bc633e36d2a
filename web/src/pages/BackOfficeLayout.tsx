import { Alert, AppShell, Box, Burger, Center, Divider, Group, Loader, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { BrandMark } from '../components/BrandMark.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { NotificationsBell } from '../components/NotificationsBell.tsx';
import { RouterNavLink } from '../components/RouterNavLink.tsx';
import { UserMenu } from '../components/UserMenu.tsx';
import { WorkspaceSwitcher } from '../components/WorkspaceSwitcher.tsx';
import { isUnauthenticated } from '../errors.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/fr.ts';
import { meQuery } from '../identityApi.ts';
import { businessModules } from '../modules.ts';
import { hasPermission } from '../session.ts';

function NavSectionLabel({ children }: { children: string }) {
  return (
    <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="sm" pb={4} style={{ letterSpacing: '0.04em' }}>
      {children}
    </Text>
  );
}

type AdminPath = '/app/utilisateurs' | '/app/roles' | '/app/societes' | '/app/cles-api' | '/app/audit' | '/app/espace';

// Identity screens, each shown only to people holding the permission it needs
// (the server checks again; hiding only avoids dead ends).
const adminEntries: readonly { to: AdminPath; label: MessageKey; permission: string | null }[] = [
  { to: '/app/utilisateurs', label: 'nav.users', permission: 'users.read' },
  { to: '/app/roles', label: 'nav.roles', permission: null },
  { to: '/app/societes', label: 'nav.companies', permission: 'companies.read' },
  { to: '/app/cles-api', label: 'nav.apiKeys', permission: 'apiKeys.manage' },
  { to: '/app/audit', label: 'nav.audit', permission: 'audit.read' },
  { to: '/app/espace', label: 'nav.workspace', permission: 'workspace.manage' },
];

/** Where a person whose role requires two-factor authentication must go before anything else. */
export const SECURITY_PATH = '/app/securite';

export function BackOfficeLayout() {
  const t = useT();
  const [navOpened, nav] = useDisclosure(false);
  const navigate = useNavigate();
  const pathname = useLocation({ select: (l) => l.pathname });
  // The route guard loaded "me" already; this keeps watching it, so a session that
  // ends (401 anywhere refetches it) or an MFA obligation sends the person on.
  const meResult = useQuery(meQuery);
  const me = meResult.data;
  const signedOut = isUnauthenticated(meResult.error);
  const mustEnrolMfa = !!me?.mfaEnrollmentRequired;

  useEffect(() => {
    if (signedOut) void navigate({ to: '/connexion', replace: true });
    else if (mustEnrolMfa && pathname.replace(/\/$/, '') !== SECURITY_PATH) void navigate({ to: SECURITY_PATH, replace: true });
  }, [signedOut, mustEnrolMfa, pathname, navigate]);

  // Links are compact so all modules fit on a laptop screen without scrolling.
  const linkProps = {
    onClick: nav.close,
    activeProps: { active: true },
    py: 5,
    style: { borderRadius: 'var(--mantine-radius-md)' },
  } as const;

  if (!me) {
    return (
      <Center mih="100vh" p="md">
        {meResult.isError && !signedOut ? <ErrorAlert error={meResult.error} onRetry={() => meResult.refetch()} /> : <Loader />}
      </Center>
    );
  }

  const admin = adminEntries.filter((entry) => entry.permission === null || hasPermission(me, entry.permission));
  const canOperate = hasPermission(me, 'platform.operate');

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
      styles={{ main: { background: 'var(--mantine-color-gray-0)' } }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNav')} />
            <BrandMark />
          </Group>
          <Group gap="sm" wrap="nowrap">
            {/* On phones the header is too narrow: the switcher moves to the top of the navbar. */}
            <Box visibleFrom="sm">
              <WorkspaceSwitcher me={me} />
            </Box>
            <LanguageSwitch />
            <NotificationsBell />
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        <AppShell.Section hiddenFrom="sm" px="xs" pb="xs">
          <WorkspaceSwitcher me={me} fullWidth />
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea} scrollbarSize={6}>
          <nav aria-label={t('shell.nav.modules')}>
            <RouterNavLink to="/app" activeOptions={{ exact: true }} label={t('module.dashboard')} {...linkProps} />
            <NavSectionLabel>{t('shell.nav.modules')}</NavSectionLabel>
            {businessModules.map((m) => (
              <RouterNavLink key={m.slug} to="/app/$module" params={{ module: m.slug }} label={t(m.label)} {...linkProps} />
            ))}
          </nav>
          <nav aria-label={t('shell.nav.admin')}>
            <NavSectionLabel>{t('shell.nav.admin')}</NavSectionLabel>
            {admin.map((entry) => (
              <RouterNavLink key={entry.to} to={entry.to} label={t(entry.label)} {...linkProps} />
            ))}
          </nav>
        </AppShell.Section>
        {/* Platform tools stay pinned at the bottom, reachable without scrolling past every module. */}
        <AppShell.Section>
          <Divider my="xs" />
          <nav aria-label={t('shell.nav.account')}>
            <RouterNavLink to="/app/securite" label={t('nav.security')} {...linkProps} />
          </nav>
          {canOperate && (
            <nav aria-label={t('shell.nav.platform')}>
              <NavSectionLabel>{t('shell.nav.platform')}</NavSectionLabel>
              <RouterNavLink to="/app/mail" label={t('module.mail')} {...linkProps} />
              <RouterNavLink to="/app/jobs" label={t('module.jobs')} {...linkProps} />
            </nav>
          )}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        {mustEnrolMfa && (
          <Alert color="orange" variant="light" title={t('mfa.required.title')} mb="lg" maw={1200} role="status">
            <Text size="sm">{t('mfa.required.body')}</Text>
          </Alert>
        )}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
