import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ACTION_PREVOYANCE_SCHEME, commissionEntries, computeCommissions, DEPANSSUR, revenueEntry, revenueEntryInclTax } from '../../commissions/engine/index.ts';
import { accountLabel, JOURNALS } from '../rules/accounts.ts';
import { fromEngineEntry, type PostingEntry } from '../rules/entries.ts';
import type { ExportLine } from '../rules/formats.ts';
import { writeExport } from './write-export.ts';

/** Postings as the ledger stores them, read back as the exports read them (one batch). */
function asExportLines(entries: PostingEntry[]): ExportLine[] {
  return entries.flatMap((entry, e) =>
    entry.lines.map((line) => ({
      entryDate: entry.date,
      journal: entry.journal,
      journalLabel: JOURNALS[entry.journal],
      entryNumber: `${entry.journal}-2025-${String(e + 1).padStart(6, '0')}`,
      account: line.account,
      accountLabel: accountLabel(line.account),
      auxAccount: line.auxAccount ?? null,
      auxLabel: line.auxLabel ?? null,
      pieceRef: entry.pieceRef,
      label: line.label,
      kind: line.kind,
      debit: line.debit,
      credit: line.credit,
      vatAmount: line.vatAmount,
      vatRateBp: line.vatRateBp,
      costCenter: line.costCenter ?? null,
      productSku: entry.productSku ?? null,
      partnerName: entry.partnerName ?? null,
      contractRef: entry.contractRef ?? null,
      customerRef: entry.customerRef ?? null,
      currency: entry.currency,
      validDate: entry.date,
    })),
  );
}

async function* once(lines: ExportLine[]): AsyncGenerator<ExportLine[]> {
  yield lines;
}

async function write(kind: 'csv' | 'xlsx' | 'fec' | 'vat' | 'statement', lines: ExportLine[], company: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acc-export-test-'));
  const written = await writeExport(once(lines), { kind, company, dir });
  return { ...written, bytes: fs.readFileSync(written.path) };
}

/** Seed 003 §13 / Annex F §7: Action Prévoyance's three September 2025 sales, 10 % of 1 200 / 980 / 1 450 € of premium. */
function actionPrevoyanceEntries(): PostingEntry[] {
  const sales = [
    { id: 'AP-SANTE-001', at: '2025-09-01', amount: 120_000 },
    { id: 'AP-SANTE-002', at: '2025-09-02', amount: 98_000 },
    { id: 'AP-SANTE-003', at: '2025-09-05', amount: 145_000 },
  ];
  const result = computeCommissions({ company: { name: 'Action Prévoyance', timeZone: 'Europe/Paris', currency: 'EUR' }, scheme: ACTION_PREVOYANCE_SCHEME, sales, until: '2025-09-30' });
  return commissionEntries(result.lines, ACTION_PREVOYANCE_SCHEME.mode, true).map((entry, i) =>
    fromEngineEntry(entry, { sourceKey: `ap:${i}`, pieceRef: entry.saleId ?? '', currency: 'EUR', productSku: entry.saleId, partnerName: 'Oggodata' }),
  );
}

describe('exports from the engine to the files, as the seed shows them', () => {
  it('Annex F §7: the Excel rows of Action Prévoyance, September 2025', async () => {
    const { bytes, lineCount } = await write('xlsx', asExportLines(actionPrevoyanceEntries()), 'AP');
    expect(lineCount).toBe(3);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Export')!;
    const rows = [2, 3, 4].map((r) => sheet.getRow(r));
    const seed = [
      ['01/09/2025', 'AP', 'AP-SANTE-001', 'Oggodata', 'Commission', '756200', 0, 120, 0, 0],
      ['02/09/2025', 'AP', 'AP-SANTE-002', 'Oggodata', 'Commission', '756200', 0, 98, 0, 0],
      ['05/09/2025', 'AP', 'AP-SANTE-003', 'Oggodata', 'Commission', '756200', 0, 145, 0, 0],
    ];
    for (const [i, row] of rows.entries()) {
      const date = row.getCell(1).value as Date;
      const shown = `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;
      expect([shown, ...[2, 3, 4, 5, 6, 9, 10, 11, 12].map((c) => row.getCell(c).value)]).toEqual(seed[i]);
      expect(row.getCell(1).numFmt).toBe('dd/mm/yyyy');
      // 0 shows « 0 », 120 shows « 120,00 » in a French Excel (the decimal separator is the locale's).
      expect(row.getCell(10).numFmt).toBe('0.00;-0.00;0');
    }
  });

  it('Annex F §4.2 and §4.1: the CSV lines of Action Prévoyance, Mondial TV (29,90 € TTC) and Depanssur (100 € TTC)', async () => {
    const ap = await write('csv', asExportLines(actionPrevoyanceEntries()), 'Action Prévoyance');
    const apLines = ap.bytes.toString('utf8').split('\r\n');
    expect(ap.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(apLines[1]).toBe('2025-09-01;Action Prévoyance;AP-SANTE-001;Oggodata;Commission;756200;VENTE;;0;120,00;0;0%;;');
    expect(apLines.slice(1, 4).map((l) => l.split(';').slice(8, 10).join(';'))).toEqual(['0;120,00', '0;98,00', '0;145,00']);

    const mtv = fromEngineEntry(revenueEntry('2025-09-01', 'MTV-1', 2_492, 2000), { sourceKey: 'mtv', pieceRef: 'F-1', currency: 'EUR', productSku: 'FT-BOX-001' });
    const depanssur = fromEngineEntry(revenueEntryInclTax('2025-09-01', 'DEP-1', DEPANSSUR.amountInclTax, DEPANSSUR.vatRateBp), { sourceKey: 'dep', pieceRef: 'F-2', currency: 'EUR', productSku: 'DEP-SERVICE-001' });
    const ft = await write('csv', asExportLines([mtv, depanssur]), 'France Téléphone');
    const rows = ft.bytes.toString('utf8').split('\r\n');
    // Annex F §4.1 columns Date;Societe;Produit;Type;Compte;Debit;Credit;TVA;TauxTVA = §3 columns 1, 2, 3, 5, 6, 9, 10, 11, 12.
    const exampleColumns = (row: string) => [0, 1, 2, 4, 5, 8, 9, 10, 11].map((i) => row.split(';')[i]).join(';');
    expect(exampleColumns(rows[1]!)).toBe('2025-09-01;France Téléphone;FT-BOX-001;CA;706100;0;29,90;4,98;20%');
    expect(exampleColumns(rows[2]!)).toBe('2025-09-01;France Téléphone;DEP-SERVICE-001;CA;706100;0;100,00;16,67;20%');
    expect(ft.lineCount).toBe(2);
  });

  it('the FEC has every line of every entry and balances; the VAT export totals by rate; the partner statement totals by partner', async () => {
    const lines = asExportLines([...actionPrevoyanceEntries(), fromEngineEntry(revenueEntry('2025-09-01', 'MTV-1', 2_492, 2000), { sourceKey: 'mtv', pieceRef: 'F-1', currency: 'EUR' })]);
    const fec = await write('fec', lines, 'AP');
    const rows = fec.bytes.toString('utf8').trimEnd().split('\r\n');
    expect(rows).toHaveLength(lines.length + 1);
    const total = (i: number) => rows.slice(1).reduce((t, r) => t + Math.round(Number(r.split('|')[i]!.replace(',', '.')) * 100), 0);
    expect(total(11)).toBe(total(12));
    expect(rows[1]).toBe('VE|Ventes|VE-2025-000001|20250901|467000|Autres comptes débiteurs ou créditeurs|||AP-SANTE-001|20250901|Commission partenaire AP-SANTE-001|120,00|0,00|||20250901||');
    const vat = await write('vat', lines, 'AP');
    expect(vat.bytes.toString('utf8')).toContain('445710;Collectée;20%;24,92;4,98');
    const statement = await write('statement', lines, 'AP');
    expect(statement.bytes.toString('utf8').trimEnd().split('\r\n').at(-1)).toBe('Total;AP;;Oggodata;Commission;;;363,00;');
  });
});
