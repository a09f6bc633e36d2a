import type { ComptoirModule } from '../platform/module.ts';
import { abandonIdleProspectsTask } from './journeys/activation/abandon-idle-prospects.task.ts';
import { eraseAbandonedProspectsTask } from './journeys/gdpr/erase-abandoned-prospects.task.ts';
import { activateProspectHandler, followClientSubscriptionHandler, prospectSignedHandler, recordClientRenewalHandler } from './journeys/activation/activation.handlers.ts';
import { journeyAdminRoutes } from './journeys/admin/journey-admin.routes.ts';
import { journeyPublicRoutes } from './journeys/public/journey-public.routes.ts';
import { seedJourneysDemo } from './journeys/seed/seed-journeys-demo.ts';
import { ordersRoutes } from './orders/orders.routes.ts';

/** Sales: customers, orders frozen from quotes, subscriptions (issue #5) and the journey engine (issue #7). */
export const salesModule: ComptoirModule = {
  name: 'sales',
  handlers: [activateProspectHandler, prospectSignedHandler, followClientSubscriptionHandler, recordClientRenewalHandler],
  schedules: [abandonIdleProspectsTask, eraseAbandonedProspectsTask],
  routes(app, runtime) {
    ordersRoutes(app, runtime);
    journeyPublicRoutes(app, runtime);
    journeyAdminRoutes(app, runtime);
  },
  seedDemo: (runtime) => seedJourneysDemo(runtime),
};
