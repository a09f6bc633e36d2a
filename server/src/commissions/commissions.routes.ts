import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { resolveAccounts } from '../accounting/ledger/mappings.ts';
import { products, productVersions } from '../catalog/schema.ts';
import type { AuthContext, AuthenticatedContext } from '../identity/access/auth-context.ts';
import { requirePermission } from '../identity/access/guards.ts';
import { companies, memberships, users } from '../identity/schema.ts';
import type { Permission } from '../identity/permissions.ts';
import { ProblemError } from '../platform/http/problem.ts';
import type { App, Runtime } from '../platform/module.ts';
import { CommissionError, type Currency, simulate } from './engine/index.ts';
import { loadProductScheme, recomputeCommissions } from './lines/recompute-commissions.ts';
import { statementTotals } from './rules/facts.ts';
import { commissionLines } from './schema.ts';

const tags = ['commissions'];
const companyParams = z.object({ companyId: z.uuid() });
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'période AAAA-MM');

async function companyInScope(runtime: Runtime, auth: AuthContext, companyId: string, permission: Permission): Promise<{ company: typeof companies.$inferSelect; auth: AuthenticatedContext }> {
  requirePermission(auth, permission, companyId);
  const [company] = await runtime.db.select().from(companies).where(and(eq(companies.id, companyId), eq(companies.workspaceId, auth.workspace.id)));
  if (!company) throw new ProblemError('notFound', 'Société introuvable.');
  return { company, auth };
}

/** Issue #8: the simulator (Annex E §2.4), commission lines and statements per salesperson, manager and partner. */
export function commissionsRoutes(app: App, runtime: Runtime): void {
  app.post(
    '/api/commissions/companies/:companyId/simulate',
    {
      schema: {
        tags,
        summary: 'Simulate a month of sales of a product: commission per tier and split, and the entries it would post',
        params: companyParams,
        body: z.object({ productId: z.uuid(), versionId: z.uuid().optional().describe('Simulate this version of the product (default: the version in force)'), volume: z.number().int().min(0).max(100_000), amount: z.number().int().min(0).max(1e13), margin: z.number().int().min(0).optional(), date: z.iso.date().optional(), vatRateBp: z.number().int().min(0).max(10_000).optional() }),
      },
    },
    async (request) => {
      const { company } = await companyInScope(runtime, request.auth, request.params.companyId, 'pricing.simulate');
      const [product] = await runtime.db.select().from(products).where(and(eq(products.id, request.body.productId), eq(products.companyId, company.id)));
      if (!product) throw new ProblemError('validation', 'Produit inconnu pour cette société.', { errors: [{ field: 'body.productId', message: 'produit inconnu' }] });
      const now = runtime.clock.now();
      const loaded = await loadProductScheme(runtime.db, product.id, now, request.body.versionId);
      if (request.body.versionId && loaded === null) {
        const [own] = await runtime.db.select({ id: productVersions.id }).from(productVersions).where(and(eq(productVersions.id, request.body.versionId), eq(productVersions.productId, product.id)));
        if (!own) throw new ProblemError('validation', 'Version inconnue pour ce produit.', { errors: [{ field: 'body.versionId', message: 'version inconnue' }] });
      }
      const { plan } = await resolveAccounts(runtime.db, company.id, product.id, now);
      const date = request.body.date ?? now.toISOString().slice(0, 10);
      try {
        const result = simulate({ company: { name: company.brandName, timeZone: company.timeZone, currency: company.currency as Currency }, scheme: loaded?.scheme ?? null, volume: request.body.volume, amount: request.body.amount, margin: request.body.margin, date, vatRateBp: request.body.vatRateBp, accounts: plan });
        return { product: { id: product.id, sku: product.sku, name: product.name, revenueModel: product.revenueModel }, hasScheme: loaded !== null, mode: loaded?.scheme.mode ?? null, ...result, lines: result.lines.slice(0, 200) };
      } catch (error) {
        if (error instanceof CommissionError) throw new ProblemError('validation', error.message, { errors: [{ field: `body.${error.field}`, message: error.message }] });
        throw error;
      }
    },
  );

  app.get(
    '/api/commissions/companies/:companyId/statements',
    { schema: { tags, summary: 'Statements of a period: totals per beneficiary (salesperson, manager, partner…) and their lines', params: companyParams, querystring: z.object({ period, role: z.enum(['company', 'salesperson', 'manager', 'partner', 'platform']).optional() }) } },
    async (request) => {
      const { auth } = await companyInScope(runtime, request.auth, request.params.companyId, 'commissions.read');
      const filters = [eq(commissionLines.workspaceId, auth.workspace.id), eq(commissionLines.companyId, request.params.companyId), eq(commissionLines.period, request.query.period)];
      if (request.query.role) filters.push(eq(commissionLines.role, request.query.role));
      const lines = await runtime.db
        .select({ id: commissionLines.id, saleId: commissionLines.saleId, productSku: products.sku, kind: commissionLines.kind, role: commissionLines.role, beneficiary: commissionLines.beneficiary, eventDate: commissionLines.eventDate, dueDate: commissionLines.dueDate, status: commissionLines.status, base: commissionLines.base, rate: commissionLines.rate, tier: commissionLines.tier, commission: commissionLines.commission, share: commissionLines.share, amount: commissionLines.amount, currency: commissionLines.currency, explanation: commissionLines.explanation })
        .from(commissionLines)
        .innerJoin(products, eq(products.id, commissionLines.productId))
        .where(and(...filters))
        .orderBy(asc(commissionLines.role), asc(commissionLines.beneficiary), asc(commissionLines.eventDate))
        .limit(2_000);
      // Salespeople and managers are users: their names, for the members of this workspace only.
      const ids = [...new Set(lines.map((l) => l.beneficiary).filter((b): b is string => Boolean(b && /^[0-9a-f-]{36}$/.test(b))))];
      const people = ids.length
        ? await runtime.db
            .selectDistinct({ id: users.id, name: users.displayName })
            .from(users)
            .innerJoin(memberships, eq(memberships.userId, users.id))
            .where(and(inArray(users.id, ids), eq(memberships.workspaceId, auth.workspace.id)))
        : [];
      const names = Object.fromEntries(people.map((p) => [p.id, p.name]));
      return { period: request.query.period, totals: statementTotals(lines).map((t) => ({ ...t, beneficiaryName: t.beneficiary ? (names[t.beneficiary] ?? t.beneficiary) : null })), lines };
    },
  );

  app.post(
    '/api/commissions/companies/:companyId/recompute',
    { schema: { tags, summary: 'Recompute the commission lines of every product of the company (idempotent)', params: companyParams } },
    async (request) => {
      const { company } = await companyInScope(runtime, request.auth, request.params.companyId, 'commissions.manage');
      const list = await runtime.db.select({ id: products.id }).from(products).where(eq(products.companyId, company.id));
      let lines = 0;
      let postedEvents = 0;
      for (const product of list) {
        const result = await runtime.db.transaction((tx) => recomputeCommissions(tx, runtime.clock, product.id));
        lines += result.lines;
        postedEvents += result.postedEvents;
      }
      const [count] = await runtime.db.select({ n: sql<number>`count(*)::int` }).from(commissionLines).where(eq(commissionLines.companyId, company.id));
      return { products: list.length, lines, postedEvents, stored: count?.n ?? 0 };
    },
  );
}
