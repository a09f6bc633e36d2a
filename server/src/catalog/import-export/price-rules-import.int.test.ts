import ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIdentity, type SignedIn, signIn } from '../../../test/support/identity-fixtures.ts';
import { eventually, startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import { WIN_WIN_GRID } from '../../pricing/engine/fixtures.ts';
import type { App } from '../../platform/module.ts';
import { pricingRules, productPlans, products, productVersions } from '../schema.ts';
import { seedCatalogDemo } from '../seed/seed-catalog-demo.ts';
import { GRID_COLUMNS, PRODUCT_COLUMNS } from './columns.ts';
import { parseCsv, writeCsv } from './csv.ts';
import { PRICE_CELL_COLUMNS } from './price-cells.ts';

let test: TestRuntime;
let app: App;
let admin: SignedIn;
let winwin: SignedIn;

beforeAll(async () => {
  test = await startTestRuntime({ work: true });
  await seedDemoIdentity(test.runtime);
  await seedCatalogDemo(test.runtime);
  app = await test.app();
  admin = await signIn(app, 'admin@winvest.demo');
  winwin = await signIn(app, 'admin@winwin.demo');
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
  errors: { line: number | null; column: string | null; message: string; sheet?: string }[];
}

async function start(who: SignedIn, fileName: string, content: Buffer | string, dryRun = false): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/catalog/imports', headers: who.headers, payload: { fileName, contentBase64: Buffer.from(content).toString('base64'), dryRun } });
  expect(response.statusCode, response.body).toBe(202);
  return (response.json() as { importId: string }).importId;
}
const view = async (who: SignedIn, id: string) => (await app.inject({ method: 'GET', url: `/api/catalog/imports/${id}`, headers: who.headers })).json() as ImportView;
async function runImport(who: SignedIn, fileName: string, content: Buffer | string, dryRun = false): Promise<ImportView> {
  const id = await start(who, fileName, content, dryRun);
  return eventually(async () => {
    const v = await view(who, id);
    return v.status === 'succeeded' || v.status === 'failed' ? v : undefined;
  }, `import ${id}`);
}
const download = async (who: SignedIn, url: string) => {
  const response = await app.inject({ method: 'GET', url, headers: who.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.rawPayload;
};

/** A hand-written combined file: product columns, then price columns; one row per tier / grid row / component. */
const header = [...PRODUCT_COLUMNS, ...PRICE_CELL_COLUMNS];
type Col = (typeof header)[number];
const row = (values: Partial<Record<Col, string>>) => header.map((c) => values[c] ?? '');
const product = { sku: 'MTV-RULES-001', name: 'Toutes les règles', company: 'Mondial TV', risk_code: 'OTT', revenue_model: 'revenue', status: 'draft', version: '1', effective_from: '2026-01-01', currency: 'EUR', tax_category: 'standard', tax_included: 'oui' };
const plan = (code: string, type: string, recurrence = 'monthly') => ({ ...product, plan_code: code, plan_name: `Formule ${code}`, recurrence, rule_type: type });
const rulesFile = (sku = product.sku, tweak: (rows: string[][]) => string[][] = (r) => r) =>
  writeCsv([
    header,
    ...tweak([
      row({ ...plan('FIXE', 'fixed'), sku, price: '9,90' }),
      row({ ...plan('PALIERS', 'tiered'), sku, mode: 'graduated', conditions: 'quantité de 1 à 10', amount: '10,00' }),
      row({ ...plan('PALIERS', 'tiered'), sku, mode: 'graduated', conditions: 'quantité de 11 à 50', amount: '8,50', flat_amount: '5,00' }),
      row({ ...plan('PALIERS', 'tiered'), sku, mode: 'graduated', conditions: 'quantité à partir de 51', amount: '0,125' }),
      row({ ...plan('CONSO', 'usage'), sku, amount: '0,35', unit: 'kWh', included_units: '100', minimum_charge: '5,00' }),
      row({ ...plan('INDEXE', 'indexed'), sku, index: 'energy', formula: 'base * energy / 100', variables: 'base = 2990' }),
      row({
        ...plan('GRILLE', 'grid', 'yearly'),
        sku,
        dimensions: 'client_type (Type de client) : texte parmi particulier, entreprise | age (Âge) : entier de 0 à 130',
        row_code: 'jeune',
        row_label: 'particulier < 18 ans',
        conditions: 'client_type = particulier et age jusqu’à 17',
        amount: '0',
      }),
      row({ ...plan('GRILLE', 'grid', 'yearly'), sku, row_code: 'adulte', row_label: 'particulier 18 ans et plus', conditions: 'client_type = particulier et age à partir de 18', amount: '185' }),
      row({ ...plan('GRILLE', 'grid', 'yearly'), sku, row_label: 'entreprise', conditions: 'client_type = entreprise', amount: '460' }),
      row({ ...plan('PACK', 'bundle'), sku, ref: 'MTV-OFFRE-001:BASIC', quantity: '1', row_label: 'Offre TV', discount: '10 %' }),
      row({ ...plan('PACK', 'bundle'), sku, ref: 'DEP-SERVICE-001:INTERVENTION', quantity: '2' }),
    ]),
  ]);

async function rulesOf(sku: string) {
  const rows = await test.runtime.db
    .select({ code: productPlans.code, rule: pricingRules })
    .from(pricingRules)
    .innerJoin(productPlans, eq(productPlans.id, pricingRules.planId))
    .innerJoin(productVersions, eq(productVersions.id, pricingRules.productVersionId))
    .innerJoin(products, eq(products.id, productVersions.productId))
    .where(eq(products.sku, sku));
  return Object.fromEntries(rows.map((r) => [r.code, { type: r.rule.type, payload: r.rule.payload, taxIncluded: r.rule.taxIncluded, taxCategory: r.rule.taxCategory, currency: r.rule.currency }]));
}

describe('every pricing rule type imports, and what Comptoir exports re-imports to the same rules', () => {
  it('the seeded WIN WIN grid (CHF, by age and by employees): its grid export, CSV, XLSX and the catalog workbook, re-import unchanged', async () => {
    const csv = await download(winwin, '/api/catalog/exports/price-grids.csv');
    const lines = parseCsv(csv.toString('utf8'));
    const col = (name: (typeof GRID_COLUMNS)[number]) => GRID_COLUMNS.indexOf(name);
    const adult = lines.find((l) => l.cells[col('row_code')] === 'particulier_plus_22');
    expect(adult?.cells[col('conditions')]).toBe('client_type = particulier et age à partir de 23');
    expect(adult?.cells[col('amount')]).toBe('185,00');
    for (const [name, content] of [
      ['grilles.csv', csv],
      ['grilles.xlsx', await download(winwin, '/api/catalog/exports/price-grids.xlsx')],
      ['catalogue.xlsx', await download(winwin, '/api/catalog/exports/catalog.xlsx')],
    ] as const) {
      // A real import, not a dry run: the version is published and in force, so the slightest difference in the
      // rebuilt payload would be refused — « unchanged » means the grid came back identical.
      const result = await runImport(winwin, name, content);
      expect(result.errors, name).toEqual([]);
      expect(result, name).toMatchObject({ status: 'succeeded', created: 0, updated: 0 });
      expect(result.unchanged, name).toBeGreaterThan(0);
    }
    const { ANNUEL } = await rulesOf('WW-MANDAT-GESTION');
    expect(ANNUEL?.payload).toEqual(WIN_WIN_GRID);
  });

  it('a hand-written file creates fixed, tiered, usage, indexed, grid and bundle prices that quote', async () => {
    const result = await runImport(admin, 'regles.csv', rulesFile());
    expect(result.errors).toEqual([]);
    // 1 product, 1 version, 6 plans.
    expect(result).toMatchObject({ status: 'succeeded', totalRows: 11, created: 8, updated: 0 });
    const rules = await rulesOf(product.sku);
    expect(rules.PALIERS?.payload).toEqual({
      type: 'tiered',
      mode: 'graduated',
      taxMode: 'incl',
      taxCategory: 'standard',
      recurrence: { kind: 'recurring', every: 1, unit: 'month' },
      tiers: [
        { upTo: 10, unitAmount: '1000' },
        { upTo: 50, unitAmount: '850', flatAmount: 500 },
        { upTo: null, unitAmount: '12.5' },
      ],
    });
    expect(rules.CONSO?.payload).toMatchObject({ type: 'usage', unitAmount: '35', unit: 'kWh', includedUnits: 100, minimumCharge: 500 });
    expect(rules.INDEXE?.payload).toMatchObject({ type: 'indexed', index: 'energy', formula: 'base * energy / 100', variables: { base: '2990' } });
    expect(rules.GRILLE?.payload).toMatchObject({ type: 'grid', dimensions: { age: { type: 'integer', min: 0, max: 130 } }, rows: [{ code: 'jeune', amount: 0 }, { code: 'adulte', amount: 18_500 }, { label: 'entreprise', amount: 46_000 }] });
    expect(rules.PACK?.payload).toMatchObject({ type: 'bundle', discount: { percentBp: 1000 }, components: [{ ref: 'MTV-OFFRE-001:BASIC', quantity: 1, label: 'Offre TV' }, { ref: 'DEP-SERVICE-001:INTERVENTION', quantity: 2 }] });
    expect(rules.FIXE?.payload).toMatchObject({ type: 'fixed', amount: 990 });

    const quote = await app.inject({ method: 'POST', url: '/api/catalog/pricing/quote', headers: admin.headers, payload: { sku: product.sku, plan: 'PALIERS', quantity: 12, date: '2026-03-01' } });
    expect(quote.statusCode, quote.body).toBe(200);
    // 10 × 10,00 + 2 × 8,50 + 5,00 flat.
    expect(quote.json()).toMatchObject({ total_incl_tax: 12_200 });
    const grid = await app.inject({ method: 'POST', url: '/api/catalog/pricing/quote', headers: admin.headers, payload: { sku: product.sku, plan: 'GRILLE', date: '2026-03-01', attributes: { client_type: 'particulier', age: 40 } } });
    expect(grid.json()).toMatchObject({ total_incl_tax: 18_500 });

    const again = await runImport(admin, 'regles.csv', rulesFile());
    expect(again).toMatchObject({ status: 'succeeded', created: 0, updated: 0, unchanged: 8 });
  });

  it('round trip per rule type: the grid export (CSV and XLSX) and the catalog workbook restore each rule exactly, without duplicates', async () => {
    const original = await rulesOf(product.sku);
    expect(Object.keys(original).sort()).toEqual(['CONSO', 'FIXE', 'GRILLE', 'INDEXE', 'PACK', 'PALIERS']);
    const exports = {
      'grilles.csv': await download(admin, '/api/catalog/exports/price-grids.csv'),
      'grilles.xlsx': await download(admin, '/api/catalog/exports/price-grids.xlsx'),
      'catalogue.xlsx': await download(admin, '/api/catalog/exports/catalog.xlsx'),
    };
    const [version] = await test.runtime.db.select({ id: productVersions.id }).from(productVersions).innerJoin(products, eq(products.id, productVersions.productId)).where(eq(products.sku, product.sku));
    for (const [name, content] of Object.entries(exports)) {
      // Spoil every rule of the draft version (other amounts, other shapes), then import the export.
      const stored = await test.runtime.db.select().from(pricingRules).where(eq(pricingRules.productVersionId, version!.id));
      for (const rule of stored) {
        await test.runtime.db
          .update(pricingRules)
          .set({ type: 'fixed', payload: { type: 'fixed', amount: 1, taxMode: 'excl', taxCategory: 'standard', recurrence: { kind: 'one_time' } }, taxIncluded: false })
          .where(eq(pricingRules.id, rule.id));
      }
      const result = await runImport(admin, name, content);
      expect(result.errors, name).toEqual([]);
      expect(result, name).toMatchObject({ status: 'succeeded', created: 0, updated: 6 });
      expect(await rulesOf(product.sku), name).toEqual(original);
      const again = await runImport(admin, name, content);
      expect(again, name).toMatchObject({ status: 'succeeded', created: 0, updated: 0 });
    }
    const count = await test.runtime.db.select({ id: pricingRules.id }).from(pricingRules).where(eq(pricingRules.productVersionId, version!.id));
    expect(count).toHaveLength(6);
  });

  it('the catalog workbook creates a new product with the same rules (its two sheets in one import)', async () => {
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.load((await download(admin, '/api/catalog/exports/catalog.xlsx')) as unknown as ArrayBuffer);
    expect(exported.worksheets.map((w) => w.name)).toEqual(['Produits', 'Grilles tarifaires']);
    const copy = new ExcelJS.Workbook();
    for (const sheet of exported.worksheets) {
      const target = copy.addWorksheet(sheet.name);
      sheet.eachRow((r, n) => {
        const values = (r.values as ExcelJS.CellValue[]).slice(1);
        if (n === 1) target.addRow(values);
        else if (values[0] === product.sku) target.addRow(values.map((v, i) => (i === 0 ? 'MTV-RULES-COPY' : v)));
      });
    }
    const result = await runImport(admin, 'copie.xlsx', Buffer.from(await copy.xlsx.writeBuffer()));
    expect(result.errors).toEqual([]);
    // 1 product, 1 version, 6 plans.
    expect(result).toMatchObject({ status: 'succeeded', created: 8, updated: 0 });
    expect(await rulesOf('MTV-RULES-COPY')).toEqual(await rulesOf(product.sku));
  });

  it('errors of a workbook name their sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Produits').addRows([[...PRODUCT_COLUMNS], PRODUCT_COLUMNS.map((c) => ({ ...plan('PALIERS', 'tiered'), sku: 'MTV-RULES-WB', name: 'Classeur' })[c as keyof ReturnType<typeof plan>] ?? '')]);
    workbook.addWorksheet('Grilles tarifaires').addRows([
      [...GRID_COLUMNS],
      GRID_COLUMNS.map((c) => ({ sku: 'MTV-RULES-WB', version: '1', plan_code: 'PALIERS', rule_type: 'tiered', mode: 'volume', conditions: 'quantité de 1 à 5', amount: '2' })[c as string] ?? ''),
      GRID_COLUMNS.map((c) => ({ sku: 'MTV-RULES-WB', version: '1', plan_code: 'PALIERS', rule_type: 'usage', mode: 'volume', conditions: 'quantité de 7 à 9', amount: '1' })[c as string] ?? ''),
    ]);
    const result = await runImport(admin, 'classeur.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()), true);
    expect(result.status).toBe('failed');
    expect(result.errors).toEqual([
      { sheet: 'Grilles tarifaires', line: 3, column: 'rule_type', message: 'feuille « Grilles tarifaires », ligne 3, colonne rule_type : diffère de la ligne 2 (feuille « Produits ») pour la même formule (tiered)' },
      { sheet: 'Grilles tarifaires', line: 3, column: 'conditions', message: 'feuille « Grilles tarifaires », ligne 3, colonne conditions : trou entre les paliers : quantité 6 non couverte' },
    ]);
  });

  it('the grid file alone switches a draft plan to tiers; the rule of a published version in force is not rewritten', async () => {
    const gridHeader = [...GRID_COLUMNS];
    const g = (values: Partial<Record<(typeof GRID_COLUMNS)[number], string>>) => gridHeader.map((c) => values[c] ?? '');
    const tiers = (sku: string, version: string, planCode: string) => [
      g({ sku, version, plan_code: planCode, rule_type: 'tiered', mode: 'volume', conditions: 'quantité de 1 à 5', amount: '20' }),
      g({ sku, version, plan_code: planCode, rule_type: 'tiered', mode: 'volume', conditions: 'quantité à partir de 6', amount: '15' }),
    ];
    const ok = await runImport(admin, 'paliers.csv', writeCsv([gridHeader, ...tiers(product.sku, '1', 'FIXE')]));
    expect(ok.errors).toEqual([]);
    expect(ok).toMatchObject({ status: 'succeeded', updated: 1, created: 0 });
    expect((await rulesOf(product.sku)).FIXE?.payload).toMatchObject({ type: 'tiered', mode: 'volume', tiers: [{ upTo: 5 }, { upTo: null }] });

    const locked = await runImport(admin, 'paliers-publie.csv', writeCsv([gridHeader, ...tiers('MTV-OFFRE-001', '1', 'BASIC')]));
    expect(locked.status).toBe('failed');
    expect(locked.errors).toEqual([expect.objectContaining({ line: 2, column: 'version', message: expect.stringContaining('en vigueur et publiée') })]);
    expect((await rulesOf('MTV-OFFRE-001')).BASIC?.type).toBe('fixed');

    const unknown = await runImport(admin, 'inconnu.csv', writeCsv([gridHeader, ...tiers('MTV-NOPE', '1', 'X'), ...tiers(product.sku, '9', 'FIXE'), ...tiers(product.sku, '1', 'NOPE')]));
    expect(unknown.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'sku'],
      [3, 'sku'],
      [4, 'version'],
      [5, 'version'],
      [6, 'plan_code'],
      [7, 'plan_code'],
    ]);
  });

  it('a dry run reports every bad tier, band, index, formula and amount with its line and column in French, and writes nothing', async () => {
    const sku = 'MTV-RULES-BAD';
    const file = rulesFile(sku, (rows) => {
      const at = (i: number, values: Partial<Record<Col, string>>) => {
        rows[i] = row({ ...Object.fromEntries(header.map((c, k) => [c, rows[i]![k]!])), ...values });
      };
      at(2, { conditions: 'quantité de 12 à 50' }); // gap after 10 (line 4)
      at(4, { amount: '-0,35' }); // negative unit price (line 6)
      at(5, { index: 'bitcoin', formula: 'require("fs")' }); // unknown index, unsafe formula (line 7)
      at(7, { conditions: 'client_type = particulier et age à partir de 15' }); // overlaps 0–17 (line 9)
      return rows;
    });
    const result = await runImport(admin, 'mauvais.csv', file, true);
    expect(result.status).toBe('failed');
    expect(result.errors.map((e) => `${e.line}:${e.column}`)).toEqual(['4:conditions', '6:amount', '7:index', '9:conditions']);
    expect(result.errors.map((e) => e.message)).toEqual([
      'ligne 4, colonne conditions : trou entre les paliers : quantité 11 non couverte',
      'ligne 6, colonne amount : prix unitaire négatif « -0,35 »',
      'ligne 7, colonne index : indice inconnu « bitcoin » (connus : cpi, energy, spot)',
      'ligne 9, colonne conditions : tranches de age (client_type = particulier) qui se chevauchent : 15 à 17 couvert deux fois',
    ]);
    const formula = await runImport(admin, 'formule.csv', rulesFile(sku, (rows) => rows.slice(5, 6).map((r) => r.map((v) => (v === 'base * energy / 100' ? 'process.exit(1)' : v)))), true);
    expect(formula.errors).toEqual([expect.objectContaining({ line: 2, column: 'formula', message: expect.stringMatching(/^ligne 2, colonne formula : (Formule invalide|Variables non déclarées)/) })]);
    expect(await test.runtime.db.select().from(products).where(eq(products.sku, sku))).toEqual([]);
  });

  it('templates per rule type import as they are', async () => {
    for (const type of ['fixed', 'tiered', 'usage', 'indexed', 'grid', 'bundle']) {
      const csv = await download(admin, `/api/catalog/imports/template?ruleType=${type}`);
      const result = await runImport(admin, `modele-${type}.csv`, csv, true);
      expect(result.errors, type).toEqual([]);
      expect(result.status, type).toBe('succeeded');
    }
  });
});

describe('progress', () => {
  it('is visible while a few thousand rows are checked, and the write stays one transaction, on this engine too (PGlite has one connection)', async () => {
    const csvHeader = [...PRODUCT_COLUMNS];
    const r = (values: Partial<Record<(typeof PRODUCT_COLUMNS)[number], string>>) => csvHeader.map((c) => values[c] ?? '');
    // 2 400 rows: 120 products of 20 plans each.
    const rows = Array.from({ length: 2400 }, (_, i) =>
      r({ ...product, sku: `MTV-PROG-${String(Math.floor(i / 20)).padStart(4, '0')}`, name: 'Progression', plan_code: `P${i % 20}`, plan_name: `Formule ${i % 20}`, recurrence: 'monthly', rule_type: 'fixed', price: `${i % 90},90` }),
    );
    const id = await start(admin, 'progression.csv', writeCsv([csvHeader, ...rows]));
    const seen: { status: string; processed: number }[] = [];
    // Poll as a screen would, only faster (every 10 ms), until the job ends.
    let final: ImportView | undefined;
    const deadline = Date.now() + 120_000;
    while (!final && Date.now() < deadline) {
      const v = await view(admin, id);
      seen.push({ status: v.status, processed: v.processedRows });
      if (v.status === 'succeeded' || v.status === 'failed') final = v;
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (!final) throw new Error('import did not finish');
    expect(final.errors).toEqual([]);
    expect(final).toMatchObject({ status: 'succeeded', totalRows: 2400, processedRows: 2400, created: 120 + 120 + 2400 });
    const intermediate = seen.filter((s) => s.status === 'running' && s.processed > 0 && s.processed < 2400);
    expect(intermediate.length, JSON.stringify(seen)).toBeGreaterThan(0);
    const values = seen.map((s) => s.processed);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const made = await test.runtime.db.select({ id: products.id }).from(products).where(and(inArray(products.sku, ['MTV-PROG-0000', 'MTV-PROG-0119'])));
    expect(made).toHaveLength(2);
  });
});
