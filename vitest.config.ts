import { defineConfig } from 'vitest/config';
import { chromiumAvailable, postgresUrl } from './server/test/setup/engines.ts';

/**
 * Test projects, by what a test file needs (its name says it):
 *  - unit      `*.test.ts`          pure rules and adapters, no database;
 *  - pglite    `*.int.test.ts`      integration on the embedded engine (always);
 *  - postgres  `*.int.test.ts`      the same files on a PostgreSQL server (when DATABASE_URL is set);
 *  - browser   `*.browser.test.ts`  Chromium against a running Comptoir (when Chromium is here).
 * REQUIRE_POSTGRES=1 / REQUIRE_BROWSER=1 turn an absent server or browser into a failure.
 */
const integration = ['server/**/*.int.test.ts'];
const browser = ['server/**/*.browser.test.ts', 'web/**/*.browser.test.ts'];
const common = { testTimeout: 60_000, hookTimeout: 180_000, pool: 'forks' as const };

const pg = postgresUrl();
const withChromium = chromiumAvailable();
if (!pg) console.warn('[comptoir] DATABASE_URL is not set: the PostgreSQL suite does not run (REQUIRE_POSTGRES=1 makes this an error).');
if (!withChromium) console.warn('[comptoir] Chromium is absent: the browser suite does not run (REQUIRE_BROWSER=1 makes this an error).');

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...common,
          name: 'unit',
          include: ['server/**/*.test.ts', 'web/**/*.test.ts'],
          exclude: [...integration, ...browser, '**/node_modules/**'],
        },
      },
      {
        test: { ...common, name: 'pglite', include: integration, globalSetup: ['server/test/setup/global-setup-pglite.ts'] },
      },
      ...(pg
        ? [
            {
              test: {
                ...common,
                name: 'postgres',
                include: integration,
                globalSetup: ['server/test/setup/global-setup-postgres.ts'],
              },
            },
          ]
        : []),
      ...(withChromium
        ? [
            {
              test: {
                ...common,
                name: 'browser',
                include: browser,
                globalSetup: ['server/test/setup/global-setup-browser.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
