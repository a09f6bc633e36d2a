import ExcelJS from 'exceljs';
import { type AnyColumn, type Cell, mapHeader, type RawRow } from './columns.ts';
import { parseCsv } from './csv.ts';
import type { ImportError } from './schema.ts';

export interface ReadResult {
  /** Rows of a products file (or sheet): product, version, plan, and maybe a price cell. */
  rows: RawRow[];
  /** Rows of a price grid file (or sheet): one price cell of a plan each. */
  priceRows: RawRow[];
  errors: ImportError[];
}

/** An .xlsx file is a zip archive: it starts with `PK\x03\x04`. */
export function isXlsx(content: Buffer, fileName: string): boolean {
  return fileName.toLowerCase().endsWith('.xlsx') || (content.length > 4 && content[0] === 0x50 && content[1] === 0x4b && content[2] === 0x03 && content[3] === 0x04);
}

const empty = (): ReadResult => ({ rows: [], priceRows: [], errors: [] });

function toRows(lines: { line: number; cells: Cell[] }[], sheet?: string): ReadResult {
  const [header, ...body] = lines;
  if (!header) return { ...empty(), errors: [{ line: 1, column: null, message: 'ligne 1 : fichier vide (en-tête attendu)' }] };
  const { kind, columns, errors } = mapHeader(
    header.cells.map((c) => (c instanceof Date ? '' : c)),
    header.line,
    sheet,
  );
  if (errors.length > 0) return { ...empty(), errors };
  const rows: RawRow[] = [];
  for (const { line, cells } of body) {
    if (cells.every((c) => typeof c === 'string' && c.trim() === '')) continue;
    const record: Partial<Record<AnyColumn, Cell>> = {};
    columns.forEach((column, index) => {
      const cell = cells[index];
      if (column && cell !== undefined) record[column] = cell;
    });
    rows.push({ line, ...(sheet ? { sheet } : {}), cells: record });
  }
  return kind === 'products' ? { rows, priceRows: [], errors: [] } : { rows: [], priceRows: rows, errors: [] };
}

export function readCsv(content: Buffer): ReadResult {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(content);
  if (text.includes('\uFFFD')) return { ...empty(), errors: [{ line: null, column: null, message: 'fichier illisible : encodage UTF-8 attendu' }] };
  return toRows(parseCsv(text));
}

/** A spreadsheet cell as text (numbers written exactly as JavaScript prints them) or a date. */
function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellOf((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
  }
  return '';
}

/**
 * Every non-empty sheet of the workbook, each read by its header: the catalog workbook export holds a « Produits »
 * sheet and a « Grilles tarifaires » sheet, imported together (products first). With several sheets, each error
 * names its sheet.
 */
export async function readXlsx(content: Buffer): Promise<ReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    return { ...empty(), errors: [{ line: null, column: null, message: 'fichier XLSX illisible' }] };
  }
  const sheets = workbook.worksheets
    .map((sheet) => {
      const lines: { line: number; cells: Cell[] }[] = [];
      sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        const cells: Cell[] = [];
        for (let column = 1; column <= row.cellCount; column++) cells.push(cellOf(row.getCell(column).value));
        lines.push({ line: rowNumber, cells });
      });
      return { name: sheet.name, lines };
    })
    .filter((s) => s.lines.length > 0);
  if (sheets.length === 0) return { ...empty(), errors: [{ line: null, column: null, message: 'le classeur ne contient aucune feuille remplie' }] };
  const out = empty();
  for (const sheet of sheets) {
    const read = toRows(sheet.lines, sheets.length > 1 ? sheet.name : undefined);
    out.rows.push(...read.rows);
    out.priceRows.push(...read.priceRows);
    out.errors.push(...read.errors);
  }
  return out;
}

export async function readImportFile(content: Buffer, fileName: string): Promise<ReadResult> {
  return isXlsx(content, fileName) ? readXlsx(content) : readCsv(content);
}
