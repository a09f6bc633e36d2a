import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../src/platform/db/database.ts';
import { createRuntime } from '../../src/platform/runtime.ts';
import { testConfig } from './template-config.ts';

/**
 * Migrates one embedded cluster (schema + pg-boss + queues) and saves its image;
 * every test file then loads a private copy in about a second instead of
 * creating and migrating a cluster of its own.
 */
export default async function setup(project: TestProject) {
  const database = await openPglite();
  const runtime = await createRuntime(testConfig(), { work: false, database });
  await runtime.jobs.stop();
  const image = await database.pglite!.dumpDataDir('none');
  await database.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-pglite-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await image.arrayBuffer()));
  project.provide('dbEngine', 'pglite');
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
