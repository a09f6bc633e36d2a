/**
 * Pure formatting of the accountants' files (seed 003 Annex F, article A47 A-1 of the LPF). No I/O: the export
 * services stream rows through these.
 */

export const UTF8_BOM = '\uFEFF';

/** Minor units as a French decimal: 2990 → "29,90", 0 → "0" (as Annex F's examples write a zero), -12000 → "-120,00". */
export function decimalComma(minor: number, options: { zero?: string } = {}): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not an integer amount of minor units`);
  if (minor === 0) return options.zero ?? '0';
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const units = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${units},${cents < 10 ? '0' : ''}${cents}`;
}

/** A VAT rate in basis points as Annex F writes it: 2000 → "20%", 550 → "5,5%", 210 → "2,1%", 0 → "0%". */
export function vatRatePercent(bp: number): string {
  if (!Number.isSafeInteger(bp) || bp < 0) throw new RangeError(`Invalid VAT rate ${bp}`);
  const whole = Math.floor(bp / 100);
  const fraction = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `,${fraction}` : ''}%`;
}

/** RFC 4180 quoting with `;`: a field with the separator, a quote, CR or LF is quoted, its quotes doubled. */
export function csvField(value: string, separator = ';'): string {
  if (value.includes(separator) || value.includes('"') || value.includes('\n') || value.includes('\r')) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

export function csvLine(fields: readonly string[], separator = ';'): string {
  return fields.map((field) => csvField(field, separator)).join(separator);
}

/** YYYY-MM-DD → AAAAMMJJ (FEC dates). */
export function fecDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`Invalid date ${isoDate}`);
  return `${match[1]}${match[2]}${match[3]}`;
}

/** YYYY-MM-DD → DD/MM/YYYY (Annex F §7's Excel example). */
export function frenchDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`Invalid date ${isoDate}`);
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** File names keep letters, digits, dashes and underscores: accents are dropped, the rest becomes `-`. */
export function fileNamePart(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'Societe'
  );
}

export function assertPeriod(period: string): void {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new RangeError(`Invalid period ${period}`);
}

/** First and last day of a YYYY-MM period. */
export function periodBounds(period: string): { from: string; to: string } {
  assertPeriod(period);
  const [year, month] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}

/** Annex F §2: EXPORT_{Societe}_{AAAA-MM}.csv (and the same stem for the other kinds). */
export function exportFileName(kind: 'csv' | 'xlsx' | 'vat' | 'statement', company: string, period: string): string {
  assertPeriod(period);
  const stem = `EXPORT_${fileNamePart(company)}_${period}`;
  switch (kind) {
    case 'csv':
      return `${stem}.csv`;
    case 'xlsx':
      return `${stem}.xlsx`;
    case 'vat':
      return `${stem}_TVA.csv`;
    case 'statement':
      return `${stem}_BORDEREAU.csv`;
  }
}

/** Article A47 A-1 LPF: {SIREN}FEC{AAAAMMJJ}.txt, the date being the closing date of the period. */
export function fecFileName(siren: string, closingDate: string): string {
  if (!/^\d{9}$/.test(siren)) throw new RangeError(`Invalid SIREN ${siren}`);
  return `${siren}FEC${fecDate(closingDate)}.txt`;
}

/** One ledger line as the exports read it. */
export interface ExportLine {
  entryDate: string;
  journal: 'VE' | 'AC' | 'BQ' | 'OD';
  journalLabel: string;
  entryNumber: string;
  account: string;
  accountLabel: string;
  auxAccount: string | null;
  auxLabel: string | null;
  pieceRef: string;
  label: string;
  kind: string;
  debit: number;
  credit: number;
  vatAmount: number;
  vatRateBp: number;
  costCenter: string | null;
  productSku: string | null;
  partnerName: string | null;
  contractRef: string | null;
  customerRef: string | null;
  currency: string;
  validDate: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Annex F §3 CSV
// ---------------------------------------------------------------------------------------------------------------

/** Annex F §3's columns, in its order. */
export const ANNEX_F_COLUMNS = [
  'Date opération',
  'Société',
  'Produit',
  'Partenaire',
  'Type écriture',
  'Compte comptable',
  'Journal',
  'Centre de coûts',
  'Débit',
  'Crédit',
  'TVA',
  'Taux TVA',
  'Référence contrat',
  'Référence client',
] as const;
export type AnnexFColumn = (typeof ANNEX_F_COLUMNS)[number];

/** Annex F §4's example header names, mapped to the §3 columns they are. */
export const ANNEX_F_EXAMPLE_COLUMNS: Record<string, AnnexFColumn> = {
  Date: 'Date opération',
  Societe: 'Société',
  Produit: 'Produit',
  Type: 'Type écriture',
  Compte: 'Compte comptable',
  Debit: 'Débit',
  Credit: 'Crédit',
  TVA: 'TVA',
  TauxTVA: 'Taux TVA',
};

const JOURNAL_NAMES = { VE: 'VENTE', AC: 'ACHAT', BQ: 'BANQUE', OD: 'OD' } as const;

/**
 * Which ledger lines the Annex F file shows: the flows (CA, Commission, Frais), each with its VAT in the TVA column.
 * Counterparts (customers, suppliers, cash) are in the FEC, VAT by rate in the separate VAT export (§4.4).
 */
export function inAnnexF(line: Pick<ExportLine, 'kind'>): boolean {
  return line.kind === 'CA' || line.kind === 'Commission' || line.kind === 'Frais';
}

/**
 * One row of the Annex F file. A revenue line is shown VAT included with its VAT beside it (§4.1: 29,90 TTC, TVA 4,98);
 * a fee HT with its deductible VAT (§4.3: 15,00, TVA 3,00); a commission has no VAT (§4.2).
 */
export function annexFRow(line: ExportLine, company: string): Record<AnnexFColumn, string> {
  const shownVat = line.kind === 'CA' ? Math.abs(line.vatAmount) : 0;
  const debit = line.debit === 0 ? 0 : line.debit + shownVat;
  const credit = line.credit === 0 ? 0 : line.credit + shownVat;
  return {
    'Date opération': line.entryDate,
    Société: company,
    Produit: line.productSku ?? '',
    Partenaire: line.partnerName ?? '',
    'Type écriture': line.kind,
    'Compte comptable': line.account,
    Journal: JOURNAL_NAMES[line.journal],
    'Centre de coûts': line.costCenter ?? '',
    Débit: decimalComma(debit),
    Crédit: decimalComma(credit),
    TVA: decimalComma(Math.abs(line.vatAmount)),
    'Taux TVA': vatRatePercent(line.vatRateBp),
    'Référence contrat': line.contractRef ?? '',
    'Référence client': line.customerRef ?? '',
  };
}

export function annexFHeader(columns: readonly string[] = ANNEX_F_COLUMNS): string {
  return `${UTF8_BOM}${csvLine(columns)}\r\n`;
}

export function annexFLine(line: ExportLine, company: string, columns: readonly AnnexFColumn[] = ANNEX_F_COLUMNS): string {
  const row = annexFRow(line, company);
  return `${csvLine(columns.map((column) => row[column]))}\r\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// FEC (article A47 A-1 LPF)
// ---------------------------------------------------------------------------------------------------------------

export const FEC_COLUMNS = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const;

/** Fields may not contain the separator nor line breaks: they become spaces. */
function fecText(value: string | null | undefined, separator: string): string {
  return (value ?? '').replace(/[\r\n]+/g, ' ').split(separator).join(' ');
}

export function fecHeader(separator: '|' | '\t' = '|'): string {
  return `${FEC_COLUMNS.join(separator)}\r\n`;
}

/**
 * One FEC line. Amounts with a decimal comma and two decimals ("0,00" for the empty side), dates AAAAMMJJ, currency
 * columns empty when the entry is in euros (the accounting currency).
 */
export function fecLine(line: ExportLine, separator: '|' | '\t' = '|'): string {
  const foreign = line.currency !== 'EUR';
  const fields = [
    line.journal,
    line.journalLabel,
    line.entryNumber,
    fecDate(line.entryDate),
    line.account,
    line.accountLabel,
    line.auxAccount ?? '',
    line.auxLabel ?? '',
    line.pieceRef,
    fecDate(line.entryDate),
    line.label,
    decimalComma(line.debit, { zero: '0,00' }),
    decimalComma(line.credit, { zero: '0,00' }),
    '',
    '',
    fecDate(line.validDate),
    foreign ? decimalComma(line.debit - line.credit, { zero: '0,00' }) : '',
    foreign ? line.currency : '',
  ];
  return `${fields.map((field) => fecText(field, separator)).join(separator)}\r\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// VAT by rate (Annex F §4.4)
// ---------------------------------------------------------------------------------------------------------------

export interface VatTotal {
  account: string;
  direction: 'collectee' | 'deductible';
  vatRateBp: number;
  base: number;
  vat: number;
}

export const VAT_COLUMNS = ['Compte', 'Nature', 'Taux TVA', 'Base HT', 'TVA'] as const;

/**
 * Adds a ledger line to the VAT totals by direction and rate: revenue lines (CA) make the collected base, fee lines
 * (Frais) the deductible base, VAT lines the VAT itself (4456… deductible, debit − credit; else collected, credit − debit).
 */
export function addVat(totalsByKey: Map<string, VatTotal>, line: Pick<ExportLine, 'account' | 'kind' | 'debit' | 'credit' | 'vatRateBp'>): void {
  let direction: VatTotal['direction'];
  if (line.kind === 'CA') direction = 'collectee';
  else if (line.kind === 'Frais') direction = 'deductible';
  else if (line.kind === 'TVA') direction = line.account.startsWith('4456') ? 'deductible' : 'collectee';
  else return;
  const key = `${direction}|${line.vatRateBp}`;
  const total = totalsByKey.get(key) ?? { account: '', direction, vatRateBp: line.vatRateBp, base: 0, vat: 0 };
  const amount = direction === 'collectee' ? line.credit - line.debit : line.debit - line.credit;
  if (line.kind === 'TVA') {
    total.vat += amount;
    total.account = line.account;
  } else total.base += amount;
  totalsByKey.set(key, total);
}

export function vatLines(totalsByKey: Map<string, VatTotal>): string {
  const rows = [...totalsByKey.values()].sort((a, b) => a.direction.localeCompare(b.direction) || b.vatRateBp - a.vatRateBp);
  return (
    annexFHeader(VAT_COLUMNS) +
    rows.map((row) => `${csvLine([row.account, row.direction === 'collectee' ? 'Collectée' : 'Déductible', vatRatePercent(row.vatRateBp), decimalComma(row.base), decimalComma(row.vat)])}\r\n`).join('')
  );
}
