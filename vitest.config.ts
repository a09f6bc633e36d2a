import { defineConfig } from 'vitest/config';

// One config for the whole repository. Each test file gets its own database (see
// server/test/setup/), so files run in parallel forks without sharing state.
export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'server/test/**/*.test.ts', 'web/test/**/*.test.ts'],
    globalSetup: ['server/test/setup/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});
