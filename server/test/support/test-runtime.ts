import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import '../setup/provided.ts';
import type { Config } from '../../src/platform/config/config.ts';
import { type Database, openPglite, openPostgres } from '../../src/platform/db/database.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import type { EventHandler } from '../../src/platform/jobs/handlers.ts';
import type { App, Runtime } from '../../src/platform/module.ts';
import { createRuntime } from '../../src/platform/runtime.ts';
import type { Clock } from '../../src/platform/services.ts';
import { testConfig } from '../setup/template-config.ts';
import { withDatabase } from './postgres-admin.ts';

export interface TestDatabase {
  database: Database;
  config: Config;
  /** PostgreSQL only: the URL of this file's private database (for child processes). */
  url?: string;
  drop(): Promise<void>;
}

let counter = 0;

/** A private, already-migrated database for the calling test file, on the project's engine. */
export async function createTestDatabase(configOverrides: Record<string, string> = {}): Promise<TestDatabase> {
  if (inject('dbEngine') === 'postgres') {
    const server = inject('postgresUrl');
    const name = `comptoir_t_${process.pid}_${++counter}_${Date.now().toString(36)}`;
    await adminQuery(server, `create database ${name} template ${inject('postgresTemplate')}`);
    const url = withDatabase(server, name);
    const database = openPostgres(url, 5);
    return {
      database,
      url,
      config: testConfig({ DATABASE_URL: url, ...configOverrides }),
      async drop() {
        await database.close().catch(() => {});
        await adminQuery(server, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const image = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
  const database = await openPglite(undefined, image);
  return { database, config: testConfig(configOverrides), drop: () => database.close() };
}

export interface TestRuntimeOptions {
  work?: boolean;
  extraHandlers?: EventHandler[];
  clock?: Clock;
  config?: Record<string, string>;
}

export interface TestRuntime {
  runtime: Runtime;
  testDb: TestDatabase;
  /** The HTTP app, built on first use; `inject` needs no socket. */
  app(): Promise<App>;
  close(): Promise<void>;
}

export async function startTestRuntime(options: TestRuntimeOptions = {}): Promise<TestRuntime> {
  const testDb = await createTestDatabase(options.config);
  const runtime = await createRuntime(testDb.config, {
    work: options.work ?? false,
    database: testDb.database,
    extraHandlers: options.extraHandlers,
    clock: options.clock,
    skipMigrations: true,
  });
  let app: App | undefined;
  return {
    runtime,
    testDb,
    async app() {
      app ??= await buildApp(runtime, { serveWeb: false });
      return app;
    },
    async close() {
      await app?.close();
      await runtime.close();
      await testDb.drop();
      fs.rmSync(testDb.config.dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Polls until `check` returns a truthy value; fails with `what` after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
