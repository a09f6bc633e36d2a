import type { ComptoirModule } from '../platform/module.ts';
import { partnersRoutes } from './partners/partners.routes.ts';
import { quoteRoutes } from './pricing/quote.routes.ts';
import { productsRoutes } from './products/products.routes.ts';
import { seedCatalogDemo } from './seed/seed-catalog-demo.ts';
import { versionsRoutes } from './versions/versions.routes.ts';

export const catalogModule: ComptoirModule = {
  name: 'catalog',
  routes(app, runtime) {
    partnersRoutes(app, runtime);
    productsRoutes(app, runtime);
    versionsRoutes(app, runtime);
    quoteRoutes(app, runtime);
  },
  seedDemo: (runtime) => seedCatalogDemo(runtime),
};
