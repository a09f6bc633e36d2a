import type { ComptoirModule } from './platform/module.ts';
import { catalogModule } from './catalog/catalog.module.ts';
import { documentsModule } from './documents/documents.module.ts';
import { commissionsModule } from './commissions/commissions.module.ts';
import { identityModule } from './identity/identity.module.ts';
import { accountingModule } from './accounting/accounting.module.ts';
import { invoicingModule } from './invoicing/invoicing.module.ts';
import { notificationsModule } from './notifications/notifications.module.ts';
import { paymentsModule } from './payments/payments.module.ts';
import { platformModule } from './platform/platform.module.ts';
import { salesModule } from './sales/sales.module.ts';
import { signatureModule } from './signature/signature.module.ts';

/**
 * Every bounded context of Comptoir, in dependency order. A module joins the
 * application by being listed here (its schema joins platform/db/schema.ts).
 */
export const modules: readonly ComptoirModule[] = [platformModule, identityModule, catalogModule, salesModule, paymentsModule, invoicingModule, notificationsModule, signatureModule, documentsModule, accountingModule, commissionsModule];
