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
