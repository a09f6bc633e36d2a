/**
 * `npm run bench`: measures the baselines (Fastify hello-world, raw `SELECT 1`) and
 * every scenario in the same run, on the embedded engine or on DATABASE_URL, and
 * appends the figures with their ratios to docs/benchmarks.md.
 *   BENCH_DURATION=10 (seconds per measurement)   BENCH_ONLY=platform (scenario names)
 *   BENCH_PRODUCTS=50000 BENCH_VERSIONS_PER_PRODUCT=10 (catalog volume)   BENCH_WEBHOOK_EVENTS=5000 (payments burst)
 *   BENCH_NO_APPEND=1 (trial run)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/src/platform/config/config.ts';
import { buildApp } from '../server/src/platform/http/app.ts';
import { createRuntime } from '../server/src/platform/runtime.ts';
import { measureHelloWorld, measureRawSelectOne } from './lib/baselines.ts';
import { appendToBenchmarks, type BenchRow, toMarkdown } from './lib/report.ts';
import type { Scenario } from './lib/scenario.ts';
import { catalogNotes, catalogScenario } from './scenarios/catalog.ts';
import { paymentsNotes, paymentsScenario } from './scenarios/payments.ts';
import { platformScenario } from './scenarios/platform.ts';

const scenarios: Scenario[] = [platformScenario, catalogScenario, paymentsScenario];

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-bench-'));
const config = loadConfig({
  ...process.env,
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  // The rate limiter stays in the path (it costs what it costs in production) but never trips.
  RATE_LIMIT_MAX: '1000000000',
});
const runtime = await createRuntime(config, { work: false, logLevel: 'silent' });
try {
  const engine = runtime.database.kind === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL server';
  console.log(`Benchmarking on ${engine}…`);
  const hello = { name: 'hello-world', result: await measureHelloWorld() };
  console.log(`  hello-world: ${hello.result.requestsPerSecond} req/s`);
  const select1 = { name: 'raw SELECT 1', result: await measureRawSelectOne(runtime.database) };
  console.log(`  raw SELECT 1: ${select1.result.requestsPerSecond} req/s`);
  const rows: BenchRow[] = [
    { scenario: 'baseline: Fastify hello-world', result: hello.result },
    { scenario: 'baseline: Fastify + raw `SELECT 1`', result: select1.result },
  ];
  const ran: string[] = [];
  for (const scenario of scenarios) {
    if (only && !only.includes(scenario.name)) continue;
    ran.push(scenario.name);
    const app = await buildApp(runtime, { serveWeb: false });
    const scenarioRows = await scenario.run({ runtime, app, baselines: { hello, select1 } });
    for (const row of scenarioRows) console.log(`  ${row.scenario}: ${row.result.requestsPerSecond} req/s`);
    rows.push(...scenarioRows);
  }
  const envPrefix = ['BENCH_ONLY', 'BENCH_DURATION', 'BENCH_PRODUCTS', 'BENCH_VERSIONS_PER_PRODUCT', 'BENCH_WEBHOOK_EVENTS', 'BENCH_WEBHOOK_WORKER']
    .filter((name) => process.env[name])
    .map((name) => `${name}=${process.env[name]} `)
    .join('');
  const command = `${envPrefix}${runtime.database.kind === 'postgres' ? 'DATABASE_URL=postgres://… ' : ''}npm run bench`;
  const title = ran.includes('catalog')
    ? `Catalog (issue #4)${ran.includes('platform') ? ' and platform' : ''} on ${engine}`
    : ran.includes('payments')
      ? `Payments webhook burst (issue #5) on ${engine}`
      : `Platform baseline on ${engine}`;
  const markdown = toMarkdown(title, command, rows, [
    `Load: autocannon, 50 connections, ${process.env.BENCH_DURATION ?? 10} s per row, separate process, loopback.`,
    ...(ran.includes('catalog') ? catalogNotes() : []),
    ...(ran.includes('payments') ? paymentsNotes() : []),
  ]);
  console.log(`\n${markdown}`);
  // BENCH_NO_APPEND=1: a trial run, printed only.
  if (!process.env.BENCH_NO_APPEND) console.log(`Appended to ${appendToBenchmarks(markdown)}`);
} finally {
  await runtime.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
