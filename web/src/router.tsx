import { Box } from '@mantine/core';
import { createRootRoute, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import { findBusinessModule } from './modules.ts';
import { BackOfficeLayout } from './pages/BackOfficeLayout.tsx';
import { ComingSoonPage } from './pages/ComingSoonPage.tsx';
import { JobsPage } from './pages/jobs/JobsPage.tsx';
import { MailboxPage } from './pages/mail/MailboxPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { RouteErrorPage } from './pages/RouteErrorPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';

// Code-based route tree (no file-based routing plugin, no generated files).

const rootRoute = createRootRoute({
  component: Outlet,
  notFoundComponent: () => (
    <Box p="md">
      <NotFoundPage />
    </Box>
  ),
  errorComponent: RouteErrorPage,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/connexion', replace: true });
  },
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/connexion',
  component: SignInPage,
});

const backOfficeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/app',
  component: BackOfficeLayout,
  // Unknown /app/* addresses render inside the shell, so the navbar stays usable.
  notFoundComponent: NotFoundPage,
});

const dashboardRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/',
  component: () => <ComingSoonPage label="module.dashboard" />,
});

const mailRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/mail',
  component: MailboxPage,
});

const jobsRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/jobs',
  component: JobsPage,
});

// Catch-all for business modules without a screen yet. Static routes such as /mail win over it.
// Unknown slugs render the not-found state in the component so it stays inside the shell.
const moduleRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/$module',
  component: ModulePlaceholder,
});

function ModulePlaceholder() {
  const { module } = moduleRoute.useParams();
  const found = findBusinessModule(module);
  return found ? <ComingSoonPage key={found.slug} label={found.label} /> : <NotFoundPage />;
}

const routeTree = rootRoute.addChildren([
  indexRoute,
  signInRoute,
  backOfficeRoute.addChildren([dashboardRoute, mailRoute, jobsRoute, moduleRoute]),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
