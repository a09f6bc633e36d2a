import { describe, expect, it } from 'vitest';
import { formatMinor, formatMinorDecimal, parseMajorToMinor } from './amounts.ts';
import { formatDate, mapHeader, PRODUCT_COLUMNS, parseDate, validateRow } from './columns.ts';
import { BOM, detectSeparator, parseCsv, writeCsv } from './csv.ts';
import { readCsv } from './read-file.ts';

describe('amounts with string math', () => {
  it.each([
    [990, '9,90'],
    [5, '0,05'],
    [0, '0,00'],
    [1_850_000, '18500,00'],
    [-1234, '-12,34'],
  ])('formats %i minor units as %s', (minor, text) => {
    expect(formatMinor(minor)).toBe(text);
    expect(parseMajorToMinor(text)).toBe(minor);
  });

  it('formats fractional unit prices', () => {
    expect(formatMinorDecimal('12.5')).toBe('0,125');
    expect(formatMinorDecimal('1999')).toBe('19,99');
    expect(formatMinorDecimal('0.35', '.')).toBe('0.0035');
  });

  it.each([
    ['9.9', 990],
    ['9,9', 990],
    ['1 234,50', 123_450],
    ['12 €', 1200],
    ['0.1', 10],
  ])('reads %s', (text, minor) => expect(parseMajorToMinor(text)).toBe(minor));

  it.each(['9,9x', '9,999', '', 'abc', '1e3'])('refuses %s', (text) => expect(parseMajorToMinor(text)).toBeUndefined());
});

describe('French CSV', () => {
  it('writes BOM, semicolons and CRLF, quoting only when needed', () => {
    const csv = writeCsv([
      ['a', 'b;c', 'say "hi"'],
      ['9,90', 'x\ny', ''],
    ]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe(`${BOM}a;"b;c";"say ""hi"""\r\n9,90;"x\ny";\r\n`);
    expect(parseCsv(csv).map((r) => r.cells)).toEqual([
      ['a', 'b;c', 'say "hi"'],
      ['9,90', 'x\ny', ''],
    ]);
  });

  it('guesses the separator and keeps line numbers across quoted line breaks', () => {
    expect(detectSeparator('sku,name,"a;b"\n')).toBe(',');
    expect(detectSeparator('sku;name;price\n')).toBe(';');
    const lines = parseCsv('sku,name\n"A","multi\nline"\n\nB,"9,90"\n');
    expect(lines).toEqual([
      { line: 1, cells: ['sku', 'name'] },
      { line: 2, cells: ['A', 'multi\nline'] },
      { line: 5, cells: ['B', '9,90'] },
    ]);
  });
});

describe('dates', () => {
  it('reads ISO and French dates as UTC midnights, and writes midnights as plain dates', () => {
    expect(parseDate('2026-01-01')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseDate('31/12/2026')?.toISOString()).toBe('2026-12-31T00:00:00.000Z');
    expect(parseDate('2026-02-30')).toBeUndefined();
    expect(parseDate('2026-03-01T10:00:00+01:00')?.toISOString()).toBe('2026-03-01T09:00:00.000Z');
    expect(formatDate(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01');
    expect(formatDate(new Date('2026-01-01T08:30:00Z'))).toBe('2026-01-01T08:30:00.000Z');
  });
});

describe('row validation', () => {
  const good = { sku: 'MTV-X', name: 'X', company: 'Mondial TV', risk_code: 'OTT', revenue_model: 'revenue', status: 'draft', version: '1', effective_from: '2026-01-01', plan_code: 'BASIC', plan_name: 'Basic', recurrence: 'monthly', rule_type: 'fixed', currency: 'EUR', price: '9,90', tax_category: 'standard', tax_included: 'oui' };

  it('types a good row', () => {
    const { row, errors } = validateRow({ line: 2, cells: good });
    expect(errors).toEqual([]);
    expect(row?.plan).toMatchObject({ code: 'BASIC', price: 990, taxIncluded: true, ruleType: 'fixed' });
    expect(row?.effectiveFrom?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('reports every bad cell with its line and column, in French', () => {
    const { row, errors } = validateRow({ line: 12, cells: { ...good, price: '9,9x', recurrence: 'weekly', tax_included: 'peut-être', version: 'v2' } });
    expect(row).toBeUndefined();
    expect(errors.map((e) => e.column)).toEqual(['version', 'recurrence', 'price', 'tax_included']);
    expect(errors.find((e) => e.column === 'price')?.message).toBe('ligne 12, colonne price : montant invalide « 9,9x »');
  });

  it('needs an exemption code for an exempt fixed price', () => {
    const { errors } = validateRow({ line: 3, cells: { ...good, tax_category: 'exempt' } });
    expect(errors).toMatchObject([{ line: 3, column: 'exemption_code' }]);
  });

  it('names the missing required columns of the header', () => {
    expect(mapHeader(['sku', 'name']).errors.map((e) => e.column)).toEqual(['company', 'risk_code', 'revenue_model']);
    expect(mapHeader([...PRODUCT_COLUMNS]).errors).toEqual([]);
  });

  it('reads a comma-separated file with a decimal dot and no BOM', () => {
    const file = Buffer.from('sku,name,company,risk_code,revenue_model,version,plan_code,plan_name,recurrence,rule_type,price\nA-1,Produit,Mondial TV,OTT,revenue,1,STD,Standard,monthly,fixed,12.50\n');
    const { rows, errors } = readCsv(file);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(validateRow(rows[0]!).row?.plan?.price).toBe(1250);
  });
});
