import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningComptoir, runComptoir, spawnComptoir } from './support/spawn-comptoir.ts';

/**
 * The newcomer's path: `comptoir start` on an empty DATA_DIR migrates, seeds,
 * serves and becomes ready; a second process on the same directory refuses.
 * (Embedded mode only: DATABASE_URL is removed for these processes.)
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-start-'));
const env = { DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '' };
let first: RunningComptoir | undefined;

afterAll(async () => {
  await first?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('comptoir start (embedded)', () => {
  it('serves /readyz = 200 and prints its URL', async () => {
    first = await spawnComptoir(['start'], env);
    const ready = await fetch(`${first.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'pglite' });
    expect(first.output()).toContain('API reference:');
    expect(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
  });

  it('refuses a second process on the same data directory with one clear line', async () => {
    const second = await runComptoir(['start'], env);
    expect(second.code).toBe(1);
    expect(second.output).toMatch(/already in use by another Comptoir process \(pid \d+\)/);
    // The first process is unharmed.
    expect((await fetch(`${first!.url}/readyz`)).status).toBe(200);
  });

  it('stops cleanly on SIGTERM and releases the directory', async () => {
    expect(await first!.stop()).toBe(0);
    first = undefined;
    expect(fs.existsSync(path.join(dataDir, 'pg.lock'))).toBe(false);
    const migrate = await runComptoir(['migrate'], env);
    expect(migrate.output).toContain('Migrations applied (pglite).');
    expect(migrate.code).toBe(0);
  });

  it('stops at start-up with one line naming a bad variable', async () => {
    const bad = await runComptoir(['migrate'], { ...env, PORT: 'eighty' });
    expect(bad.code).toBe(1);
    expect(bad.output.trim().split('\n').filter((line) => line.startsWith('comptoir:'))).toEqual([
      'comptoir: Invalid configuration: PORT — Invalid input: expected number, received NaN (got "eighty")',
    ]);
  });
});
