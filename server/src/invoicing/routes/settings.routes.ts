import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../identity/access/guards.ts';
import { requireAuthenticated } from '../../identity/access/guards.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies } from '../../identity/schema.ts';
import type { App, Runtime } from '../../platform/module.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { validInvoicePrefix } from '../rules/invoice-number.ts';
import { invoicingSettings } from '../schema.ts';

const tags = ['invoicing'];
const prefix = z.string().refine(validInvoicePrefix, 'majuscules, chiffres et tirets, 12 caractères au plus');
const settingsSchema = z.object({
  invoicePrefix: prefix,
  creditNotePrefix: prefix,
  legalMention: z.string().trim().max(200).nullable(),
  registration: z.string().trim().max(120).nullable(),
  iban: z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, 'IBAN sans espaces').nullable(),
  bic: z.string().regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'BIC de 8 ou 11 caractères').nullable(),
  vatFranchise: z.enum(['none', 'fr_293b']),
  paymentTermsDays: z.number().int().min(0).max(60),
});

/** Per company: numbering prefixes (`F`, `AV`…), legal mentions, bank details, VAT franchise. */
export function invoicingSettingsRoutes(app: App, runtime: Runtime): void {
  const params = z.object({ companyId: z.uuid() });
  const loadCompany = async (workspaceId: string, companyId: string) => {
    const [company] = await runtime.db.select().from(companies).where(and(eq(companies.id, companyId), eq(companies.workspaceId, workspaceId)));
    if (!company) throw new ProblemError('notFound', 'Société introuvable.');
    return company;
  };

  app.get('/api/invoicing/settings/:companyId', { schema: { tags, summary: 'A company’s invoicing settings', params, response: { 200: settingsSchema } } }, async (request) => {
    const { auth } = request;
    requireAuthenticated(auth);
    const company = await loadCompany(auth.workspace.id, request.params.companyId);
    requirePermission(auth, 'invoicing.read', company.id);
    await runtime.db.insert(invoicingSettings).values({ companyId: company.id }).onConflictDoNothing();
    const [row] = await runtime.db.select().from(invoicingSettings).where(eq(invoicingSettings.companyId, company.id));
    return row!;
  });

  app.put(
    '/api/invoicing/settings/:companyId',
    { schema: { tags, summary: 'Change a company’s invoicing settings (applies to documents issued from now on)', params, body: settingsSchema, response: { 200: settingsSchema } } },
    async (request) => {
      const { auth } = request;
      requireAuthenticated(auth);
      const company = await loadCompany(auth.workspace.id, request.params.companyId);
      requirePermission(auth, 'invoicing.issue', company.id);
      return runtime.db.transaction(async (tx) => {
        await tx.insert(invoicingSettings).values({ companyId: company.id }).onConflictDoNothing();
        const [before] = await tx.select().from(invoicingSettings).where(eq(invoicingSettings.companyId, company.id)).for('update');
        const [after] = await tx.update(invoicingSettings).set({ ...request.body, updatedAt: new Date() }).where(eq(invoicingSettings.companyId, company.id)).returning();
        await appendAudit(tx, auth, { action: 'update', tableName: 'invoicing.company_settings', recordId: company.id, companyId: company.id, before, after });
        return after!;
      });
    },
  );
}
