import { and, count, desc, eq, gte, ilike, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { AuthenticatedContext } from '../../../identity/access/auth-context.ts';
import { actorLabel } from '../../../identity/access/auth-context.ts';
import { requirePermission } from '../../../identity/access/guards.ts';
import { inCompanyScope } from '../../../identity/access/scope.ts';
import { appendAudit } from '../../../identity/audit/append-audit.ts';
import { products } from '../../../catalog/schema.ts';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { ProblemError } from '../../../platform/http/problem.ts';
import type { Services } from '../../../platform/services.ts';
import { orders } from '../../schema.ts';
import { type JourneyDefinition, journeyDefinitionSchema, questionnaireOf } from '../rules/journey-definition.ts';
import { allFields } from '../rules/form-rules.ts';
import { PROSPECT_STATUS_LABELS, type ProspectStatus } from '../rules/prospect-status.ts';
import { journeys, journeyVersions, prospectEvents, prospects } from '../schema.ts';
import { readTogether } from '../../../platform/db/read-together.ts';

const journeyScope = { workspaceId: journeys.workspaceId, companyId: journeys.companyId };
const prospectScope = { workspaceId: prospects.workspaceId, companyId: prospects.companyId };

export async function loadScopedJourney(db: DbOrTx, auth: AuthenticatedContext, journeyId: string, permission: 'sales.read' | 'sales.write' = 'sales.read') {
  const [journey] = await db.select().from(journeys).where(and(eq(journeys.id, journeyId), inCompanyScope(journeyScope, auth, permission)));
  if (!journey) throw new ProblemError('notFound', 'Parcours introuvable.');
  return journey;
}

export async function listJourneys(db: DbOrTx, auth: AuthenticatedContext) {
  const rows = await db
    .select({ journey: journeys, product: { sku: products.sku, name: products.name } })
    .from(journeys)
    .innerJoin(products, eq(products.id, journeys.productId))
    .where(inCompanyScope(journeyScope, auth, 'sales.read'))
    .orderBy(journeys.name);
  const counts = await db
    .select({ journeyId: prospects.journeyId, status: prospects.status, value: count() })
    .from(prospects)
    .where(inCompanyScope(prospectScope, auth, 'sales.read'))
    .groupBy(prospects.journeyId, prospects.status);
  return rows.map(({ journey, product }) => ({
    id: journey.id,
    companyId: journey.companyId,
    slug: journey.slug,
    name: journey.name,
    active: journey.active,
    version: journey.version,
    product,
    byStatus: Object.fromEntries(counts.filter((c) => c.journeyId === journey.id).map((c) => [c.status, c.value])) as Partial<Record<ProspectStatus, number>>,
  }));
}

/**
 * A new definition is a new version: prospects already on their way keep the one they started with (their form and
 * price rules never change under them). Invalid definitions are refused with the path of the fault.
 */
export async function updateJourneyDefinition(services: Services, auth: AuthenticatedContext, journeyId: string, input: unknown) {
  const parsed = journeyDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    throw new ProblemError('validation', 'Définition de parcours invalide.', { errors: parsed.error.issues.map((i) => ({ field: ['body', ...i.path].join('.'), message: i.message })) });
  }
  return services.db.transaction(async (tx) => {
    const journey = await loadScopedJourney(tx, auth, journeyId, 'sales.write');
    requirePermission(auth, 'sales.write', journey.companyId);
    const [locked] = await tx.select().from(journeys).where(eq(journeys.id, journey.id)).for('update');
    const version = locked!.version + 1;
    await tx.insert(journeyVersions).values({ journeyId: journey.id, version, definition: parsed.data, createdBy: actorLabel(auth) });
    const [after] = await tx.update(journeys).set({ definition: parsed.data, version, updatedAt: services.clock.now() }).where(eq(journeys.id, journey.id)).returning();
    await appendAudit(tx, auth, { action: 'update', tableName: 'sales.journey', recordId: journey.id, companyId: journey.companyId, before: { version: locked!.version }, after: { version } });
    return after!;
  });
}

export async function setJourneyActive(services: Services, auth: AuthenticatedContext, journeyId: string, patch: { active?: boolean; name?: string }) {
  return services.db.transaction(async (tx) => {
    const journey = await loadScopedJourney(tx, auth, journeyId, 'sales.write');
    const [after] = await tx.update(journeys).set({ ...patch, updatedAt: services.clock.now() }).where(eq(journeys.id, journey.id)).returning();
    await appendAudit(tx, auth, { action: 'update', tableName: 'sales.journey', recordId: journey.id, companyId: journey.companyId, before: { active: journey.active, name: journey.name }, after: patch });
    return after!;
  });
}

export interface ProspectListQuery {
  journeyId?: string;
  status?: ProspectStatus[];
  clientType?: 'particulier' | 'entreprise';
  source?: string;
  q?: string;
  from?: Date;
  to?: Date;
  sort: 'started' | 'activity' | 'activated';
  limit: number;
  offset: number;
}

/** Seed 004's views: "Prospects" (in progress), "Conversions", "Clients actifs" — one list, filtered. */
export async function listProspects(db: DbOrTx, auth: AuthenticatedContext, query: ProspectListQuery) {
  const conditions: SQL[] = [inCompanyScope(prospectScope, auth, 'sales.read')];
  if (query.journeyId) conditions.push(eq(prospects.journeyId, query.journeyId));
  if (query.status?.length) conditions.push(inArray(prospects.status, query.status));
  if (query.clientType) conditions.push(eq(prospects.clientType, query.clientType));
  if (query.source) conditions.push(eq(prospects.source, query.source));
  if (query.from) conditions.push(gte(prospects.startedAt, query.from));
  if (query.to) conditions.push(lt(prospects.startedAt, query.to));
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(prospects.name, like), ilike(prospects.email, like), ilike(prospects.mandateNumber, like))!);
  }
  const where = and(...conditions);
  const order = query.sort === 'activity' ? desc(prospects.lastActivityAt) : query.sort === 'activated' ? desc(prospects.activatedAt) : desc(prospects.startedAt);
  const [rows, [total], sources] = await readTogether(db, [
    () => db.select().from(prospects).where(where).orderBy(order, desc(prospects.id)).limit(query.limit).offset(query.offset),
    () => db.select({ value: count() }).from(prospects).where(where),
    () => db.selectDistinct({ source: prospects.source }).from(prospects).where(inCompanyScope(prospectScope, auth, 'sales.read')),
  ]);
  return { items: rows.map(toProspectSummary), total: total!.value, sources: sources.map((s) => s.source).sort() };
}

export function toProspectSummary(p: typeof prospects.$inferSelect) {
  return {
    id: p.id,
    journeyId: p.journeyId,
    companyId: p.companyId,
    status: p.status,
    statusLabel: PROSPECT_STATUS_LABELS[p.status],
    name: p.name,
    email: p.email,
    phone: p.phone,
    clientType: p.clientType,
    source: p.source,
    offered: p.offered,
    priceAmount: p.priceAmount,
    currency: p.currency,
    mandateNumber: p.mandateNumber,
    startedAt: p.startedAt.toISOString(),
    lastActivityAt: p.lastActivityAt.toISOString(),
    questionnaireCompletedAt: p.questionnaireCompletedAt?.toISOString() ?? null,
    signedAt: p.signedAt?.toISOString() ?? null,
    activatedAt: p.activatedAt?.toISOString() ?? null,
    erasedAt: p.erasedAt?.toISOString() ?? null,
  };
}

export async function loadScopedProspect(db: DbOrTx, auth: AuthenticatedContext, prospectId: string, permission: 'sales.read' | 'sales.write' = 'sales.read') {
  const [prospect] = await db.select().from(prospects).where(and(eq(prospects.id, prospectId), inCompanyScope(prospectScope, auth, permission)));
  if (!prospect) throw new ProblemError('notFound', 'Prospect introuvable.');
  return prospect;
}

/** The advisor's 360° view of one prospect: answers with their labels, the timeline, the order and the price. */
export async function prospectDetail(db: DbOrTx, auth: AuthenticatedContext, prospectId: string) {
  const prospect = await loadScopedProspect(db, auth, prospectId);
  const [[version], events, [order]] = await readTogether(db, [
    () => db.select().from(journeyVersions).where(and(eq(journeyVersions.journeyId, prospect.journeyId), eq(journeyVersions.version, prospect.journeyVersion))),
    () => db.select().from(prospectEvents).where(eq(prospectEvents.prospectId, prospect.id)).orderBy(prospectEvents.at, prospectEvents.id),
    () => prospect.orderId ? db.select({ id: orders.id, number: orders.number, status: orders.status, totalInclTax: orders.totalInclTax, currency: orders.currency }).from(orders).where(eq(orders.id, prospect.orderId)) : Promise.resolve([]),
  ]);
  const definition = version!.definition as JourneyDefinition;
  const labels = allFields(questionnaireOf(definition)).map((f) => ({ id: f.id, label: f.label, type: f.type, options: f.options ?? null }));
  return {
    ...toProspectSummary(prospect),
    answers: prospect.answers,
    fields: labels,
    consent: prospect.consentedAt ? { version: prospect.consentVersion, text: prospect.consentText, at: prospect.consentedAt.toISOString() } : null,
    quote: prospect.quote,
    recommendation: prospect.recommendation,
    signatureRequestId: prospect.signatureRequestId,
    order: order ?? null,
    publicUrl: prospect.erasedAt ? null : `/parcours/p/${prospect.token}`,
    events: events.map((e) => ({ id: e.id, kind: e.kind, fromStatus: e.fromStatus, toStatus: e.toStatus, detail: e.detail, at: e.at.toISOString() })),
  };
}

