import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { ExportKind } from '../schema.ts';
import { ANNEX_F_COLUMNS, addVat, annexFHeader, annexFLine, annexFRow, csvLine, decimalComma, type ExportLine, fecHeader, fecLine, inAnnexF, UTF8_BOM, type VatTotal, vatLines } from '../rules/formats.ts';

export interface WrittenFile {
  path: string;
  sha256: string;
  size: number;
  /** Data rows written (the header not counted). */
  lineCount: number;
}

export interface WriteOptions {
  kind: ExportKind;
  /** The company as the Annex F file names it (its export code or brand name). */
  company: string;
  /** Called after each batch with the ledger lines read so far. */
  onProgress?: (read: number) => void | Promise<void>;
  dir?: string;
}

/** A file sink that hashes as it writes and honours back-pressure, so the export never holds more than a batch. */
class HashingFile {
  readonly hash = createHash('sha256');
  readonly stream: fs.WriteStream;
  size = 0;
  constructor(readonly path: string) {
    this.stream = fs.createWriteStream(path);
  }
  async write(text: string): Promise<void> {
    if (!text) return;
    const bytes = Buffer.from(text, 'utf8');
    this.hash.update(bytes);
    this.size += bytes.byteLength;
    if (!this.stream.write(bytes)) await new Promise<void>((resolve) => this.stream.once('drain', resolve));
  }
  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

async function fileSha256(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).byteLength;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Writes one export from batches of ledger lines to a temporary file: the Annex F CSV (`;`, UTF-8 BOM, decimal comma),
 * its XLSX twin (exceljs' streaming WorkbookWriter: rows are committed as they come), the VAT totals by rate, the
 * partner statement (commission lines by partner) or the FEC (pipe separated, every line).
 */
export async function writeExport(batches: AsyncIterable<ExportLine[]>, options: WriteOptions): Promise<WrittenFile> {
  const dir = options.dir ?? (await fs.promises.mkdtemp(path.join(os.tmpdir(), 'comptoir-export-')));
  const file = path.join(dir, `export.${options.kind === 'xlsx' ? 'xlsx' : options.kind === 'fec' ? 'txt' : 'csv'}`);
  let read = 0;
  let lineCount = 0;

  if (options.kind === 'xlsx') {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Export');
    sheet.columns = ANNEX_F_COLUMNS.map((header) => ({ header, key: header, width: header.startsWith('Référence') ? 38 : 16 }));
    for await (const batch of batches) {
      for (const line of batch) {
        if (!inAnnexF(line)) continue;
        const row = annexFRow(line, options.company);
        const shownVat = line.kind === 'CA' ? Math.abs(line.vatAmount) : 0;
        const added = sheet.addRow({
          ...row,
          'Date opération': new Date(`${line.entryDate}T00:00:00Z`),
          Débit: line.debit === 0 ? 0 : (line.debit + shownVat) / 100,
          Crédit: line.credit === 0 ? 0 : (line.credit + shownVat) / 100,
          TVA: Math.abs(line.vatAmount) / 100,
          'Taux TVA': line.vatRateBp / 10_000,
        });
        added.getCell(1).numFmt = 'dd/mm/yyyy';
        for (const column of [9, 10, 11]) added.getCell(column).numFmt = '0.00;-0.00;0';
        added.getCell(12).numFmt = '0.0#%';
        added.commit();
        lineCount++;
      }
      read += batch.length;
      await options.onProgress?.(read);
    }
    sheet.commit();
    await workbook.commit();
    return { path: file, ...(await fileSha256(file)), lineCount };
  }

  const out = new HashingFile(file);
  try {
    if (options.kind === 'csv') {
      await out.write(annexFHeader());
      for await (const batch of batches) {
        let chunk = '';
        for (const line of batch) {
          if (!inAnnexF(line)) continue;
          chunk += annexFLine(line, options.company);
          lineCount++;
        }
        await out.write(chunk);
        read += batch.length;
        await options.onProgress?.(read);
      }
    } else if (options.kind === 'fec') {
      await out.write(fecHeader('|'));
      for await (const batch of batches) {
        let chunk = '';
        for (const line of batch) chunk += fecLine(line, '|');
        lineCount += batch.length;
        await out.write(chunk);
        read += batch.length;
        await options.onProgress?.(read);
      }
    } else if (options.kind === 'vat') {
      const totals = new Map<string, VatTotal>();
      for await (const batch of batches) {
        for (const line of batch) addVat(totals, line);
        read += batch.length;
        await options.onProgress?.(read);
      }
      lineCount = totals.size;
      await out.write(vatLines(totals));
    } else {
      // Partner statement (bordereau): commission lines by partner and product, Annex F §7's columns.
      await out.write(`${UTF8_BOM}${csvLine(['Date', 'Société', 'Produit', 'Partenaire', 'Type', 'Compte', 'Débit', 'Crédit', 'Référence contrat'])}\r\n`);
      const byPartner = new Map<string, number>();
      for await (const batch of batches) {
        let chunk = '';
        for (const line of batch) {
          if (line.kind !== 'Commission' || !line.partnerName) continue;
          chunk += `${csvLine([line.entryDate, options.company, line.productSku ?? '', line.partnerName, line.kind, line.account, decimalComma(line.debit), decimalComma(line.credit), line.contractRef ?? ''])}\r\n`;
          byPartner.set(line.partnerName, (byPartner.get(line.partnerName) ?? 0) + line.credit - line.debit);
          lineCount++;
        }
        await out.write(chunk);
        read += batch.length;
        await options.onProgress?.(read);
      }
      for (const [partner, total] of [...byPartner].sort()) await out.write(`${csvLine(['Total', options.company, '', partner, 'Commission', '', '', decimalComma(total), ''])}\r\n`);
    }
  } finally {
    await out.close();
  }
  return { path: file, sha256: out.hash.digest('hex'), size: out.size, lineCount };
}
