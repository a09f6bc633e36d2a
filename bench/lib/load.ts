import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const autocannonCli = path.join(path.dirname(require.resolve('autocannon/package.json')), 'autocannon.js');

export interface LoadResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  connections?: number;
  durationSeconds?: number;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * Drives `url` with autocannon in a separate process, so the load generator does
 * not share the event loop of the server it measures.
 */
export async function measureLoad(url: string, options: LoadOptions = {}): Promise<LoadResult> {
  const args = [
    autocannonCli,
    '--json',
    '-c',
    String(options.connections ?? 50),
    '-d',
    String(options.durationSeconds ?? Number(process.env.BENCH_DURATION ?? 10)),
    '-m',
    options.method ?? 'GET',
  ];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}=${value}`);
  if (options.body) args.push('-b', options.body);
  args.push(url);
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`autocannon failed: ${stderr}`))));
  });
  const report = JSON.parse(output);
  return {
    requestsPerSecond: Math.round(report.requests.average),
    latencyP50Ms: report.latency.p50,
    latencyP99Ms: report.latency.p99,
    errors: report.errors,
    non2xx: report.non2xx,
  };
}

export interface DetailedLoadResult extends LoadResult {
  /** Exact percentiles over every response time of the run (ms, fractional). */
  latencyP95Ms: number;
  latencyExactP99Ms: number;
  responses: number;
}

export interface DetailedLoadOptions {
  connections?: number;
  durationSeconds?: number;
  /** A fixed number of requests instead of a duration (sequential timing with connections = 1). */
  amount?: number;
  /** Rotated per connection, in order (autocannon's programmatic `requests`). */
  requests: { method?: string; path: string; body?: string; headers?: Record<string, string> }[];
  headers?: Record<string, string>;
}

const worker = path.join(import.meta.dirname, 'autocannon-worker.mjs');

/**
 * Like measureLoad, still in a separate process, but through autocannon's programmatic API: the
 * requests rotate (many SKUs rather than one) and the percentiles (p95 included) are exact.
 */
export async function measureLoadDetailed(url: string, options: DetailedLoadOptions): Promise<DetailedLoadResult> {
  const config = {
    url,
    connections: options.connections ?? 50,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds ?? Number(process.env.BENCH_DURATION ?? 10) }),
    headers: options.headers ?? {},
    requests: options.requests,
  };
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [worker, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`autocannon worker failed: ${stderr}`))));
  });
  const report = JSON.parse(output);
  return {
    requestsPerSecond: report.requestsPerSecond,
    latencyP50Ms: report.latency.p50,
    latencyP99Ms: report.latency.p99,
    latencyP95Ms: Math.round(report.exact.p95 * 100) / 100,
    latencyExactP99Ms: Math.round(report.exact.p99 * 100) / 100,
    responses: report.exact.count,
    errors: report.errors,
    non2xx: report.non2xx,
  };
}
