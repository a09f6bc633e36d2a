import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailMessages } from '../platform/schema.ts';
import type { SignedIn } from '../../test/support/identity-fixtures.ts';
import { eventually } from '../../test/support/test-runtime.ts';
import { type PaymentsHarness, startPaymentsHarness } from '../payments/test/payments-harness.ts';
import { seedInvoicingDemo } from './seed/seed-invoicing-demo.ts';
import { verifyInvoiceFiles } from './delivery/verify-invoice-files.ts';

/**
 * Issue #6 end to end: a payment confirmed by the provider issues a paid invoice (PDF/A-3 with its Factur-X XML, valid
 * against the EN 16931 XSD), emailed with the files attached; a refund issues a credit note referencing it; a CHF
 * invoice carries a QR-bill; invoices minus credit notes equal the cash kept.
 */
const XSD = path.resolve(import.meta.dirname, '../../../../shared/standards/factur-x-1.09-en16931/Factur-X_EN16931.xsd');
let h: PaymentsHarness;
let admin: SignedIn;

beforeAll(async () => {
  h = await startPaymentsHarness();
  await seedInvoicingDemo(h.test.runtime);
  admin = await h.signIn('admin@winvest.demo');
});
afterAll(() => h?.close());

async function invoicesOf(actor: SignedIn, orderId: string, count: number) {
  return eventually(async () => {
    const list = (await h.app.inject({ method: 'GET', url: '/api/invoicing/invoices?limit=200', headers: actor.headers })).json().items.filter((i: { orderId: string }) => i.orderId === orderId);
    return list.length === count && list.every((i: { status: string }) => i.status === 'sent') ? list : undefined;
  }, `${count} document(s) rendered and sent for ${orderId}`);
}

async function download(actor: SignedIn, id: string, format: 'pdf' | 'xml') {
  const response = await h.app.inject({ method: 'GET', url: `/api/invoicing/invoices/${id}/${format}`, headers: actor.headers });
  expect(response.statusCode).toBe(200);
  return response.rawPayload;
}

function xmllint(xml: Buffer): void {
  expect(fs.existsSync(XSD), `Factur-X XSD at ${XSD}`).toBe(true);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fx-')), 'factur-x.xml');
  fs.writeFileSync(file, xml);
  execFileSync('xmllint', ['--noout', '--nonet', '--schema', XSD, file], { stdio: 'pipe' });
}

describe('invoicing', () => {
  it('issues a paid invoice with Factur-X, then a credit note for a refund; invoices − credit notes = cash kept', async () => {
    const order = await h.createOrder(admin, { customer: { kind: 'person', name: 'Jeanne Facture', email: 'jeanne@example.fr' }, quote: { sku: 'DEP-SERVICE-001' } });
    const checkout = await h.checkout(admin, order.id);
    await h.pay(checkout.url!, '4242424242424242');
    const [invoice] = await invoicesOf(admin, order.id, 1);
    expect(invoice).toMatchObject({ kind: 'invoice', totalInclTax: 10_000, currency: 'EUR', sentTo: 'jeanne@example.fr' });
    expect(invoice.number).toMatch(/^F-\d{4}-\d{6}$/);

    const xml = await download(admin, invoice.id, 'xml');
    xmllint(xml);
    expect(xml.toString()).toContain(`<ram:ID>${invoice.number}</ram:ID>`);
    const pdf = await download(admin, invoice.id, 'pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inv-'));
    fs.writeFileSync(path.join(dir, 'invoice.pdf'), pdf);
    expect(execFileSync('pdfdetach', ['-list', path.join(dir, 'invoice.pdf')]).toString()).toContain('factur-x.xml');
    execFileSync('pdfdetach', ['-save', '1', '-o', path.join(dir, 'attached.xml'), path.join(dir, 'invoice.pdf')]);
    expect(fs.readFileSync(path.join(dir, 'attached.xml')).equals(xml)).toBe(true);

    const [mail] = await h.test.runtime.db.select().from(mailMessages).where(eq(mailMessages.toAddress, 'jeanne@example.fr'));
    const invoiceMails = await h.test.runtime.db.select().from(mailMessages).where(eq(mailMessages.template, 'invoicing.document'));
    expect(mail).toBeDefined();
    expect(invoiceMails.find((m) => m.toAddress === 'jeanne@example.fr')!.attachments.map((a) => a.fileName)).toEqual([`${invoice.number}.pdf`, `${invoice.number}-factur-x.xml`]);

    const refund = await h.app.inject({ method: 'POST', url: `/api/invoicing/invoices/${invoice.id}/credit-note`, headers: admin.headers, payload: { amount: 2_500 } });
    expect(refund.statusCode, refund.body).toBe(201);
    const documents = await invoicesOf(admin, order.id, 2);
    const credit = documents.find((d: { kind: string }) => d.kind === 'credit_note');
    expect(credit).toMatchObject({ totalInclTax: 2_500, creditedInvoiceId: invoice.id });
    expect(credit.number).toMatch(/^AV-\d{4}-\d{6}$/);
    const creditXml = await download(admin, credit.id, 'xml');
    xmllint(creditXml);
    expect(creditXml.toString()).toContain('<ram:TypeCode>381</ram:TypeCode>');
    expect(creditXml.toString()).toContain(invoice.number);

    const detail = await h.order(admin, order.id);
    const invoiced = documents.reduce((sum: number, d: { kind: string; totalInclTax: number }) => sum + (d.kind === 'invoice' ? d.totalInclTax : -d.totalInclTax), 0);
    expect(invoiced).toBe(detail.order.paidAmount - detail.order.refundedAmount);

    // The customer finds both on the order's page.
    const mine = await h.app.inject({ method: 'GET', url: `/api/public/orders/${detail.order.publicToken}/invoices` });
    expect(mine.json().items.map((i: { number: string }) => i.number)).toEqual([invoice.number, credit.number]);
    const verified = await verifyInvoiceFiles(h.test.runtime);
    expect(verified.problems).toEqual([]);
    expect(verified.checked).toBeGreaterThanOrEqual(4);
  });

  it('issues a CHF invoice with a Swiss QR-bill and no Factur-X for a WIN WIN mandate', async () => {
    const winwin = await h.signIn('admin@winwin.demo');
    const order = await h.createOrder(winwin, { customer: { kind: 'person', name: 'Léa Muller', email: 'lea@example.ch', country: 'CH' }, quote: { sku: 'WW-MANDAT-GESTION', attributes: { client_type: 'particulier', age: 30 } } });
    const checkout = await h.checkout(winwin, order.id);
    await h.pay(checkout.url!, '4242424242424242');
    const [invoice] = await invoicesOf(winwin, order.id, 1);
    expect(invoice).toMatchObject({ currency: 'CHF', totalInclTax: 18_500, xmlSha256: null });
    const pdf = await download(winwin, invoice.id, 'pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chf-')), 'invoice.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-']).toString();
    expect(text).toContain(invoice.number);
    expect(text).toMatch(/185\.00|185\.–/);
  });
});
