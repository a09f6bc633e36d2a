import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_PLAN } from './accounts.ts';
import { invoiceEntry, providerFeeEntry } from './entries.ts';
import {
  ANNEX_F_COLUMNS,
  ANNEX_F_EXAMPLE_COLUMNS,
  type AnnexFColumn,
  addVat,
  annexFHeader,
  annexFLine,
  csvField,
  csvLine,
  decimalComma,
  type ExportLine,
  exportFileName,
  FEC_COLUMNS,
  fecDate,
  fecFileName,
  fecHeader,
  fecLine,
  frenchDate,
  inAnnexF,
  periodBounds,
  type VatTotal,
  vatLines,
  vatRatePercent,
} from './formats.ts';

const base: ExportLine = {
  entryDate: '2025-09-01',
  journal: 'VE',
  journalLabel: 'Ventes',
  entryNumber: 'VE-2025-000001',
  account: '706100',
  accountLabel: 'Prestations de services',
  auxAccount: null,
  auxLabel: null,
  pieceRef: 'F-2025-000001',
  label: 'Facture F-2025-000001',
  kind: 'CA',
  debit: 0,
  credit: 0,
  vatAmount: 0,
  vatRateBp: 0,
  costCenter: null,
  productSku: null,
  partnerName: null,
  contractRef: null,
  customerRef: null,
  currency: 'EUR',
  validDate: '2025-09-01',
};

const exampleColumns = (header: string): AnnexFColumn[] => header.split(';').map((name) => ANNEX_F_EXAMPLE_COLUMNS[name]!);
const EXAMPLE_HEADER = 'Date;Societe;Produit;Type;Compte;Debit;Credit;TVA;TauxTVA';

describe('decimalComma', () => {
  it('writes minor units with a decimal comma, zero as Annex F does', () => {
    expect(decimalComma(2990)).toBe('29,90');
    expect(decimalComma(498)).toBe('4,98');
    expect(decimalComma(5)).toBe('0,05');
    expect(decimalComma(0)).toBe('0');
    expect(decimalComma(0, { zero: '0,00' })).toBe('0,00');
    expect(decimalComma(-12000)).toBe('-120,00');
    expect(decimalComma(123456789)).toBe('1234567,89');
    expect(() => decimalComma(1.5)).toThrow(RangeError);
  });

  it('round-trips every integer amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (minor) => {
        const text = decimalComma(minor, { zero: '0,00' });
        expect(text).toMatch(/^-?\d+,\d\d$/);
        expect(Math.round(Number(text.replace(',', '.')) * 100)).toBe(minor);
      }),
    );
  });
});

describe('VAT rates, dates and names', () => {
  it('writes rates as Annex F does', () => {
    expect(vatRatePercent(2000)).toBe('20%');
    expect(vatRatePercent(1000)).toBe('10%');
    expect(vatRatePercent(550)).toBe('5,5%');
    expect(vatRatePercent(210)).toBe('2,1%');
    expect(vatRatePercent(810)).toBe('8,1%');
    expect(vatRatePercent(0)).toBe('0%');
    expect(vatRatePercent(1)).toBe('0,01%');
    expect(() => vatRatePercent(-1)).toThrow(RangeError);
  });

  it('writes FEC dates AAAAMMJJ and French dates', () => {
    expect(fecDate('2025-09-01')).toBe('20250901');
    expect(frenchDate('2025-09-01')).toBe('01/09/2025');
    expect(() => fecDate('01/09/2025')).toThrow(RangeError);
    expect(() => fecDate('2025-9-1')).toThrow(RangeError);
  });

  it('names the files as Annex F and the LPF say', () => {
    expect(exportFileName('csv', 'AP', '2025-09')).toBe('EXPORT_AP_2025-09.csv');
    expect(exportFileName('csv', 'Action Prévoyance', '2025-09')).toBe('EXPORT_Action-Prevoyance_2025-09.csv');
    expect(exportFileName('xlsx', 'MTV', '2025-12')).toBe('EXPORT_MTV_2025-12.xlsx');
    expect(exportFileName('vat', 'FT', '2025-01')).toBe('EXPORT_FT_2025-01_TVA.csv');
    expect(exportFileName('csv', '../../etc', '2025-01')).toBe('EXPORT_etc_2025-01.csv');
    expect(() => exportFileName('csv', 'AP', '2025-13')).toThrow(RangeError);
    expect(fecFileName('123456789', '2025-12-31')).toBe('123456789FEC20251231.txt');
    expect(() => fecFileName('12345', '2025-12-31')).toThrow(RangeError);
  });

  it('bounds periods, leap years included', () => {
    expect(periodBounds('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodBounds('2025-02')).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(periodBounds('2025-12')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
});

describe('CSV quoting', () => {
  it('quotes only what needs it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('il a dit "oui"')).toBe('"il a dit ""oui"""');
    expect(csvField('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvField('a,b')).toBe('a,b');
    expect(csvLine(['1', 'x;y', ''])).toBe('1;"x;y";');
  });

  it('parses back to the same fields', () => {
    const parse = (line: string): string[] => {
      const out: string[] = [];
      let i = 0;
      while (i <= line.length) {
        if (line[i] === '"') {
          let value = '';
          i++;
          while (i < line.length) {
            if (line[i] === '"' && line[i + 1] === '"') {
              value += '"';
              i += 2;
            } else if (line[i] === '"') {
              i++;
              break;
            } else value += line[i++];
          }
          out.push(value);
          i++;
        } else {
          const end = line.indexOf(';', i);
          out.push(line.slice(i, end === -1 ? line.length : end));
          i = end === -1 ? line.length + 1 : end + 1;
        }
      }
      return out;
    };
    fc.assert(fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), (fields) => {
      expect(parse(csvLine(fields))).toEqual(fields);
    }));
  });
});

describe('Annex F CSV', () => {
  it('starts with a UTF-8 BOM and the §3 columns', () => {
    const header = annexFHeader();
    expect(Buffer.from(header, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(header.slice(1)).toBe(`${ANNEX_F_COLUMNS.join(';')}\r\n`);
  });

  it('reproduces §4.1 byte for byte from an invoice of 29,90 € TTC at 20 %', () => {
    const entry = invoiceEntry(
      { kind: 'invoice', number: 'F-2025-000001', issueDate: '2025-09-01', currency: 'EUR', customerId: '0190a000-0000-7000-8000-000000000001', customerName: 'Client', orderId: '0190a000-0000-7000-8000-000000000002', productSku: 'FT-BOX-001', vat: [{ vatRateBp: 2000, taxableAmount: 2492, taxAmount: 498 }], totalInclTax: 2990 },
      DEFAULT_ACCOUNT_PLAN,
    );
    const rows = entry.lines.filter(inAnnexF).map((line) => annexFLine({ ...base, ...line, productSku: entry.productSku ?? null, auxAccount: null, auxLabel: null, costCenter: null }, 'France Téléphone', exampleColumns(EXAMPLE_HEADER)));
    expect(rows).toEqual(['2025-09-01;France Téléphone;FT-BOX-001;CA;706100;0;29,90;4,98;20%\r\n']);
  });

  it('reproduces §4.2 (commission without VAT) and §4.3 (PSP fee with deductible VAT) byte for byte', () => {
    const commission = annexFLine({ ...base, kind: 'Commission', account: '756200', credit: 12000, productSku: 'AP-SANTE-001' }, 'Action Prévoyance', exampleColumns(EXAMPLE_HEADER));
    expect(Buffer.from(commission, 'utf8')).toEqual(Buffer.from('2025-09-01;Action Prévoyance;AP-SANTE-001;Commission;756200;0;120,00;0;0%\r\n', 'utf8'));
    const fee = providerFeeEntry({ sourceKey: 'fee:1', date: '2025-09-01', provider: 'Slimpay', feeExclTax: 1500, vatRateBp: 2000, currency: 'EUR', pieceRef: 'PSP-1' }, DEFAULT_ACCOUNT_PLAN);
    const rows = fee.lines.filter(inAnnexF).map((line) => annexFLine({ ...base, ...line, journal: 'BQ', productSku: fee.productSku ?? null }, 'Winvest Capital', exampleColumns(EXAMPLE_HEADER)));
    expect(rows).toEqual(['2025-09-01;Winvest Capital;PSP-Slimpay;Frais;627100;15,00;0;3,00;20%\r\n']);
  });

  it('writes a credit note on the debit side (Annex F §5 « écritures inversées »)', () => {
    const entry = invoiceEntry(
      { kind: 'credit_note', number: 'AV-2025-000001', issueDate: '2025-09-03', currency: 'EUR', customerId: '0190a000-0000-7000-8000-000000000001', customerName: 'Client', orderId: '0190a000-0000-7000-8000-000000000002', productSku: 'FT-BOX-001', vat: [{ vatRateBp: 2000, taxableAmount: 2492, taxAmount: 498 }], totalInclTax: 2990 },
      DEFAULT_ACCOUNT_PLAN,
    );
    const rows = entry.lines.filter(inAnnexF).map((line) => annexFLine({ ...base, ...line, productSku: entry.productSku ?? null }, 'FT', exampleColumns(EXAMPLE_HEADER)));
    expect(rows).toEqual(['2025-09-01;FT;FT-BOX-001;CA;706100;29,90;0;4,98;20%\r\n']);
  });
});

describe('FEC', () => {
  it('has the 18 columns of article A47 A-1, pipe or tab separated', () => {
    expect(FEC_COLUMNS).toHaveLength(18);
    expect(fecHeader()).toBe('JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise\r\n');
    expect(fecHeader('\t').split('\t')).toHaveLength(18);
  });

  it('writes a line with AAAAMMJJ dates, decimal commas and no currency columns in euros', () => {
    const line = fecLine({ ...base, account: '411000', accountLabel: 'Clients', auxAccount: 'C0190A000', auxLabel: 'Dupont | fils', kind: 'Tiers', debit: 2990, validDate: '2025-09-02' });
    expect(line).toBe('VE|Ventes|VE-2025-000001|20250901|411000|Clients|C0190A000|Dupont   fils|F-2025-000001|20250901|Facture F-2025-000001|29,90|0,00|||20250902||\r\n');
    expect(line.trimEnd().split('|')).toHaveLength(18);
  });

  it('fills the currency columns for another currency, and never lets a field break the line', () => {
    const line = fecLine({ ...base, currency: 'CHF', credit: 1000, label: 'deux\nlignes' }, '\t');
    const fields = line.trimEnd().split('\t');
    expect(fields).toHaveLength(18);
    expect(fields[10]).toBe('deux lignes');
    expect(fields.slice(16)).toEqual(['-10,00', 'CHF']);
  });
});

describe('VAT export by rate (Annex F §4.4)', () => {
  it('totals collected and deductible VAT per rate', () => {
    const totals = new Map<string, VatTotal>();
    const invoice = invoiceEntry(
      { kind: 'invoice', number: 'F-1', issueDate: '2025-09-01', currency: 'EUR', customerId: '0190a000-0000-7000-8000-000000000001', customerName: 'C', orderId: '0190a000-0000-7000-8000-000000000002', vat: [{ vatRateBp: 2000, taxableAmount: 10000, taxAmount: 2000 }, { vatRateBp: 550, taxableAmount: 1000, taxAmount: 55 }], totalInclTax: 13055 },
      DEFAULT_ACCOUNT_PLAN,
    );
    const fee = providerFeeEntry({ sourceKey: 'fee', date: '2025-09-01', provider: 'Slimpay', feeExclTax: 1500, vatRateBp: 2000, currency: 'EUR', pieceRef: 'x' }, DEFAULT_ACCOUNT_PLAN);
    for (const line of [...invoice.lines, ...fee.lines]) addVat(totals, line);
    expect(vatLines(totals)).toBe(`\uFEFFCompte;Nature;Taux TVA;Base HT;TVA\r\n445710;Collectée;20%;100,00;20,00\r\n445710;Collectée;5,5%;10,00;0,55\r\n445660;Déductible;20%;15,00;3,00\r\n`);
  });
});
