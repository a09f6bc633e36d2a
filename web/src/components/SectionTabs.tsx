import { Tabs } from '@mantine/core';
import { useLocation, useNavigate } from '@tanstack/react-router';
import { useT } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/fr.ts';
import { activeSectionTab } from './sectionTab.ts';

/** A module's own navigation as tabs, one per path; the tab of the page shown is selected. */
export function SectionTabs<P extends string>({ tabs }: { tabs: readonly { to: P; label: MessageKey }[] }) {
  const t = useT();
  const navigate = useNavigate();
  const pathname = useLocation({ select: (l) => l.pathname });
  const active = activeSectionTab(
    pathname,
    tabs.map((tab) => tab.to),
  );
  return (
    <Tabs value={active ?? null} onChange={(value) => value && void navigate({ to: value })} variant="outline">
      <Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.to} value={tab.to}>
            {t(tab.label)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
