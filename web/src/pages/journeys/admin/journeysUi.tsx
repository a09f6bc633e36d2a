import { Badge, } from '@mantine/core';
import { useLocation, useNavigate, useSearch } from '@tanstack/react-router';
import { useT } from '../../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../../i18n/fr.ts';
import type { ClientType, ProspectStatus } from '../../../journeysAdminApi.ts';
import type { ProspectView } from './journeyFormat.ts';
import { ModuleTabs } from '../../../components/SectionTabs.tsx';

const statusColors: Record<ProspectStatus, string> = {
  prospect: 'blue',
  en_signature: 'violet',
  en_paiement: 'yellow',
  client_actif: 'green',
  paiement_en_echec: 'red',
  mandat_resilie: 'dark',
  abandonne: 'gray',
};

export const statusKey = (status: ProspectStatus) => `prospect.status.${status}` as MessageKey;
export const clientTypeKey = (type: ClientType) => `journeys.clientType.${type}` as MessageKey;

export function ProspectStatusBadge({ status, size = 'md' }: { status: ProspectStatus; size?: 'sm' | 'md' | 'lg' }) {
  const t = useT();
  return (
    <Badge color={statusColors[status] ?? 'gray'} variant="light" size={size} style={{ flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }} data-status={status}>
      {t(statusKey(status))}
    </Badge>
  );
}

type Tab = 'dashboard' | ProspectView;

/** The journeys back-office's own navigation: the dashboard and seed 004's four views. */
export function JourneysTabs() {
  const navigate = useNavigate();
  const pathname = useLocation({ select: (l) => l.pathname.replace(/\/$/, '') });
  const search = useSearch({ strict: false }) as { vue?: ProspectView; parcours?: string };
  // The configuration and a prospect's page belong to no tab.
  const active: Tab | null = pathname === '/app/parcours' ? 'dashboard' : pathname === '/app/parcours/prospects' ? (search.vue ?? 'prospects') : null;
  const tabs: { value: Tab; label: MessageKey }[] = [
    { value: 'dashboard', label: 'journeys.tab.dashboard' },
    { value: 'prospects', label: 'journeys.tab.prospects' },
    { value: 'conversions', label: 'journeys.tab.conversions' },
    { value: 'clients-actifs', label: 'journeys.tab.clients' },
    { value: 'revenus', label: 'journeys.tab.revenue' },
  ];
  const go = (value: Tab) => {
    const parcours = search.parcours;
    if (value === 'dashboard') void navigate({ to: '/app/parcours', search: parcours ? { parcours } : {} });
    else void navigate({ to: '/app/parcours/prospects', search: parcours ? { vue: value, parcours } : { vue: value } });
  };
  return <ModuleTabs tabs={tabs} value={active} onSelect={go} />;
}
