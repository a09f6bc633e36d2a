import type { ComptoirModule } from '../platform/module.ts';
import { importExportRoutes } from './import-export/import-export.routes.ts';
import { runImportHandler } from './import-export/run-import.handler.ts';
import { externalMappingRoutes } from './external-mappings/external-mappings.routes.ts';
import { negotiatedPriceRoutes } from './negotiated/negotiated-prices.routes.ts';
import { partnersRoutes } from './partners/partners.routes.ts';
import { quoteRoutes } from './pricing/quote.routes.ts';
import { productsRoutes } from './products/products.routes.ts';
import { seedCatalogDemo } from './seed/seed-catalog-demo.ts';
import { versionsRoutes } from './versions/versions.routes.ts';

export const catalogModule: ComptoirModule = {
  name: 'catalog',
  handlers: [runImportHandler],
  routes(app, runtime) {
    partnersRoutes(app, runtime);
    productsRoutes(app, runtime);
    versionsRoutes(app, runtime);
    quoteRoutes(app, runtime);
    importExportRoutes(app, runtime);
    negotiatedPriceRoutes(app, runtime);
    externalMappingRoutes(app, runtime);
  },
  seedDemo: (runtime) => seedCatalogDemo(runtime),
};
