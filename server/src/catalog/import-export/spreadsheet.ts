import ExcelJS from 'exceljs';

export type SheetValue = string | number | Date | null;
export interface SheetColumn {
  header: string;
  kind?: 'text' | 'money' | 'date' | 'integer';
  width?: number;
}

export interface SheetSpec {
  name: string;
  columns: SheetColumn[];
  rows: SheetValue[][];
}

/** One sheet: bold frozen header, euros with two decimals, dates as dates. */
export function writeXlsx(sheetName: string, columns: SheetColumn[], rows: SheetValue[][]): Promise<Buffer> {
  return writeWorkbook([{ name: sheetName, columns, rows }]);
}

/** A workbook of one sheet per spec, each written like `writeXlsx`'s. */
export async function writeWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Comptoir';
  for (const { name, columns, rows } of sheets) addSheet(workbook, name, columns, rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: ExcelJS.Workbook, sheetName: string, columns: SheetColumn[], rows: SheetValue[][]): void {
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width ?? (c.kind === 'date' ? 14 : c.kind === 'money' ? 12 : 18),
    style: c.kind === 'money' ? { numFmt: '#,##0.00' } : c.kind === 'date' ? { numFmt: 'dd/mm/yyyy' } : c.kind === 'integer' ? { numFmt: '0' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((v) => v ?? null));
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    row.eachCell((cell, column) => {
      const value = cell.value;
      if (value instanceof Date && (value.getUTCHours() || value.getUTCMinutes() || value.getUTCSeconds())) cell.numFmt = 'dd/mm/yyyy hh:mm:ss';
      else if (columns[column - 1]?.kind === 'money' && typeof value === 'number') cell.numFmt = '#,##0.00';
    });
  });
}
