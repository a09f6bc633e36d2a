import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIdentity, type SignedIn, signIn } from '../../../test/support/identity-fixtures.ts';
import { eventually, startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import { auditLog } from '../../identity/schema.ts';
import type { App } from '../../platform/module.ts';
import { products } from '../schema.ts';
import { seedCatalogDemo } from '../seed/seed-catalog-demo.ts';
import { GRID_COLUMNS, PRODUCT_COLUMNS } from './columns.ts';
import { BOM, parseCsv, writeCsv } from './csv.ts';

let test: TestRuntime;
let app: App;
let admin: SignedIn;

beforeAll(async () => {
  test = await startTestRuntime({ work: true });
  await seedDemoIdentity(test.runtime);
  await seedCatalogDemo(test.runtime);
  app = await test.app();
  admin = await signIn(app, 'admin@winvest.demo');
});
afterAll(() => test.close());

interface ImportView {
  id: string;
  status: string;
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: { line: number | null; column: string | null; message: string }[];
  startedAt: string | null;
  finishedAt: string | null;
}

async function runImport(who: SignedIn, fileName: string, content: Buffer | string, dryRun = false): Promise<ImportView> {
  const response = await app.inject({ method: 'POST', url: '/api/catalog/imports', headers: who.headers, payload: { fileName, contentBase64: Buffer.from(content).toString('base64'), dryRun } });
  expect(response.statusCode, response.body).toBe(202);
  const { importId } = response.json() as { importId: string };
  return eventually(async () => {
    const view = (await app.inject({ method: 'GET', url: `/api/catalog/imports/${importId}`, headers: who.headers })).json() as ImportView;
    return view.status === 'succeeded' || view.status === 'failed' ? view : undefined;
  }, `import ${importId}`);
}

const header = [...PRODUCT_COLUMNS];
function row(values: Partial<Record<(typeof PRODUCT_COLUMNS)[number], string>>): string[] {
  return header.map((column) => values[column] ?? '');
}
const mtv = { company: 'Mondial TV', risk_code: 'OTT', revenue_model: 'revenue', status: 'draft', version: '1', effective_from: '2026-01-01', recurrence: 'monthly', rule_type: 'fixed', currency: 'EUR', tax_category: 'standard', tax_included: 'oui' };
const catalogFile = (name = 'Offre TV importée', status = 'draft', premium = '29,90') =>
  writeCsv([
    header,
    row({ ...mtv, sku: 'MTV-IMPORT-001', name, status, plan_code: 'BASIC', plan_name: 'Basic', price: '9,90' }),
    row({ ...mtv, sku: 'MTV-IMPORT-001', name, status, plan_code: 'PREMIUM', plan_name: 'Premium', price: premium }),
    row({ ...mtv, sku: 'MTV-IMPORT-002', name: 'Option sport', plan_code: 'SPORT', plan_name: 'Sport', recurrence: 'yearly', price: '120', tax_included: 'non' }),
  ]);
const goodFile = catalogFile();

describe('exports', () => {
  it('products.csv is French CSV that parses back, scoped to what the actor reads', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/catalog/exports/products.csv', headers: admin.headers });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="catalogue-produits-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = response.rawPayload.toString('utf8');
    expect(text.startsWith(BOM)).toBe(true);
    expect(text).toContain('\r\n');
    const [head, ...lines] = parseCsv(text, ';');
    expect(head?.cells).toEqual(header);
    const cell = (cells: string[], column: (typeof PRODUCT_COLUMNS)[number]) => cells[header.indexOf(column)];
    const basic = lines.find((l) => cell(l.cells, 'sku') === 'MTV-OFFRE-001' && cell(l.cells, 'plan_code') === 'BASIC');
    expect(basic).toBeDefined();
    expect(cell(basic!.cells, 'price')).toBe('9,90');
    expect(cell(basic!.cells, 'company')).toBe('Mondial TV');
    expect(cell(basic!.cells, 'tax_included')).toBe('oui');
    expect(cell(basic!.cells, 'effective_from')).toBe('2026-01-01');
    expect(lines.some((l) => cell(l.cells, 'sku') === 'WW-MANDAT-GESTION')).toBe(false);

    const sales = await signIn(app, 'sales@winvest.demo');
    const scoped = parseCsv((await app.inject({ method: 'GET', url: '/api/catalog/exports/products.csv', headers: sales.headers })).rawPayload.toString('utf8'));
    expect(new Set(scoped.slice(1).map((l) => l.cells[0]))).toEqual(new Set(['MTV-OFFRE-001']));
    expect((await app.inject({ method: 'GET', url: '/api/catalog/exports/products.csv' })).statusCode).toBe(401);
  });

  it('products.xlsx opens with exceljs: bold frozen header, numbers and dates', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/catalog/exports/products.xlsx', headers: admin.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('sku');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rows = sheet.getRows(2, sheet.rowCount - 1)!;
    const col = (name: string) => header.indexOf(name as (typeof PRODUCT_COLUMNS)[number]) + 1;
    const premium = rows.find((r) => r.getCell(col('sku')).value === 'MTV-OFFRE-001' && r.getCell(col('plan_code')).value === 'PREMIUM')!;
    expect(premium.getCell(col('price')).value).toBe(29.9);
    expect(premium.getCell(col('price')).numFmt).toBe('#,##0.00');
    expect(premium.getCell(col('effective_from')).value).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(premium.getCell(col('version')).value).toBe(1);
  });

  it('price-grids.csv and .xlsx list every grid row with its conditions in words', async () => {
    const winwin = await signIn(app, 'admin@winwin.demo');
    const csv = await app.inject({ method: 'GET', url: '/api/catalog/exports/price-grids.csv', headers: winwin.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/grilles-tarifaires-.*\.csv/);
    const lines = parseCsv(csv.rawPayload.toString('utf8'));
    expect(lines[0]?.cells).toEqual([...GRID_COLUMNS]);
    expect(lines[0]?.cells.slice(0, 9)).toEqual(['sku', 'version', 'plan_code', 'rule_type', 'row_label', 'conditions', 'currency', 'amount', 'tax_included']);
    const grid = lines.slice(1).filter((l) => l.cells[0] === 'WW-MANDAT-GESTION');
    expect(grid.length).toBeGreaterThan(5);
    expect(grid.every((l) => l.cells[3] === 'grid' && l.cells[6] === 'CHF')).toBe(true);
    expect(grid.some((l) => l.cells[7] === '185,00' && /\d/.test(l.cells[5] ?? ''))).toBe(true);

    const xlsx = await app.inject({ method: 'GET', url: '/api/catalog/exports/price-grids.xlsx', headers: winwin.headers });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const amounts = workbook.worksheets[0]!.getColumn(8).values.filter((v) => typeof v === 'number');
    expect(amounts).toContain(185);
  });

  it('an export re-imports as is: nothing to create or update (CSV and XLSX)', async () => {
    const csv = (await app.inject({ method: 'GET', url: '/api/catalog/exports/products.csv', headers: admin.headers })).rawPayload;
    const fromCsv = await runImport(admin, 'export.csv', csv, true);
    expect(fromCsv.errors).toEqual([]);
    expect(fromCsv).toMatchObject({ status: 'succeeded', created: 0, updated: 0 });
    expect(fromCsv.unchanged).toBeGreaterThan(0);
    const xlsx = (await app.inject({ method: 'GET', url: '/api/catalog/exports/products.xlsx', headers: admin.headers })).rawPayload;
    const fromXlsx = await runImport(admin, 'export.xlsx', xlsx, true);
    expect(fromXlsx.errors).toEqual([]);
    expect(fromXlsx).toMatchObject({ status: 'succeeded', created: 0, updated: 0, unchanged: fromCsv.unchanged });
  });
});

describe('imports', () => {
  async function count(sku: string) {
    return (await test.runtime.db.select({ id: products.id }).from(products).where(eq(products.sku, sku))).length;
  }

  it('a dry run reports every bad row with its line and column and changes nothing', async () => {
    const file = writeCsv([
      header,
      row({ ...mtv, sku: 'MTV-DRY-001', name: 'Bon', plan_code: 'STD', plan_name: 'Standard', price: '9,90' }),
      row({ ...mtv, sku: 'MTV-DRY-002', name: 'Mauvais prix', plan_code: 'STD', plan_name: 'Standard', price: '9,9x' }),
      row({ ...mtv, sku: 'MTV-DRY-003', name: 'Mauvais risque', risk_code: 'NOPE', plan_code: 'STD', plan_name: 'Standard', price: '5' }),
    ]);
    const view = await runImport(admin, 'dry.csv', file, true);
    expect(view.status).toBe('failed');
    expect(view.errors).toEqual([
      { line: 3, column: 'price', message: 'ligne 3, colonne price : montant invalide « 9,9x »' },
      { line: 4, column: 'risk_code', message: 'ligne 4, colonne risk_code : risque inconnu pour Mondial TV « NOPE »' },
    ]);
    expect(view).toMatchObject({ totalRows: 3, processedRows: 3, created: 0, updated: 0 });
    expect(await count('MTV-DRY-001')).toBe(0);
  });

  it('a good import creates products that quote; the same file again changes nothing', async () => {
    const first = await runImport(admin, 'catalogue.csv', goodFile);
    expect(first.errors).toEqual([]);
    // 2 products, 2 versions, 3 plans.
    expect(first).toMatchObject({ status: 'succeeded', totalRows: 3, processedRows: 3, created: 7, updated: 0, unchanged: 0 });
    expect(first.startedAt).not.toBeNull();
    expect(first.finishedAt).not.toBeNull();

    const quote = await app.inject({ method: 'POST', url: '/api/catalog/pricing/quote', headers: admin.headers, payload: { sku: 'MTV-IMPORT-001', plan: 'BASIC', date: '2026-03-01' } });
    expect(quote.statusCode, quote.body).toBe(200);
    expect(quote.json()).toMatchObject({ currency: 'EUR', total_incl_tax: 990, product_version: 1 });
    const sport = await app.inject({ method: 'POST', url: '/api/catalog/pricing/quote', headers: admin.headers, payload: { sku: 'MTV-IMPORT-002', date: '2026-03-01' } });
    expect(sport.json()).toMatchObject({ total_excl_tax: 12_000, total_incl_tax: 14_400 });

    const [product] = await test.runtime.db.select().from(products).where(eq(products.sku, 'MTV-IMPORT-001'));
    const audit = await test.runtime.db.select().from(auditLog).where(and(eq(auditLog.recordId, product!.id), eq(auditLog.action, 'create')));
    expect(audit).toHaveLength(1);

    const second = await runImport(admin, 'catalogue.csv', goodFile);
    expect(second).toMatchObject({ status: 'succeeded', created: 0, updated: 0, unchanged: 7, errors: [] });
    expect(await count('MTV-IMPORT-001')).toBe(1);

    const changed = catalogFile('Offre TV renommée', 'test', '24,90');
    const third = await runImport(admin, 'catalogue-v2.csv', changed);
    expect(third.errors).toEqual([]);
    expect(third).toMatchObject({ status: 'succeeded', created: 0, updated: 2, unchanged: 5 });
    const [renamed] = await test.runtime.db.select().from(products).where(eq(products.sku, 'MTV-IMPORT-001'));
    expect(renamed).toMatchObject({ name: 'Offre TV renommée', lifecycleStatus: 'test' });
    const premium = await app.inject({ method: 'POST', url: '/api/catalog/pricing/quote', headers: admin.headers, payload: { sku: 'MTV-IMPORT-001', plan: 'PREMIUM', date: '2026-03-01' } });
    expect(premium.json().total_incl_tax).toBe(2490);

    const list = (await app.inject({ method: 'GET', url: '/api/catalog/imports', headers: admin.headers })).json() as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toContain(third.id);
  });

  it('refuses, row by row, companies of another workspace or outside the actor’s scope', async () => {
    const file = writeCsv([
      header,
      row({ ...mtv, sku: 'WW-IMPORT-1', name: 'A', company: 'WIN WIN Finance', risk_code: 'MANDAT' }),
      row({ ...mtv, sku: 'WW-IMPORT-2', name: 'B', company: 'WIN WIN Finance', risk_code: 'MANDAT' }),
    ]);
    const view = await runImport(admin, 'other.csv', file);
    expect(view.status).toBe('failed');
    expect(view.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'company'],
      [3, 'company'],
    ]);
    expect(view.errors[0]?.message).toMatch(/société inconnue/);
    expect(await count('WW-IMPORT-1')).toBe(0);

    const ftAdmin = await signIn(app, 'company-admin@winvest.demo');
    const outOfScope = await runImport(ftAdmin, 'mtv.csv', writeCsv([header, row({ ...mtv, sku: 'MTV-SCOPE-1', name: 'C' })]));
    expect(outOfScope.errors).toMatchObject([{ line: 2, column: 'company' }]);
    expect(outOfScope.errors[0]?.message).toMatch(/hors de votre périmètre/);

    const sales = await signIn(app, 'sales@winvest.demo');
    const refused = await app.inject({ method: 'POST', url: '/api/catalog/imports', headers: sales.headers, payload: { fileName: 'x.csv', contentBase64: Buffer.from(goodFile).toString('base64'), dryRun: true } });
    expect(refused.statusCode).toBe(403);
  });

  it('shows progress up to processed = total on a larger file', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => row({ ...mtv, sku: 'MTV-BIG-001', name: 'Gros fichier', plan_code: `P${String(i).padStart(3, '0')}`, plan_name: `Formule ${i}`, price: `${i},50` }));
    const view = await runImport(admin, 'big.csv', writeCsv([header, ...rows]), true);
    expect(view.errors).toEqual([]);
    expect(view).toMatchObject({ status: 'succeeded', totalRows: 250, processedRows: 250, created: 252 });
    expect(await count('MTV-BIG-001')).toBe(0);
  });
});
