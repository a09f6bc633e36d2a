import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../src/platform/db/database.ts';
import { createRuntime } from '../../src/platform/runtime.ts';
import { postgresUrl } from './engines.ts';
import { testConfig } from './template-config.ts';
import { withDatabase } from '../support/postgres-admin.ts';

/**
 * Migrates a template database once; each test file clones it with
 * CREATE DATABASE … TEMPLATE, which costs a file copy, not a migration.
 */
export default async function setup(project: TestProject) {
  const url = postgresUrl();
  if (!url) throw new Error('The postgres project runs only when DATABASE_URL is set.');
  const template = `comptoir_tpl_${process.pid}`;
  await withAdmin(url, async (client) => {
    await client.query(`drop database if exists ${template}`);
    await client.query(`create database ${template}`);
  });
  const database = openPostgres(withDatabase(url, template), 4);
  const runtime = await createRuntime(testConfig({ DATABASE_URL: withDatabase(url, template) }), {
    work: false,
    database,
  });
  await runtime.close();
  project.provide('dbEngine', 'postgres');
  project.provide('postgresUrl', url);
  project.provide('postgresTemplate', template);
  return async () => {
    await withAdmin(url, (client) => client.query(`drop database if exists ${template} with (force)`));
  };
}

async function withAdmin<T>(url: string, action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}
