import type { ComptoirModule } from '../platform/module.ts';
import { notificationsRoutes } from './notifications.routes.ts';

/** In-app notifications and owner alerts (PRODUCT.md `notifications`); other modules call `notify`. */
export const notificationsModule: ComptoirModule = {
  name: 'notifications',
  routes(app, runtime) {
    notificationsRoutes(app, runtime);
  },
};
