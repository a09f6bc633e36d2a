import type { ComptoirModule } from '../platform/module.ts';
import { commissionsRoutes } from './commissions.routes.ts';
import { recomputeCommissionsHandler } from './lines/commissions.handlers.ts';
import { commissionsRecomputeQueue } from './lines/recompute-queue.ts';

/** Issue #8: commission lines from sales and payments (engine in ./engine), statements and the simulator. */
export const commissionsModule: ComptoirModule = {
  name: 'commissions',
  handlers: [recomputeCommissionsHandler],
  tableQueues: [commissionsRecomputeQueue],
  routes(app, runtime) {
    commissionsRoutes(app, runtime);
  },
};
