import { Tabs } from '@mantine/core';
import { useLocation, useNavigate } from '@tanstack/react-router';
import { useT } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/fr.ts';
import { activeSectionTab } from './sectionTab.ts';

/** A module's own navigation as tabs, one per path; the tab of the page shown is selected. */
export function SectionTabs<P extends string>({ tabs }: { tabs: readonly { to: P; label: MessageKey }[] }) {
  const navigate = useNavigate();
  const pathname = useLocation({ select: (l) => l.pathname });
  const active = activeSectionTab(
    pathname,
    tabs.map((tab) => tab.to),
  );
  return <ModuleTabs tabs={tabs.map((tab) => ({ value: tab.to, label: tab.label }))} value={active ?? null} onSelect={(to: string) => void navigate({ to })} />;
}

/** The tab strip itself, for navigation that is not one path per tab (a view chosen by a search parameter). */
export function ModuleTabs<V extends string>({ tabs, value, onSelect }: { tabs: readonly { value: V; label: MessageKey }[]; value: V | null; onSelect: (value: V) => void }) {
  const t = useT();
  return (
    <Tabs value={value} onChange={(next) => next && onSelect(next as V)} variant="outline">
      <Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.value} value={tab.value}>
            {t(tab.label)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
