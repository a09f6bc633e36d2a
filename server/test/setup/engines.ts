/**
 * Which database engines and which browser a test run must use. `npm test` runs
 * everything this machine can run; REQUIRE_* turn a missing service into a failure.
 */
import fs from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function postgresUrl(): string | undefined {
  const url = process.env.DATABASE_URL?.trim();
  if (!url && isRequired('REQUIRE_POSTGRES')) {
    throw new Error('REQUIRE_POSTGRES=1 but DATABASE_URL is not set: the PostgreSQL suite cannot run.');
  }
  return url || undefined;
}

export function chromiumAvailable(): boolean {
  const present = fs.existsSync(CHROMIUM_PATH);
  if (!present && isRequired('REQUIRE_BROWSER')) {
    throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM_PATH}: the browser suite cannot run.`);
  }
  return present;
}

export function isRequired(flag: 'REQUIRE_POSTGRES' | 'REQUIRE_BROWSER'): boolean {
  return ['1', 'true', 'yes'].includes((process.env[flag] ?? '').toLowerCase());
}
