import type { ComptoirModule } from '../platform/module.ts';
import { accountingRoutes } from './accounting.routes.ts';
import { monthlyExportsTask } from './exports/monthly-exports.task.ts';
import { postInvoiceHandler, postPaymentHandler } from './ledger/ledger.handlers.ts';

/** Issue #8: the ledger from business events, accounting mappings and the accountants' exports (seed 003 Annex F). */
export const accountingModule: ComptoirModule = {
  name: 'accounting',
  handlers: [postInvoiceHandler, postPaymentHandler],
  schedules: [monthlyExportsTask],
  routes(app, runtime) {
    accountingRoutes(app, runtime);
  },
};
