import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateInZone } from '../catalog/pricing/zoned-date.ts';
import { companies } from '../identity/schema.ts';
import { invoices } from '../invoicing/schema.ts';
import { seedInvoicingDemo } from '../invoicing/seed/seed-invoicing-demo.ts';
import { paymentAttempts } from '../payments/schema.ts';
import { type PaymentsHarness, startPaymentsHarness } from '../payments/test/payments-harness.ts';
import { orders } from '../sales/schema.ts';
import type { SignedIn } from '../../test/support/identity-fixtures.ts';
import { eventually } from '../../test/support/test-runtime.ts';
import { generateMonthlyExports } from './exports/monthly-exports.task.ts';
import { postInvoiceHandler, postPaymentHandler } from './ledger/ledger.handlers.ts';
import { postInvoice, postPayment } from './ledger/post-business-events.ts';
import { accountingExports, ledgerEntries, ledgerLines } from './schema.ts';

/**
 * Issue #8 end to end: a paid order posts its payment and its invoice, a credit note and its refund post the reversal,
 * replays post nothing, the database refuses unbalanced or edited entries, and the exports stream, are journaled and
 * download again with their SHA-256.
 */
let h: PaymentsHarness;
let admin: SignedIn;

beforeAll(async () => {
  h = await startPaymentsHarness();
  await seedInvoicingDemo(h.test.runtime);
  admin = await h.signIn('admin@winvest.demo');
});
afterAll(() => h?.close());

const db = () => h.test.runtime.db;

async function entriesOf(orderId: string) {
  const rows = await db().select().from(ledgerEntries).where(eq(ledgerEntries.contractRef, orderId));
  const lines = rows.length ? await db().select().from(ledgerLines).where(inArray(ledgerLines.entryId, rows.map((r) => r.id))) : [];
  return rows.map((entry) => ({ ...entry, lines: lines.filter((l) => l.entryId === entry.id).sort((a, b) => a.position - b.position) }));
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return `${(error as Error).message} ${cause?.message ?? ''}`;
  }
}

const accounts = (entry: { lines: { account: string; debit: number; credit: number }[] }) => entry.lines.map((l) => [l.account, l.debit, l.credit]);

describe('ledger from business events', () => {
  let orderId: string;
  let companyId: string;

  it('posts the payment and the paid invoice, balanced and numbered per journal', async () => {
    const order = await h.createOrder(admin, { customer: { kind: 'person', name: 'Jeanne Compta', email: 'jeanne.compta@example.fr' }, quote: { sku: 'DEP-SERVICE-001' } });
    orderId = order.id;
    const checkout = await h.checkout(admin, order.id);
    await h.pay(checkout.url!, '4242424242424242');
    const entries = await eventually(async () => {
      const list = await entriesOf(order.id);
      return list.length === 2 ? list : undefined;
    }, 'payment and invoice entries');
    const [row] = await db().select({ companyId: orders.companyId }).from(orders).where(eq(orders.id, order.id));
    companyId = row!.companyId;
    const invoice = entries.find((e) => e.journal === 'VE')!;
    const payment = entries.find((e) => e.journal === 'BQ')!;
    expect(invoice.number).toMatch(/^VE-\d{4}-\d{6}$/);
    expect(payment.number).toMatch(/^BQ-\d{4}-\d{6}$/);
    expect(accounts(invoice)).toEqual([
      ['411000', 10_000, 0],
      ['706000', 0, 8_333],
      ['445710', 0, 1_667],
    ]);
    expect(invoice.productSku).toBe('DEP-SERVICE-001');
    expect(accounts(payment)).toEqual([
      ['511200', 10_000, 0],
      ['411000', 0, 10_000],
    ]);
    for (const entry of entries) expect(entry.totalDebit).toBe(entry.lines.reduce((t, l) => t + l.credit, 0));
  });

  it('posts nothing twice when an event is delivered again', async () => {
    const [invoice] = await db().select().from(invoices).where(eq(invoices.orderId, orderId));
    const [payment] = await db().select().from(paymentAttempts).where(eq(paymentAttempts.orderId, orderId));
    const before = await entriesOf(orderId);
    const again = await db().transaction((tx) => postInvoice(tx, invoice!.id));
    expect(again).toMatchObject({ created: false, number: before.find((e) => e.journal === 'VE')!.number });
    await db().transaction((tx) => postPayment(tx, payment!.id));
    const event = { id: 'x', workspaceId: invoice!.workspaceId, actor: null, requestId: null, occurredAt: new Date().toISOString() };
    await db().transaction((tx) => postInvoiceHandler.handle({ tx, event: { ...event, topic: 'invoicing.invoice.issued', payload: { invoiceId: invoice!.id } }, services: h.test.runtime, attempt: 1 }));
    await db().transaction((tx) => postPaymentHandler.handle({ tx, event: { ...event, topic: 'payments.payment.succeeded', payload: { paymentId: payment!.id } }, services: h.test.runtime, attempt: 1 }));
    expect((await entriesOf(orderId)).length).toBe(before.length);
  });

  it('reverses a credit note and its refund (Annex F §5)', async () => {
    const [invoice] = await db().select().from(invoices).where(eq(invoices.orderId, orderId));
    const response = await h.app.inject({ method: 'POST', url: `/api/invoicing/invoices/${invoice!.id}/credit-note`, headers: admin.headers, payload: { amount: 2_500 } });
    expect(response.statusCode, response.body).toBe(201);
    const entries = await eventually(async () => {
      const list = await entriesOf(orderId);
      return list.length === 4 ? list : undefined;
    }, 'credit note and refund entries');
    const credit = entries.find((e) => e.sourceKey.startsWith('invoice:') && e.pieceRef.startsWith('AV-'))!;
    expect(accounts(credit)).toEqual([
      ['411000', 0, 2_500],
      ['706000', 2_083, 0],
      ['445710', 417, 0],
    ]);
    const refund = entries.find((e) => e.sourceKey.startsWith('refund:'))!;
    expect(accounts(refund)).toEqual([
      ['511200', 0, 2_500],
      ['411000', 2_500, 0],
    ]);
    // The customer account nets to zero: invoiced 100, paid 100, credited 25, refunded 25.
    const customer = entries.flatMap((e) => e.lines).filter((l) => l.account === '411000');
    expect(customer.reduce((t, l) => t + l.debit - l.credit, 0)).toBe(0);
  });

  it('refuses an unbalanced entry at commit, and any change to a posted line', async () => {
    const [line] = await db().select().from(ledgerLines).where(eq(ledgerLines.companyId, companyId)).limit(1);
    expect(await failure(db().execute(sql`update accounting.line set debit = debit + 1 where id = ${line!.id}`))).toMatch(/append-only/);
    expect(await failure(db().execute(sql`delete from accounting.entry where id = ${line!.entryId}`))).toMatch(/append-only/);
    const [company] = await db().select().from(companies).where(eq(companies.id, companyId));
    const refused = await failure(
      db().transaction(async (tx) => {
        const [entry] = await tx
          .insert(ledgerEntries)
          .values({ workspaceId: company!.workspaceId, companyId, journal: 'OD', year: 2099, sequence: 1, number: 'OD-2099-000001', entryDate: '2099-01-01', label: 'x', sourceKey: 'test:unbalanced', pieceRef: 'x', currency: 'EUR', totalDebit: 100, totalCredit: 100 })
          .returning();
        await tx.insert(ledgerLines).values([
          { workspaceId: company!.workspaceId, companyId, entryId: entry!.id, position: 1, entryDate: '2099-01-01', journal: 'OD', account: '411000', kind: 'Tiers', label: 'x', debit: 100, credit: 0 },
          { workspaceId: company!.workspaceId, companyId, entryId: entry!.id, position: 2, entryDate: '2099-01-01', journal: 'OD', account: '706100', kind: 'CA', label: 'x', debit: 0, credit: 99 },
        ]);
      }),
    );
    // The deferred constraint trigger refused it at commit (every statement on its own was valid).
    expect(refused).toMatch(/does not balance/);
    const [left] = await db().select().from(ledgerEntries).where(eq(ledgerEntries.sourceKey, 'test:unbalanced'));
    expect(left).toBeUndefined();
    await expect(db().execute(sql`insert into accounting.line (workspace_id, company_id, entry_id, position, entry_date, journal, account, kind, label, debit, credit) values (${company!.workspaceId}, ${companyId}, ${line!.entryId}, 99, '2099-01-01', 'OD', '1', 'CA', 'x', 5, 5)`)).rejects.toThrow();
  });

  it('exports the period: Annex F CSV, FEC, VAT and XLSX, journaled and downloadable with their SHA-256', async () => {
    const [company] = await db().select().from(companies).where(eq(companies.id, companyId));
    const period = dateInZone(h.test.runtime.clock.now(), company!.timeZone).slice(0, 7);
    const results: Record<string, { body: Buffer; row: { fileName: string; sha256: string; lineCount: number } }> = {};
    for (const kind of ['csv', 'fec', 'vat', 'xlsx'] as const) {
      const started = await h.app.inject({ method: 'POST', url: `/api/accounting/companies/${companyId}/exports`, headers: admin.headers, payload: { kind, period } });
      expect(started.statusCode, started.body).toBe(202);
      const row = await eventually(async () => {
        const got = (await h.app.inject({ method: 'GET', url: `/api/accounting/exports/${started.json().id}`, headers: admin.headers })).json();
        return got.status === 'running' ? undefined : got;
      }, `${kind} export`);
      expect(row.status, row.error).toBe('done');
      const file = await h.app.inject({ method: 'GET', url: `/api/accounting/exports/${row.id}/file`, headers: admin.headers });
      expect(file.statusCode).toBe(200);
      expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(row.sha256);
      expect(file.headers['content-disposition']).toContain(row.fileName);
      results[kind] = { body: file.rawPayload, row };
    }
    const csv = results.csv!.body;
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(results.csv!.row.fileName).toBe(`EXPORT_${company!.brandName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9_-]+/g, '-')}_${period}.csv`);
    const csvLines = csv.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(csvLines[0]).toBe('Date opération;Société;Produit;Partenaire;Type écriture;Compte comptable;Journal;Centre de coûts;Débit;Crédit;TVA;Taux TVA;Référence contrat;Référence client');
    expect(csvLines.some((l) => l.includes(`;DEP-SERVICE-001;;CA;706000;VENTE;;0;100,00;16,67;20%;${orderId};`))).toBe(true);
    expect(csvLines.some((l) => l.includes(`;DEP-SERVICE-001;;CA;706000;VENTE;;25,00;0;4,17;20%;${orderId};`))).toBe(true);

    const fec = results.fec!.body.toString('utf8').trimEnd().split('\r\n');
    expect(results.fec!.row.fileName).toMatch(new RegExp(`^${company!.siren}FEC${period.replace('-', '')}\\d{2}\\.txt$`));
    expect(fec[0]!.split('|')).toHaveLength(18);
    const [count] = await db().select({ n: sql<number>`count(*)::int` }).from(ledgerLines).where(and(eq(ledgerLines.companyId, companyId), sql`to_char(${ledgerLines.entryDate}, 'YYYY-MM') = ${period}`));
    expect(fec.length - 1).toBe(count!.n);
    const sums = fec.slice(1).reduce((t, l) => {
      const f = l.split('|');
      expect(f).toHaveLength(18);
      expect(f[3]).toMatch(/^\d{8}$/);
      return { d: t.d + Number(f[11]!.replace(',', '.')), c: t.c + Number(f[12]!.replace(',', '.')) };
    }, { d: 0, c: 0 });
    expect(sums.d.toFixed(2)).toBe(sums.c.toFixed(2));

    expect(results.vat!.body.toString('utf8')).toContain('445710;Collectée;20%;62,50;12,50');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(results.xlsx!.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Export')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Date opération');
    expect(sheet.rowCount - 1).toBe(results.csv!.row.lineCount);
    const revenue = sheet.getRow(2);
    expect(revenue.getCell(6).value).toBe('706000');
    expect(revenue.getCell(1).numFmt).toBe('dd/mm/yyyy');

    const journal = (await h.app.inject({ method: 'GET', url: `/api/accounting/companies/${companyId}/exports`, headers: admin.headers })).json();
    expect(journal.items.filter((i: { period: string }) => i.period === period).map((i: { kind: string }) => i.kind).sort()).toEqual(['csv', 'fec', 'vat', 'xlsx']);
    expect(journal.items[0].requestedBy).toContain('admin@winvest.demo');
  });

  it('generates the previous month once at J+2, for every company', async () => {
    const first = await generateMonthlyExports(h.test.runtime, new Date('2026-01-02T03:30:00Z'));
    expect(first.generated).toBeGreaterThan(0);
    const again = await generateMonthlyExports(h.test.runtime, new Date('2026-01-03T03:30:00Z'));
    expect(again.generated).toBe(0);
    expect((await generateMonthlyExports(h.test.runtime, new Date('2026-02-01T03:30:00Z'))).generated).toBe(0);
    const rows = await db().select().from(accountingExports).where(and(eq(accountingExports.companyId, companyId), eq(accountingExports.period, '2025-12')));
    expect(rows.map((r) => r.kind).sort()).toEqual(['csv', 'fec', 'statement', 'vat', 'xlsx']);
    expect(rows.every((r) => r.status === 'done' && r.requestedBy === 'system:schedule' && r.sha256)).toBe(true);
  });

  it('answers the explorer by account with totals, and validates the period', async () => {
    const [company] = await db().select().from(companies).where(eq(companies.id, companyId));
    const period = dateInZone(h.test.runtime.clock.now(), company!.timeZone).slice(0, 7);
    const response = await h.app.inject({ method: 'GET', url: `/api/accounting/companies/${companyId}/lines?period=${period}&account=411`, headers: admin.headers });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.items.every((l: { account: string }) => l.account.startsWith('411'))).toBe(true);
    expect(body.debit).toBe(body.items.reduce((t: number, l: { debit: number }) => t + l.debit, 0));
    const bad = await h.app.inject({ method: 'GET', url: `/api/accounting/companies/${companyId}/lines?period=2025-13`, headers: admin.headers });
    expect(bad.statusCode).toBe(400);
    const badAccount = await h.app.inject({ method: 'PUT', url: `/api/accounting/companies/${companyId}/settings`, headers: admin.headers, payload: { accounts: { revenue: 'abc' } } });
    expect(badAccount.statusCode).toBe(400);
    expect(badAccount.json().errors[0].field).toBe('body.accounts.revenue');
  });

  it('posts a marketplace sale with the provider fee the provider keeps (seed 000 B.2, Annex F §4.3)', async () => {
    const pyg = await h.signIn('admin@pygmalion.demo');
    const list = (await h.app.inject({ method: 'GET', url: '/api/identity/companies', headers: pyg.headers })).json().items as { id: string; legalName: string }[];
    const of = list.find((c) => c.legalName === 'Cockpit Académie SAS')!;
    const created = await h.app.inject({ method: 'POST', url: '/api/payments/merchants', headers: pyg.headers, payload: { companyId: of.id, commissionBp: 1500, payoutDelayDays: 0 } });
    expect(created.statusCode, created.body).toBe(201);
    const merchant = created.json();
    expect((await h.app.inject({ method: 'POST', url: `/api/public/sandbox/accounts/${merchant.providerAccountId}/complete` })).statusCode).toBe(200);
    await eventually(async () => {
      const items = (await h.app.inject({ method: 'GET', url: '/api/payments/merchants', headers: pyg.headers })).json().items;
      return items.find((m: { id: string; chargesEnabled: boolean }) => m.id === merchant.id)?.chargesEnabled;
    }, 'merchant enabled');
    const order = await h.createOrder(pyg, { customer: { kind: 'company', name: 'Aéroport Compta', email: 'compta@aeroport.example' }, quote: { sku: 'PYG-CRM-01' }, merchantCompanyId: of.id });
    const checkout = await h.checkout(pyg, order.id);
    expect((await h.pay(checkout.url!, '4242424242424242')).statusCode).toBe(200);
    const entries = await eventually(async () => {
      const found = await entriesOf(order.id);
      const fee = found.find((e) => e.sourceKey.startsWith('provider_fee:'));
      return fee && found.some((e) => e.journal === 'BQ') ? { found, fee } : undefined;
    }, 'payment and provider fee entries');
    const payment = entries.found.find((e) => e.sourceKey.startsWith('payment:'))!;
    expect(accounts(payment)).toEqual([
      ['511200', 69_000, 0],
      ['411000', 0, 69_000],
    ]);
    const fee = entries.found.find((e) => e.id === entries.fee.id)!;
    const feeLines = accounts(fee);
    // 2.9 % of 690,00 € + 0,30 € = 20,31 €, no VAT on the provider's fee here.
    expect(feeLines).toEqual([
      ['627100', 2_031, 0],
      ['511200', 0, 2_031],
    ]);
    expect(entries.fee.productSku).toBe('PSP-sandbox');
  });
});

