import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadResult } from './load.ts';

export interface BenchRow {
  scenario: string;
  result: LoadResult;
  /** The baseline this scenario is compared with, measured in the same run. */
  baseline?: { name: string; result: LoadResult };
}

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function ratio(row: BenchRow): string {
  if (!row.baseline) return '—';
  const value = row.result.requestsPerSecond / row.baseline.result.requestsPerSecond;
  // Two decimals, or two significant digits below 0.1 (a 0.0068× ratio must not print as 0.00×).
  return `${value >= 0.1 ? value.toFixed(2) : value.toPrecision(2)}× ${row.baseline.name}`;
}

export function toMarkdown(title: string, command: string, rows: BenchRow[], notes: string[]): string {
  const lines = [
    `### ${title} — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- Machine: ${machineLine()}`,
    `- Command: \`${command}\``,
    ...notes.map((note) => `- ${note}`),
    '',
    '| scenario | req/s | p50 ms | p99 ms | errors / non-2xx | ratio to baseline |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (row) =>
        `| ${row.scenario} | ${row.result.requestsPerSecond} | ${row.result.latencyP50Ms} | ${row.result.latencyP99Ms} | ${row.result.errors} / ${row.result.non2xx} | ${ratio(row)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

export function appendToBenchmarks(markdown: string): string {
  const file = path.resolve(import.meta.dirname, '../../docs/benchmarks.md');
  fs.appendFileSync(file, `\n${markdown}`);
  return file;
}
