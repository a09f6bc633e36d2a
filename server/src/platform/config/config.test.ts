import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, loadConfig } from './config.ts';

const envExample = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../.env.example'), 'utf8');
const exampleEntries = new Map(
  envExample
    .split('\n')
    .filter((line) => /^[A-Z0-9_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
);

describe('configuration', () => {
  it('starts with defaults: port 3000, embedded database, local files, mail outbox', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.pgDataDir).toBe(path.resolve('./data/pg'));
    expect(config.filesDir).toBe(path.resolve('./data/files'));
    expect(config.database).toEqual({ kind: 'pglite' });
    expect(config.storage).toEqual({ kind: 'local' });
    expect(config.mail).toEqual({ kind: 'outbox' });
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
  });

  it('switches each service on its variables', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@localhost/db',
      S3_BUCKET: 'docs',
      SMTP_HOST: 'smtp.example.org',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@localhost/db' });
    expect(config.storage).toEqual({ kind: 's3', bucket: 'docs' });
    expect(config.mail).toEqual({ kind: 'smtp', host: 'smtp.example.org' });
    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['LOG_LEVEL', 'loud'],
    ['SMTP_SECURE', 'maybe'],
    ['JOBS_POLL_SECONDS', '0.1'],
  ])('rejects %s=%s with a message naming the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [variable]: value });
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('requires credentials in pairs', () => {
    expect(() => loadConfig({ SMTP_USER: 'me' })).toThrow(/SMTP_PASSWORD/);
    expect(() => loadConfig({ S3_SECRET_ACCESS_KEY: 'k' })).toThrow(/S3_ACCESS_KEY_ID/);
  });

  it('allows several API processes only on a PostgreSQL server', () => {
    expect(() => loadConfig({ API_PROCESSES: '2' })).toThrow(/API_PROCESSES — more than one API process needs DATABASE_URL/);
    expect(loadConfig({ API_PROCESSES: '2', DATABASE_URL: 'postgres://localhost/comptoir' }).API_PROCESSES).toBe(2);
    expect(() => loadConfig({ API_PROCESSES: '0', DATABASE_URL: 'postgres://localhost/comptoir' })).toThrow(ConfigError);
  });

  it('takes the upload limit in whole megabytes, 1 to 100', () => {
    expect(loadConfig({}).uploadMaxBytes).toBe(10 * 1024 * 1024);
    expect(loadConfig({ UPLOAD_MAX_MB: '25' }).uploadMaxBytes).toBe(25 * 1024 * 1024);
    for (const bad of ['0', '101', '2.5', 'ten']) expect(() => loadConfig({ UPLOAD_MAX_MB: bad })).toThrow(/UPLOAD_MAX_MB/);
  });

  it('treats empty values as unset, as .env files write them', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ' }).database).toEqual({ kind: 'pglite' });
  });

  it('.env.example lists every variable with its real default', () => {
    const variables = Object.keys(configSchema.shape);
    expect([...exampleEntries.keys()].sort()).toEqual([...variables].sort());
    // Loading the example file as-is must give the same configuration as loading nothing.
    const fromExample = loadConfig(Object.fromEntries(exampleEntries));
    expect(fromExample).toEqual(loadConfig({}));
  });
});
