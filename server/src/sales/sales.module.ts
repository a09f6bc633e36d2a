import type { ComptoirModule } from '../platform/module.ts';
import { ordersRoutes } from './orders/orders.routes.ts';

/** Issue #5's order part of sales: customers, orders frozen from quotes, subscriptions. */
export const salesModule: ComptoirModule = {
  name: 'sales',
  routes(app, runtime) {
    ordersRoutes(app, runtime);
  },
};
