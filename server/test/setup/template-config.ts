import os from 'node:os';
import path from 'node:path';
import { type Config, loadConfig } from '../../src/platform/config/config.ts';

/** The configuration tests run with: quiet, fast polling, short retries, no rate limit. */
export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: path.join(os.tmpdir(), `comptoir-test-${process.pid}-${Math.random().toString(36).slice(2)}`),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_MAX: '0',
    JOBS_POLL_SECONDS: '0.5',
    JOBS_RETRY_DELAY_SECONDS: '1',
    JOBS_RETRY_LIMIT: '2',
    ...overrides,
  });
}
