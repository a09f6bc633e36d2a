import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { resolveAccounts } from '../../accounting/ledger/mappings.ts';
import { postEntry } from '../../accounting/ledger/post-entry.ts';
import { reverseEntries } from '../../accounting/ledger/reverse-entries.ts';
import { fromEngineEntry } from '../../accounting/rules/entries.ts';
import { dateInZone } from '../../catalog/pricing/zoned-date.ts';
import { commissionSchemes, commissionTiers, partners, products, productVersions } from '../../catalog/schema.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { auditLog, companies } from '../../identity/schema.ts';
import { paymentAttempts } from '../../payments/schema.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/services.ts';
import { orders, subscriptions } from '../../sales/schema.ts';
import { type CommissionLine, type CommissionScheme, type Currency, commissionEntries, computeCommissions, optionsFromCatalogParams, schemeFromCatalog } from '../engine/index.ts';
import { engineFacts, eventDigest, eventKey, lineKey, type OrderFacts } from '../rules/facts.ts';
import { commissionLines } from '../schema.ts';

export interface ProductScheme {
  product: typeof products.$inferSelect;
  partnerName: string | null;
  scheme: CommissionScheme;
  currency: Currency;
  timeZone: string;
  companyName: string;
}

/** The product's commission scheme in its latest version effective at `at` (the general one, not a plan's), or null. */
/** The scheme of the version in force at `at`, or of `versionId` (one of the product's versions: the scheme editor's preview). */
export async function loadProductScheme(tx: DbOrTx, productId: string, at: Date, versionId?: string): Promise<ProductScheme | null> {
  const [row] = await tx
    .select({ product: products, partnerName: partners.name, currency: companies.currency, timeZone: companies.timeZone, companyName: companies.brandName })
    .from(products)
    .innerJoin(companies, eq(companies.id, products.companyId))
    .leftJoin(partners, eq(partners.id, products.partnerId))
    .where(eq(products.id, productId));
  if (!row) return null;
  const [version] = await tx
    .select({ id: productVersions.id })
    .from(productVersions)
    .where(and(eq(productVersions.productId, productId), versionId ? eq(productVersions.id, versionId) : lte(productVersions.effectiveFrom, at)))
    .orderBy(desc(productVersions.effectiveFrom))
    .limit(1);
  if (!version) return null;
  const schemes = await tx.select().from(commissionSchemes).where(eq(commissionSchemes.productVersionId, version.id));
  const schemeRow = schemes.find((s) => s.planId === null) ?? schemes[0];
  if (!schemeRow) return null;
  const tiers = await tx.select().from(commissionTiers).where(eq(commissionTiers.schemeId, schemeRow.id));
  const currency = row.currency as Currency;
  const scheme = schemeFromCatalog(schemeRow, tiers, { sku: row.product.sku, revenueModel: row.product.revenueModel as 'revenue' | 'commission' | 'mixed', currency }, optionsFromCatalogParams(schemeRow.params));
  return { product: row.product, partnerName: row.partnerName, scheme, currency, timeZone: row.timeZone, companyName: row.companyName };
}

async function orderFacts(tx: DbOrTx, productId: string, partnerId: string | null): Promise<OrderFacts[]> {
  const rows = await tx.select().from(orders).where(and(eq(orders.productId, productId), sql`${orders.paidAt} is not null`));
  if (rows.length === 0) return [];
  const ids = rows.map((o) => o.id);
  const payments = await tx.select({ orderId: paymentAttempts.orderId, kind: paymentAttempts.kind, status: paymentAttempts.status, succeededAt: paymentAttempts.succeededAt }).from(paymentAttempts).where(inArray(paymentAttempts.orderId, ids));
  const subs = await tx.select({ orderId: subscriptions.orderId, cancelledAt: subscriptions.cancelledAt }).from(subscriptions).where(inArray(subscriptions.orderId, ids));
  const creators = await tx.select({ recordId: auditLog.recordId, actor: auditLog.actorUserId }).from(auditLog).where(and(eq(auditLog.tableName, 'sales.order'), eq(auditLog.action, 'create'), inArray(auditLog.recordId, ids)));
  return rows.map((order) => ({
    orderId: order.id,
    paidAt: order.paidAt,
    amountExclTax: order.totalExclTax,
    salesperson: creators.find((c) => c.recordId === order.id)?.actor ?? null,
    partner: partnerId,
    status: order.status,
    payments: payments.filter((p) => p.orderId === order.id),
    cancelledAt: subs.find((s) => s.orderId === order.id)?.cancelledAt ?? (order.status === 'refunded' ? order.updatedAt : null),
  }));
}

/**
 * Recomputes a product's commission lines from its orders, payments, renewals and cancellations, and brings the ledger
 * in line: for every event whose lines changed, the entries posted before are reversed and the new ones posted (engine
 * Annex F builders). Idempotent: run twice on the same facts, it changes nothing (a per-product advisory lock
 * serialises concurrent runs; unchanged events keep their digest).
 */
export async function recomputeCommissions(tx: DbOrTx, clock: Clock, productId: string): Promise<{ lines: number; postedEvents: number }> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`commissions:${productId}`}, 0))`);
  const now = clock.now();
  const loaded = await loadProductScheme(tx, productId, now);
  if (!loaded) return { lines: 0, postedEvents: 0 };
  const { product, scheme } = loaded;
  const facts = engineFacts(await orderFacts(tx, productId, product.partnerId));
  const until = dateInZone(now, loaded.timeZone);
  const result = computeCommissions({ company: { name: loaded.companyName, timeZone: loaded.timeZone, currency: loaded.currency }, scheme, ...facts, until });

  const existing = await tx.select().from(commissionLines).where(and(eq(commissionLines.productId, productId), eq(commissionLines.workspaceId, product.workspaceId)));
  const byKey = new Map(existing.map((l) => [l.lineKey, l]));
  const seen = new Set<string>();
  const groups = new Map<string, CommissionLine[]>();
  for (const line of result.lines) {
    const key = lineKey(line);
    seen.add(key);
    const group = eventKey(line);
    groups.set(group, [...(groups.get(group) ?? []), line]);
    const values = {
      workspaceId: product.workspaceId,
      companyId: product.companyId,
      productId,
      lineKey: key,
      eventKey: group,
      saleId: line.saleId,
      kind: line.kind,
      role: line.role,
      beneficiary: line.beneficiary,
      period: line.period,
      eventDate: line.eventDate,
      dueDate: line.dueDate,
      status: line.status,
      base: line.base,
      rate: line.rate,
      tier: line.tier,
      commission: line.commission,
      share: line.share,
      amount: line.amount,
      currency: loaded.currency,
      explanation: line.explanation,
      computedAt: now,
    };
    const before = byKey.get(key);
    if (!before) await tx.insert(commissionLines).values(values);
    else if (before.amount !== line.amount || before.status !== line.status || before.commission !== line.commission || before.dueDate !== line.dueDate || before.explanation !== line.explanation) {
      await tx.update(commissionLines).set(values).where(eq(commissionLines.id, before.id));
    }
  }
  // Lines the engine no longer produces (a fact that changed) keep their row, at zero.
  for (const line of existing) {
    if (seen.has(line.lineKey) || (line.amount === 0 && line.status === 'annulee')) continue;
    await tx.update(commissionLines).set({ amount: 0, commission: 0, status: 'annulee', computedAt: now }).where(eq(commissionLines.id, line.id));
    if (!groups.has(line.eventKey)) groups.set(line.eventKey, []);
  }

  // The ledger: one version of entries per event and digest.
  const { plan } = await resolveAccounts(tx, product.companyId, productId, now);
  const scope = { workspaceId: product.workspaceId, companyId: product.companyId };
  const incomeFromPartner = product.revenueModel !== 'revenue';
  let postedEvents = 0;
  for (const [group, lines] of groups) {
    const stored = existing.filter((l) => l.eventKey === group);
    const previous = stored.find((l) => l.postedKey)?.postedKey ?? null;
    const empty = lines.every((l) => l.amount === 0 && l.commission === 0);
    const digest = empty ? 'none' : eventDigest(lines);
    const previousDigest = previous?.split(':').at(-2) ?? null;
    if (previous ? previousDigest === digest : empty) continue;
    if (previous) await reverseEntries(tx, scope, `${previous}#`);
    const seq = previous ? Number(previous.split(':').at(-1)) + 1 : 1;
    const versionKey = empty ? null : `commission:${productId}:${group}:${digest}:${seq}`;
    if (versionKey) {
      const entries = commissionEntries(lines, scheme.mode, incomeFromPartner, plan);
      for (const [index, entry] of entries.entries()) {
        await postEntry(tx, scope, fromEngineEntry(entry, { sourceKey: `${versionKey}#${index}`, pieceRef: entry.saleId ?? group, currency: loaded.currency, productSku: product.sku, partnerName: loaded.partnerName, contractRef: lines[0]?.saleId && /^[0-9a-f-]{36}$/.test(lines[0].saleId) ? lines[0].saleId : null }));
      }
    }
    await tx.update(commissionLines).set({ postedKey: versionKey ?? `commission:${productId}:${group}:none:${seq}` }).where(and(eq(commissionLines.productId, productId), eq(commissionLines.eventKey, group)));
    postedEvents++;
  }
  if (postedEvents > 0) {
    await appendAudit(tx, { kind: 'anonymous', requestId: 'commissions' }, { action: 'recompute', tableName: 'commissions.line', recordId: productId, companyId: product.companyId, after: { lines: result.lines.length, postedEvents } }, { workspaceId: product.workspaceId, actorLabel: 'system:commissions' });
  }
  return { lines: result.lines.length, postedEvents };
}
