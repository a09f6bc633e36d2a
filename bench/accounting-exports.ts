/**
 * Issue #8 benchmark: on PostgreSQL (DATABASE_URL), 1,000,000 ledger lines in a month, then the FEC and the Annex F CSV
 * streamed from the server-side cursor to a file (formatting + SHA-256 included), each in a child process of its own so
 * its peak RSS is its own; baselines in the same run: a bare cursor over the same rows (same query, no formatting), and
 * PostgreSQL's `COPY (…) TO STDOUT` through psql into a byte counter.
 *   npx tsx bench/accounting-exports.ts        BENCH_ACCOUNTING_LINES=1000000  BENCH_ACCOUNTING_KINDS=fec,csv,xlsx
 *   BENCH_NO_APPEND=1 (print only)
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const here = fileURLToPath(import.meta.url);
const mode = process.argv[2] ?? 'main';
const DB_NAME = 'comptoir_bench_accounting';
const LINES = Number(process.env.BENCH_ACCOUNTING_LINES ?? 1_000_000);
const RANGE = { from: '2025-09-01', to: '2025-09-30' };

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) throw new Error('DATABASE_URL is required: this benchmark runs on PostgreSQL');
const benchUrl = withDatabase(baseUrl, DB_NAME);

interface Measure {
  what: string;
  seconds: number;
  maxRssMb: number;
  rows: number;
  bytes: number;
  startRssMb?: number;
}

function report(measure: Omit<Measure, 'maxRssMb' | 'startRssMb'>, startRssMb = 0): void {
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`\nRESULT ${JSON.stringify({ ...measure, maxRssMb, startRssMb })}\n`);
}

/** The export processes open only the pool (no runtime, no modules): what they measure is the export. */
async function poolOnBench() {
  const { openPostgres } = await import('../server/src/platform/db/database.ts');
  return openPostgres(benchUrl, 2);
}

const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);

async function runtimeOnBench() {
  const { loadConfig } = await import('../server/src/platform/config/config.ts');
  const { createRuntime } = await import('../server/src/platform/runtime.ts');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-bench-acc-'));
  const config = loadConfig({ ...process.env, DATABASE_URL: benchUrl, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  return createRuntime(config, { work: false, logLevel: 'silent' });
}

async function scope(client: pg.PoolClient | pg.Client): Promise<{ workspaceId: string; companyId: string }> {
  const { rows } = await client.query<{ workspace_id: string; id: string }>(`select workspace_id, id from identity.company where siren = '552100554'`);
  return { workspaceId: rows[0]!.workspace_id, companyId: rows[0]!.id };
}

async function seed(): Promise<void> {
  const started = performance.now();
  const runtime = await runtimeOnBench(); // migrates the fresh database
  const client = await runtime.database.pool!.connect();
  try {
    const ws = await client.query<{ id: string }>(`insert into identity.workspace (id, slug, name, country, default_currency, settings) values (gen_random_uuid(), 'bench-acc', 'Bench', 'FR', 'EUR', '{}') returning id`);
    await client.query(
      `insert into identity.company (id, workspace_id, legal_name, brand_name, siren, country, currency, time_zone) values (gen_random_uuid(), $1, 'Bench Compta SA', 'Bench', '552100554', 'FR', 'EUR', 'Europe/Paris')`,
      [ws.rows[0]!.id],
    );
    const { workspaceId, companyId } = await scope(client);
    const entries = Math.ceil(LINES / 3);
    await client.query('begin');
    // The bulk seed bypasses the (per-row) triggers; the rows are balanced by construction below: TTC = HT + VAT.
    await client.query(`set local session_replication_role = replica`);
    await client.query(
      `insert into accounting.entry (id, workspace_id, company_id, journal, year, sequence, number, entry_date, label, source_key, piece_ref, currency, product_sku, partner_name, contract_ref, customer_ref, total_debit, total_credit)
       select gen_random_uuid(), $1, $2, 'VE', 2025, n, 'VE-2025-' || lpad(n::text, 6, '0'), date '2025-09-01' + (n % 30), 'Facture F-2025-' || lpad(n::text, 6, '0') || ' Client ' || (n % 997),
              'bench:' || n, 'F-2025-' || lpad(n::text, 6, '0'), 'EUR', 'MTV-OFFRE-00' || (n % 3 + 1), null, gen_random_uuid(), gen_random_uuid(),
              (1000 + n % 50000) * 12 / 10, (1000 + n % 50000) * 12 / 10
       from generate_series(1, $3::int) n`,
      [workspaceId, companyId, entries],
    );
    await client.query(
      `insert into accounting.line (id, workspace_id, company_id, entry_id, position, entry_date, journal, account, aux_account, aux_label, kind, label, debit, credit, vat_amount, vat_rate_bp)
       select gen_random_uuid(), e.workspace_id, e.company_id, e.id, p, e.entry_date, 'VE',
              case p when 1 then '411000' when 2 then '706100' else '445710' end,
              case p when 1 then 'C' || substr(e.customer_ref::text, 1, 8) end, case p when 1 then 'Client ' || (e.sequence % 997) end,
              case p when 1 then 'Tiers' when 2 then 'CA' else 'TVA' end, e.label,
              case p when 1 then e.total_debit else 0 end,
              case p when 2 then e.total_debit * 10 / 12 when 3 then e.total_debit - e.total_debit * 10 / 12 else 0 end,
              case p when 1 then 0 else e.total_debit - e.total_debit * 10 / 12 end, case p when 1 then 0 else 2000 end
       from accounting.entry e cross join generate_series(1, 3) p where e.company_id = $1`,
      [companyId],
    );
    await client.query('commit');
    await client.query('vacuum analyze accounting.line');
    await client.query('vacuum analyze accounting.entry');
    const { rows } = await client.query<{ n: string; d: string; c: string }>(`select count(*) n, sum(debit) d, sum(credit) c from accounting.line where company_id = $1`, [companyId]);
    if (rows[0]!.d !== rows[0]!.c) throw new Error(`seed does not balance: ${rows[0]!.d} ≠ ${rows[0]!.c}`);
    report({ what: 'seed', seconds: (performance.now() - started) / 1000, rows: Number(rows[0]!.n), bytes: 0 });
  } finally {
    client.release();
    await runtime.close();
  }
}

async function exportKind(kind: 'fec' | 'csv' | 'xlsx'): Promise<void> {
  const database = await poolOnBench();
  const { readLedgerLines } = await import('../server/src/accounting/exports/read-ledger-lines.ts');
  const { writeExport } = await import('../server/src/accounting/exports/write-export.ts');
  const client = await database.pool!.connect();
  const ids = await scope(client);
  client.release();
  const startRss = rssMb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-bench-export-'));
  try {
    const started = performance.now();
    let read = 0;
    const onProgress = (n: number) => {
      read = n;
    };
    const written = await writeExport(readLedgerLines(database, { ...ids, ...RANGE }), { kind, company: 'Bench', dir, onProgress });
    const seconds = (performance.now() - started) / 1000;
    report({ what: kind, seconds, rows: read, bytes: written.size }, startRss);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await database.close();
  }
}

/** Baseline 1: the same cursor and query, rows fetched and dropped (no formatting, no file). */
async function baselineCursor(): Promise<void> {
  const database = await poolOnBench();
  const client = await database.pool!.connect();
  const ids = await scope(client);
  const startRss = rssMb();
  const started = performance.now();
  let rows = 0;
  // The export's query and batch size, straight on pg: no mapping, no formatting, no file.
  await client.query('begin isolation level repeatable read read only');
  await client.query('set local cursor_tuple_fraction = 1.0');
  await client.query(
    `declare c no scroll cursor for select l.id, l.entry_date, l.journal, e.number, l.account, l.aux_account, l.aux_label, e.piece_ref, l.label, l.kind, l.debit, l.credit,
       l.vat_amount, l.vat_rate_bp, l.cost_center, e.product_sku, e.partner_name, e.contract_ref, e.customer_ref, e.currency, e.created_at
     from accounting.line l join accounting.entry e on e.id = l.entry_id
     where l.workspace_id = $1 and l.company_id = $2 and l.entry_date between $3 and $4 order by l.entry_date, l.id`,
    [ids.workspaceId, ids.companyId, RANGE.from, RANGE.to],
  );
  for (;;) {
    const result = await client.query({ text: 'fetch 10000 from c', rowMode: 'array' });
    if (result.rows.length === 0) break;
    rows += result.rows.length;
  }
  await client.query('commit');
  report({ what: 'cursor', seconds: (performance.now() - started) / 1000, rows, bytes: 0 }, startRss);
  client.release();
  await database.close();
}

/** Baseline 2: PostgreSQL's own COPY of the same join to stdout (psql), bytes counted. */
async function baselineCopy(): Promise<Measure> {
  const client = new pg.Client({ connectionString: benchUrl });
  await client.connect();
  const ids = await scope(client);
  await client.end();
  const query = `copy (select l.entry_date, l.journal, e.number, l.account, l.aux_account, l.aux_label, e.piece_ref, l.label, l.debit, l.credit, e.created_at
    from accounting.line l join accounting.entry e on e.id = l.entry_id
    where l.workspace_id = '${ids.workspaceId}' and l.company_id = '${ids.companyId}' and l.entry_date between '${RANGE.from}' and '${RANGE.to}' order by l.entry_date, l.id) to stdout with (format csv, delimiter '|')`;
  const started = performance.now();
  const child = spawn('psql', [benchUrl, '-X', '-q', '-c', query], { stdio: ['ignore', 'pipe', 'inherit'] });
  let bytes = 0;
  let rows = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) rows++;
  });
  await new Promise<void>((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited ${code}`)))));
  return { what: 'copy', seconds: (performance.now() - started) / 1000, maxRssMb: 0, rows, bytes };
}

function child(kind: string): Measure {
  // A small young generation: V8 collects the batches it no longer needs sooner instead of growing the heap.
  const flags = kind === 'seed' ? [] : ['--max-semi-space-size=2', '--max-old-space-size=96'];
  const result = spawnSync(process.execPath, [...flags, ...process.execArgv, here, kind], { env: process.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = result.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (result.status !== 0 || !line) throw new Error(`${kind} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  return JSON.parse(line.slice('RESULT '.length)) as Measure;
}

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.query(`create database ${DB_NAME}`);
  await admin.end();
  const kinds = (process.env.BENCH_ACCOUNTING_KINDS ?? 'fec,csv').split(',').map((k) => k.trim());
  try {
    const load = [os.loadavg().map((l) => l.toFixed(2)).join(', ')];
    console.log(`Seeding ${LINES} ledger lines…`);
    const seeded = child('seed');
    console.log(`  ${seeded.rows} lines in ${seeded.seconds.toFixed(1)} s`);
    const copy = await baselineCopy();
    console.log(`  COPY baseline: ${copy.seconds.toFixed(2)} s`);
    const cursor = child('baseline-cursor');
    console.log(`  cursor baseline: ${cursor.seconds.toFixed(2)} s, ${cursor.maxRssMb} MB`);
    const measures: Measure[] = [];
    for (const kind of kinds) {
      const m = child(kind);
      console.log(`  ${kind}: ${m.seconds.toFixed(2)} s, ${m.maxRssMb} MB peak RSS, ${(m.bytes / 2 ** 20).toFixed(0)} MiB`);
      measures.push(m);
    }
    load.push(os.loadavg().map((l) => l.toFixed(2)).join(', '));
    const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
    const markdown = [
      `### Accounting exports (issue #8) on PostgreSQL server — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      '',
      `- Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
      `- Command: \`DATABASE_URL=postgres://… npx tsx bench/accounting-exports.ts\`${process.env.BENCH_ACCOUNTING_KINDS ? ` with BENCH_ACCOUNTING_KINDS=${process.env.BENCH_ACCOUNTING_KINDS}` : ''}`,
      `- Load average (1, 5, 15 min) before / after: ${load[0]} / ${load[1]} — other helpers were running tests on the same 2 cores.`,
      `- ${seeded.rows.toLocaleString('en')} ledger lines in one month of one company (seeded by SQL in ${seeded.seconds.toFixed(1)} s, triggers bypassed for the bulk load). Each export runs in its own process (\`--max-semi-space-size=2 --max-old-space-size=96\`) that opens only a pg pool (peak RSS = that process's maxRSS, Node and the modules loaded included; « before » is its RSS when the export starts) and writes the file with its SHA-256; storing it (FileStorage.put) is not timed.`,
      '',
      '| what | seconds | RSS before → peak MB | rows | file MiB | ratio to COPY | ratio to bare cursor |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| baseline: \`COPY (same join) TO STDOUT\` via psql | ${copy.seconds.toFixed(2)} | — | ${copy.rows} | ${(copy.bytes / 2 ** 20).toFixed(0)} | 1.00× | — |`,
      `| baseline: bare server-side cursor, same query, rows dropped | ${cursor.seconds.toFixed(2)} | ${cursor.startRssMb} → ${cursor.maxRssMb} | ${cursor.rows} | — | ${(cursor.seconds / copy.seconds).toFixed(2)}× | 1.00× |`,
      ...measures.map((m) => `| ${m.what.toUpperCase()} export (cursor → formatter → file + SHA-256) | ${m.seconds.toFixed(2)} | ${m.startRssMb} → ${m.maxRssMb} | ${m.rows} | ${(m.bytes / 2 ** 20).toFixed(0)} | ${(m.seconds / copy.seconds).toFixed(2)}× | ${(m.seconds / cursor.seconds).toFixed(2)}× |`),
      '',
      `Goal (issue #8): under 20 s and under 256 MB for 1,000,000 lines — ${measures.filter((m) => m.what !== 'xlsx').every((m) => m.seconds < 20 && m.maxRssMb < 256) ? 'met' : 'NOT met'} for ${measures.filter((m) => m.what !== 'xlsx').map((m) => m.what.toUpperCase()).join(' and ')}.`,
      '',
    ].join('\n');
    console.log(`\n${markdown}`);
    if (!process.env.BENCH_NO_APPEND) {
      const file = path.resolve(path.dirname(here), '../docs/benchmarks.md');
      fs.appendFileSync(file, `\n${markdown}`);
      console.log(`Appended to ${file}`);
    }
  } finally {
    const admin2 = new pg.Client({ connectionString: baseUrl });
    await admin2.connect();
    await admin2.query(`drop database if exists ${DB_NAME} with (force)`);
    await admin2.end();
  }
}

if (mode === 'main') await main();
else if (mode === 'seed') await seed();
else if (mode === 'baseline-cursor') await baselineCursor();
else await exportKind(mode as 'fec' | 'csv' | 'xlsx');
