import { type AnyRoute, createRoute } from '@tanstack/react-router';
import { JourneyPage } from '../pages/journeys/public/JourneyPage.tsx';
import { JourneyStartPage } from '../pages/journeys/public/JourneyStartPage.tsx';
import { ThankYouPage } from '../pages/journeys/public/ThankYouPage.tsx';

/**
 * The prospect's pages of a journey (seed 004), reachable without a session: the start page of a journey, then the
 * personal link (an opaque token) and its thank-you page.
 */
export function journeyPublicRoutes(rootRoute: AnyRoute) {
  const start = createRoute({
    getParentRoute: () => rootRoute,
    path: '/parcours/$workspace/$journey',
    validateSearch: (search: Record<string, unknown>): { source?: string } => (typeof search.source === 'string' ? { source: search.source.slice(0, 60) } : {}),
    component: function Start() {
      const { workspace, journey } = start.useParams();
      const { source } = start.useSearch();
      return <JourneyStartPage workspace={workspace} journey={journey} source={source ?? null} />;
    },
  });
  const page = createRoute({
    getParentRoute: () => rootRoute,
    path: '/parcours/p/$token',
    validateSearch: (search: Record<string, unknown>): { paiement?: 'annule' } => (search.paiement === 'annule' ? { paiement: 'annule' } : {}),
    component: function Page() {
      const { token } = page.useParams();
      const { paiement } = page.useSearch();
      return <JourneyPage key={token} token={token} paiement={paiement} />;
    },
  });
  const thanks = createRoute({
    getParentRoute: () => rootRoute,
    path: '/parcours/p/$token/merci',
    component: function Thanks() {
      const { token } = thanks.useParams();
      return <ThankYouPage key={token} token={token} />;
    },
  });
  return [start, page, thanks] as const;
}
