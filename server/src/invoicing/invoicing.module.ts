import type { ComptoirModule } from '../platform/module.ts';
import { renderInvoiceHandler } from './delivery/render-invoice.handler.ts';
import { issueCreditNoteHandler, issueInvoiceHandler } from './issue/issue-invoice.handlers.ts';
import { customerInvoicesRoutes } from './routes/customer-invoices.routes.ts';
import { invoicesRoutes } from './routes/invoices.routes.ts';
import { invoicingSettingsRoutes } from './routes/settings.routes.ts';
import { seedInvoicingDemo } from './seed/seed-invoicing-demo.ts';

/** Issue #6: paid invoices and credit notes, gap-free numbering, Factur-X and the Swiss QR-bill, delivery. */
export const invoicingModule: ComptoirModule = {
  name: 'invoicing',
  handlers: [issueInvoiceHandler, issueCreditNoteHandler, renderInvoiceHandler],
  routes(app, runtime) {
    invoicesRoutes(app, runtime);
    invoicingSettingsRoutes(app, runtime);
    customerInvoicesRoutes(app, runtime);
  },
  seedDemo: (runtime) => seedInvoicingDemo(runtime),
};
