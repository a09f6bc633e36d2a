import type { ComptoirModule } from '../platform/module.ts';
import { commissionsRoutes } from './commissions.routes.ts';
import { recomputeCommissionsHandler } from './lines/commissions.handlers.ts';

/** Issue #8: commission lines from sales and payments (engine in ./engine), statements and the simulator. */
export const commissionsModule: ComptoirModule = {
  name: 'commissions',
  handlers: [recomputeCommissionsHandler],
  routes(app, runtime) {
    commissionsRoutes(app, runtime);
  },
};
