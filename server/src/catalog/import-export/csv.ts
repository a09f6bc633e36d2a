/**
 * French CSV as spreadsheets in France expect it: `;` separator, UTF-8 with a BOM, CRLF line ends,
 * fields quoted when they hold the separator, a quote or a line break. The reader takes `;` or `,`
 * (guessed from the header line), with or without a BOM, CRLF or LF.
 */
export const BOM = '\uFEFF';

function quote(value: string, separator: string): string {
  return value.includes(separator) || value.includes('"') || value.includes('\n') || value.includes('\r') ? `"${value.replaceAll('"', '""')}"` : value;
}

export function writeCsv(rows: readonly (readonly string[])[], separator = ';'): string {
  const body = rows.map((row) => row.map((cell) => quote(cell, separator)).join(separator)).join('\r\n');
  return `${BOM}${body}\r\n`;
}

/** The separator of the header line: whichever of `;` and `,` occurs more often outside quotes. */
export function detectSeparator(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ';') semicolons++;
    else if (!quoted && char === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}

export interface CsvLine {
  /** 1-based line number in the file of the record's first line. */
  line: number;
  cells: string[];
}

/** RFC 4180 records; quoted fields may hold separators, doubled quotes and line breaks. Blank lines are skipped. */
export function parseCsv(input: string, separator?: string): CsvLine[] {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const sep = separator ?? detectSeparator(text);
  const records: CsvLine[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let touched = false;
  const endRecord = () => {
    cells.push(cell);
    if (touched || cells.length > 1 || cell !== '') records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
      continue;
    }
    if (char === '"') {
      quoted = true;
      touched = true;
    } else if (char === sep) {
      cells.push(cell);
      cell = '';
      touched = true;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else cell += char;
  }
  if (cell !== '' || cells.length > 0 || touched) endRecord();
  return records;
}
