import { type AnyRoute, createRoute } from '@tanstack/react-router';
import type { ClientType } from '../journeysAdminApi.ts';
import { JourneyConfigPage } from '../pages/journeys/admin/JourneyConfigPage.tsx';
import { JourneyDashboardPage } from '../pages/journeys/admin/JourneyDashboardPage.tsx';
import { asDay, asView, type ProspectView } from '../pages/journeys/admin/journeyFormat.ts';
import { ProspectPage } from '../pages/journeys/admin/ProspectPage.tsx';
import { ProspectsPage } from '../pages/journeys/admin/ProspectsPage.tsx';

// The back-office of journeys (issue #7, seed 004 "Tableau de bord"), under /app/parcours. A factory taking the
// back-office parent route, so router.tsx only spreads it in.

/** The dashboard's filters, in the URL so a view can be shared and reloaded. */
export interface DashboardSearch {
  parcours?: string;
  du?: string;
  au?: string;
  pas?: 'month' | 'week';
  type?: ClientType;
  source?: string;
}

export interface ProspectsSearch {
  vue: ProspectView;
  parcours?: string;
}

const uuid = (value: unknown) => (typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value) ? value : undefined);
const clientType = (value: unknown) => (value === 'particulier' || value === 'entreprise' ? value : undefined);
const text = (value: unknown) => (typeof value === 'string' && value.trim() && value.length <= 60 ? value : undefined);

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function validateDashboardSearch(search: Record<string, unknown>): DashboardSearch {
  return compact({
    parcours: uuid(search.parcours),
    du: asDay(search.du),
    au: asDay(search.au),
    pas: search.pas === 'week' || search.pas === 'month' ? search.pas : undefined,
    type: clientType(search.type),
    source: text(search.source),
  });
}

export function validateProspectsSearch(search: Record<string, unknown>): ProspectsSearch {
  return compact({ vue: asView(search.vue), parcours: uuid(search.parcours) });
}

export function journeyAdminRoutes<TParent extends AnyRoute>(getParentRoute: () => TParent) {
  const dashboard = createRoute({
    getParentRoute,
    path: '/parcours',
    validateSearch: validateDashboardSearch,
    component: JourneyDashboardPage,
  });
  // "prospects" is a static segment, so it wins over $journeyId.
  const prospects = createRoute({
    getParentRoute,
    path: '/parcours/prospects',
    validateSearch: validateProspectsSearch,
    component: ProspectsPage,
  });
  const prospect = createRoute({
    getParentRoute,
    path: '/parcours/prospects/$prospectId',
    component: function ViewProspect() {
      const { prospectId } = prospect.useParams() as { prospectId: string };
      return <ProspectPage key={prospectId} prospectId={prospectId} />;
    },
  });
  const configuration = createRoute({
    getParentRoute,
    path: '/parcours/$journeyId',
    component: function ViewJourney() {
      const { journeyId } = configuration.useParams() as { journeyId: string };
      return <JourneyConfigPage key={journeyId} journeyId={journeyId} />;
    },
  });
  return [dashboard, prospects, prospect, configuration] as const;
}
