import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import type { Services } from '../../platform/services.ts';
import type { AuthenticatedContext } from '../../identity/access/auth-context.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies } from '../../identity/schema.ts';
import { loadProduct, type ProductRow } from '../catalog-scope.ts';
import { dateInZone, startOfDayInZone } from '../pricing/zoned-date.ts';
import { overlappingAgreement } from '../rules/negotiated-overlap.ts';
import { negotiatedPrices, productPlans, productVersions } from '../schema.ts';
import type { CreateNegotiatedPriceInput, UpdateNegotiatedPriceInput } from './negotiated-price-input.ts';

type NegotiatedPriceRow = typeof negotiatedPrices.$inferSelect;
type Values = Pick<NegotiatedPriceRow, 'customerRef' | 'planCode' | 'amount' | 'validFrom' | 'validTo'>;

const invalid = (field: string, message: string, detail: string) => new ProblemError('validation', detail, { errors: [{ field: `body.${field}`, message }] });

/** A day is read in the company's zone (its first instant); an instant is kept as sent. */
function toInstant(bound: string | null | undefined, timeZone: string): Date | null | undefined {
  if (bound === undefined || bound === null) return bound;
  return /^\d{4}-\d{2}-\d{2}$/.test(bound) ? startOfDayInZone(bound, timeZone) : new Date(bound);
}

async function timeZoneOf(tx: DbOrTx, product: ProductRow): Promise<string> {
  const [company] = await tx.select({ timeZone: companies.timeZone }).from(companies).where(eq(companies.id, product.companyId));
  return company!.timeZone;
}

/** Refuses what the engine could not apply unambiguously: reversed periods, unknown plans, overlapping agreements. */
async function assertCoherent(tx: DbOrTx, product: ProductRow, timeZone: string, candidate: Values & { id?: string }): Promise<void> {
  if (candidate.validFrom && candidate.validTo && candidate.validTo < candidate.validFrom) {
    throw invalid('validTo', 'la fin précède le début', 'La fin de validité précède son début.');
  }
  if (candidate.planCode) {
    const plans = await tx
      .selectDistinct({ code: productPlans.code })
      .from(productPlans)
      .innerJoin(productVersions, eq(productVersions.id, productPlans.productVersionId))
      .where(eq(productVersions.productId, product.id));
    if (!plans.some((p) => p.code === candidate.planCode)) throw invalid('planCode', 'formule inconnue', `Le produit n’a pas de formule « ${candidate.planCode} ».`);
  }
  const existing = await tx.select().from(negotiatedPrices).where(and(eq(negotiatedPrices.productId, product.id), eq(negotiatedPrices.customerRef, candidate.customerRef)));
  const other = overlappingAgreement(candidate, existing);
  if (other) {
    const day = (d: Date | null) => (d ? dateInZone(d, timeZone) : '…');
    throw new ProblemError('conflict', `Un prix est déjà négocié avec ${candidate.customerRef} pour cette formule sur une partie de cette période (${day(other.validFrom)} → ${day(other.validTo)}).`, {
      errors: [{ field: 'body.validFrom', message: `chevauche l’accord ${day(other.validFrom)} → ${day(other.validTo)}` }],
    });
  }
}

export async function listNegotiatedPrices(db: DbOrTx, auth: AuthenticatedContext, productId: string): Promise<NegotiatedPriceRow[]> {
  const product = await loadProduct(db, auth, productId, 'sales.read');
  return db.select().from(negotiatedPrices).where(eq(negotiatedPrices.productId, product.id)).orderBy(asc(negotiatedPrices.customerRef), asc(negotiatedPrices.validFrom));
}

export async function createNegotiatedPrice(services: Services, auth: AuthenticatedContext, productId: string, input: CreateNegotiatedPriceInput): Promise<NegotiatedPriceRow> {
  return services.db.transaction(async (tx) => {
    const product = await loadProduct(tx, auth, productId, 'catalog.write', true);
    const timeZone = await timeZoneOf(tx, product);
    const values: Values = {
      customerRef: input.customerRef,
      planCode: input.planCode || null,
      amount: input.amount,
      validFrom: toInstant(input.validFrom, timeZone) ?? null,
      validTo: toInstant(input.validTo, timeZone) ?? null,
    };
    await assertCoherent(tx, product, timeZone, values);
    const [created] = await tx
      .insert(negotiatedPrices)
      .values({ workspaceId: auth.workspace.id, productId: product.id, ...values })
      .returning();
    await appendAudit(tx, auth, { action: 'create', tableName: 'catalog.negotiated_price', recordId: created!.id, companyId: product.companyId, after: created! });
    return created!;
  });
}

async function loadAgreement(tx: DbOrTx, auth: AuthenticatedContext, negotiatedPriceId: string) {
  const [row] = await tx.select().from(negotiatedPrices).where(and(eq(negotiatedPrices.id, negotiatedPriceId), eq(negotiatedPrices.workspaceId, auth.workspace.id)));
  if (!row) throw new ProblemError('notFound', 'Negotiated price not found.');
  const product = await loadProduct(tx, auth, row.productId, 'catalog.write', true);
  return { row, product };
}

/** Changes an agreement; ending one is setting its last day (`validTo`). */
export async function updateNegotiatedPrice(services: Services, auth: AuthenticatedContext, negotiatedPriceId: string, patch: UpdateNegotiatedPriceInput): Promise<NegotiatedPriceRow> {
  return services.db.transaction(async (tx) => {
    const { row, product } = await loadAgreement(tx, auth, negotiatedPriceId);
    const timeZone = await timeZoneOf(tx, product);
    const values: Values = {
      customerRef: patch.customerRef ?? row.customerRef,
      planCode: patch.planCode === undefined ? row.planCode : patch.planCode || null,
      amount: patch.amount ?? row.amount,
      validFrom: patch.validFrom === undefined ? row.validFrom : (toInstant(patch.validFrom, timeZone) ?? null),
      validTo: patch.validTo === undefined ? row.validTo : (toInstant(patch.validTo, timeZone) ?? null),
    };
    await assertCoherent(tx, product, timeZone, { ...values, id: row.id });
    const [updated] = await tx.update(negotiatedPrices).set(values).where(eq(negotiatedPrices.id, row.id)).returning();
    await appendAudit(tx, auth, { action: 'update', tableName: 'catalog.negotiated_price', recordId: row.id, companyId: product.companyId, before: row, after: updated! });
    return updated!;
  });
}

export async function deleteNegotiatedPrice(services: Services, auth: AuthenticatedContext, negotiatedPriceId: string): Promise<void> {
  await services.db.transaction(async (tx) => {
    const { row, product } = await loadAgreement(tx, auth, negotiatedPriceId);
    await tx.delete(negotiatedPrices).where(eq(negotiatedPrices.id, row.id));
    await appendAudit(tx, auth, { action: 'delete', tableName: 'catalog.negotiated_price', recordId: row.id, companyId: product.companyId, before: row });
  });
}
