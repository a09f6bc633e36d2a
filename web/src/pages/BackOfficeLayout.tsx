import { AppShell, Box, Burger, Divider, Group, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet } from '@tanstack/react-router';
import { BrandMark } from '../components/BrandMark.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { RouterNavLink } from '../components/RouterNavLink.tsx';
import { WorkspaceSwitcher } from '../components/WorkspaceSwitcher.tsx';
import { useT } from '../i18n/I18nProvider.tsx';
import { businessModules } from '../modules.ts';

function NavSectionLabel({ children }: { children: string }) {
  return (
    <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="sm" pb={4} style={{ letterSpacing: '0.04em' }}>
      {children}
    </Text>
  );
}

export function BackOfficeLayout() {
  const t = useT();
  const [navOpened, nav] = useDisclosure(false);
  // Links are compact so all modules fit on a laptop screen without scrolling.
  const linkProps = {
    onClick: nav.close,
    activeProps: { active: true },
    py: 5,
    style: { borderRadius: 'var(--mantine-radius-md)' },
  } as const;

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
              <WorkspaceSwitcher />
            </Box>
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        <AppShell.Section hiddenFrom="sm" px="xs" pb="xs">
          <WorkspaceSwitcher fullWidth />
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea} scrollbarSize={6}>
          <nav aria-label={t('shell.nav.modules')}>
            <RouterNavLink to="/app" activeOptions={{ exact: true }} label={t('module.dashboard')} {...linkProps} />
            <NavSectionLabel>{t('shell.nav.modules')}</NavSectionLabel>
            {businessModules.map((m) => (
              <RouterNavLink key={m.slug} to="/app/$module" params={{ module: m.slug }} label={t(m.label)} {...linkProps} />
            ))}
          </nav>
        </AppShell.Section>
        {/* Platform tools stay pinned at the bottom, reachable without scrolling past every module. */}
        <AppShell.Section>
          <Divider my="xs" />
          <nav aria-label={t('shell.nav.platform')}>
            <NavSectionLabel>{t('shell.nav.platform')}</NavSectionLabel>
            <RouterNavLink to="/app/mail" label={t('module.mail')} {...linkProps} />
            <RouterNavLink to="/app/jobs" label={t('module.jobs')} {...linkProps} />
          </nav>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
