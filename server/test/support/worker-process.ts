/**
 * A real `comptoir worker` process with the probe handlers registered, for the
 * scale-out test: run several against one PostgreSQL database.
 */
import { createRuntime } from '../../src/platform/runtime.ts';
import { testConfig } from '../setup/template-config.ts';
import { probeHandlers } from './probe-handlers.ts';

const runtime = await createRuntime(
  testConfig({ DATABASE_URL: process.env.DATABASE_URL, JOBS_BATCH_SIZE: '20', JOBS_POLL_SECONDS: '0.5' }),
  { work: true, extraHandlers: probeHandlers, skipMigrations: true },
);
process.stdout.write('ready\n');
const stop = () => {
  runtime.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
