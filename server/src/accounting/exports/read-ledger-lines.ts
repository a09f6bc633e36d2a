import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/query-rows.ts';
import { accountLabel, JOURNALS, type JournalCode } from '../rules/accounts.ts';
import type { ExportLine } from '../rules/formats.ts';

const BATCH = 10_000;

interface Row {
  id: string;
  entry_date: string;
  journal: JournalCode;
  number: string;
  account: string;
  aux_account: string | null;
  aux_label: string | null;
  piece_ref: string;
  label: string;
  kind: string;
  debit: string | number;
  credit: string | number;
  vat_amount: string | number;
  vat_rate_bp: number;
  cost_center: string | null;
  product_sku: string | null;
  partner_name: string | null;
  contract_ref: string | null;
  customer_ref: string | null;
  currency: string;
  valid_date: string;
}

const COLUMNS = `l.id, to_char(l.entry_date, 'YYYY-MM-DD') as entry_date, l.journal, e.number, l.account, l.aux_account, l.aux_label,
  e.piece_ref, l.label, l.kind, l.debit, l.credit, l.vat_amount, l.vat_rate_bp, l.cost_center, e.product_sku, e.partner_name,
  e.contract_ref, e.customer_ref, e.currency, to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD') as valid_date`;

const labels = new Map<string, string>();
function cachedLabel(account: string): string {
  let label = labels.get(account);
  if (label === undefined) {
    label = accountLabel(account);
    if (labels.size < 10_000) labels.set(account, label);
  }
  return label;
}

/**
 * On PostgreSQL each row comes as ONE text field, its values joined by U+001F (nulls as U+001E): the driver parses one
 * string per row instead of 21 typed columns, and a native split rebuilds the values (the formatting stays in rules/).
 */
const UNIT = '\u001f';
const NULL = '\u001e';
const PACKED = `array_to_string(array[l.id::text, to_char(l.entry_date, 'YYYY-MM-DD'), l.journal, e.number, l.account, l.aux_account, replace(l.aux_label, chr(31), ' '),
  e.piece_ref, replace(l.label, chr(31), ' '), l.kind, l.debit::text, l.credit::text, l.vat_amount::text, l.vat_rate_bp::text, l.cost_center, e.product_sku, e.partner_name,
  e.contract_ref::text, e.customer_ref::text, e.currency, to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD')], chr(31), chr(30))`;

function lineFromPacked(packed: string): ExportLine {
  const v: (string | number | null)[] = packed.split(UNIT).map((value) => (value === NULL ? null : value));
  v[13] = Number(v[13]);
  return lineFromArray(v);
}

/** The cursor's rows come as arrays (no object per row for the driver to build), in COLUMNS' order. */
function lineFromArray(v: unknown[]): ExportLine {
  const journal = v[2] as JournalCode;
  const entryDate = v[1] as string;
  const validDate = v[20] as string;
  return {
    entryDate,
    journal,
    journalLabel: JOURNALS[journal],
    entryNumber: v[3] as string,
    account: v[4] as string,
    accountLabel: cachedLabel(v[4] as string),
    auxAccount: v[5] as string | null,
    auxLabel: v[6] as string | null,
    pieceRef: v[7] as string,
    label: v[8] as string,
    kind: v[9] as string,
    debit: Number(v[10]),
    credit: Number(v[11]),
    vatAmount: Number(v[12]),
    vatRateBp: v[13] as number,
    costCenter: v[14] as string | null,
    productSku: v[15] as string | null,
    partnerName: v[16] as string | null,
    contractRef: v[17] as string | null,
    customerRef: v[18] as string | null,
    currency: v[19] as string,
    validDate: validDate < entryDate ? entryDate : validDate,
  };
}

function toLine(row: Row): ExportLine {
  return {
    entryDate: row.entry_date,
    journal: row.journal,
    journalLabel: JOURNALS[row.journal],
    entryNumber: row.number,
    account: row.account,
    accountLabel: cachedLabel(row.account),
    auxAccount: row.aux_account,
    auxLabel: row.aux_label,
    pieceRef: row.piece_ref,
    label: row.label,
    kind: row.kind,
    debit: Number(row.debit),
    credit: Number(row.credit),
    vatAmount: Number(row.vat_amount),
    vatRateBp: row.vat_rate_bp,
    costCenter: row.cost_center,
    productSku: row.product_sku,
    partnerName: row.partner_name,
    contractRef: row.contract_ref,
    customerRef: row.customer_ref,
    currency: row.currency,
    validDate: row.valid_date < row.entry_date ? row.entry_date : row.valid_date,
  };
}

export interface LineRange {
  workspaceId: string;
  companyId: string;
  from: string;
  to: string;
}

/**
 * The company's ledger lines of a period, in (date, posting order), batch by batch so memory stays flat whatever the
 * period holds: on PostgreSQL through a server-side cursor (DECLARE … FETCH in a read-only transaction of its own
 * connection), on PGlite (one connection, shared) by keyset pages on the (company, date, id) index.
 */
export async function* readLedgerLines(database: Database, range: LineRange): AsyncGenerator<ExportLine[]> {
  if (database.pool) {
    const client = await database.pool.connect();
    try {
      await client.query('begin isolation level repeatable read read only');
      // A cursor is planned for its first 10 % of rows by default (an index walk + a nested loop per line); the export
      // reads them all, so plan for all of them (hash join + sort, as COPY would).
      await client.query('set local cursor_tuple_fraction = 1.0');
      await client.query(
        `declare ledger_export no scroll cursor for
         select ${PACKED} from accounting.line l join accounting.entry e on e.id = l.entry_id
         where l.workspace_id = $1 and l.company_id = $2 and l.entry_date between $3 and $4
         order by l.entry_date, l.id`,
        [range.workspaceId, range.companyId, range.from, range.to],
      );
      for (;;) {
        const result = await client.query<unknown[]>({ text: `fetch ${BATCH} from ledger_export`, rowMode: 'array' });
        if (result.rows.length === 0) break;
        yield result.rows.map((row) => lineFromPacked(row[0] as string));
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    return;
  }
  let after: { date: string; id: string } | null = null;
  for (;;) {
    const rows: Row[] = await queryRows<Row>(
      database.db,
      sql`select ${sql.raw(COLUMNS)} from accounting.line l join accounting.entry e on e.id = l.entry_id
          where l.workspace_id = ${range.workspaceId} and l.company_id = ${range.companyId} and l.entry_date between ${range.from} and ${range.to}
          ${after ? sql`and (l.entry_date, l.id) > (${after.date}::date, ${after.id}::uuid)` : sql``}
          order by l.entry_date, l.id limit ${BATCH}`,
    );
    if (rows.length === 0) break;
    yield rows.map(toLine);
    const last = rows[rows.length - 1]!;
    after = { date: last.entry_date, id: last.id };
    if (rows.length < BATCH) break;
  }
}

export async function countLedgerLines(database: Database, range: LineRange): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(
    database.db,
    sql`select count(*) as n from accounting.line where workspace_id = ${range.workspaceId} and company_id = ${range.companyId} and entry_date between ${range.from} and ${range.to}`,
  );
  return Number(row?.n ?? 0);
}
