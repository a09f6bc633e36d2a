import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { seedIdentityDemo } from '../src/identity/seed/seed-identity-demo.ts';
import { type RunningComptoir, spawnComptoir } from './support/spawn-comptoir.ts';
import { eventually, startTestRuntime, type TestRuntime } from './support/test-runtime.ts';

/**
 * `comptoir serve --processes 2` (PostgreSQL only): a supervising process forks two HTTP processes
 * sharing the port. Each request below goes on a connection of its own (`connection: close`), so
 * the cluster's round robin spreads them over both processes: what one process learns (a session
 * revoked) the other must know at once, and a process that dies is replaced.
 */
describe.runIf(inject('dbEngine') === 'postgres')('comptoir serve --processes (PostgreSQL)', () => {
  let copy: TestRuntime | undefined;
  let running: RunningComptoir | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-processes-'));

  afterAll(async () => {
    await running?.stop();
    await copy?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const call = (url: string, init: RequestInit = {}) =>
    fetch(url, { signal: AbortSignal.timeout(10_000), ...init, headers: { connection: 'close', 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });

  it('serves from two processes whose session caches agree, replaces a dead one, and stops with all of them', async () => {
    // A database of its own, with the demo people; the CLI serves it.
    copy = await startTestRuntime();
    await seedIdentityDemo(copy.runtime);
    running = await spawnComptoir(['serve', '--processes', '2', '--no-worker'], { DATABASE_URL: copy.testDb.url!, DATA_DIR: dataDir, PORT: '0' });
    const startedAt = Date.now();
    await eventually(async () => running!.output().includes('API reference:'), 'the banner');
    expect(running.output()).toContain('HTTP processes: 2');
    const supervisorPid = running.child.pid!;
    const httpPids = () => childPids(supervisorPid);
    expect(httpPids()).toHaveLength(2);

    const login = await call(`${running.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ email: 'admin@winvest.demo', password: 'comptoir-demo' }) });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const me = () => call(`${running!.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    // Both processes cache the live session.
    for (let i = 0; i < 4; i++) expect((await me()).status).toBe(200);

    // Signed out through one process: no process accepts the token afterwards.
    const logout = await call(`${running.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{}' });
    expect(logout.status).toBeLessThan(300);
    for (let i = 0; i < 4; i++) expect((await me()).status).toBe(401);

    // A process killed after its start-up is replaced. (Not asserted: a connection handed to the
    // process in the instant it dies is lost — node:cluster's round robin cannot take it back.)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10_500 - (Date.now() - startedAt))));
    const [victim, survivor] = httpPids();
    process.kill(victim!, 'SIGKILL');
    await eventually(async () => running!.output().includes(`"replaced":${victim}`), 'the replacement listening');
    const replaced = httpPids();
    expect(replaced).toHaveLength(2);
    expect(replaced).not.toContain(victim);
    expect(replaced).toContain(survivor);
    await eventually(async () => {
      const statuses = await Promise.all([1, 2, 3, 4].map(async () => (await call(`${running!.url}/readyz`)).status));
      return statuses.every((status) => status === 200);
    }, 'every process ready');

    // SIGTERM to the supervisor stops everything with exit code 0.
    const pids = httpPids();
    expect(await running.stop()).toBe(0);
    running = undefined;
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
  }, 180_000);
});

/** The direct children of `pid` that are node processes (Linux /proc). */
function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === pid && state !== 'Z' && stat.includes('(node)')) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return children.sort((a, b) => a - b);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
