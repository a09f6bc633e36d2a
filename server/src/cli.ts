#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from './platform/config/config.ts';
import { DataDirLockedError } from './platform/db/data-dir-lock.ts';
import { openDatabase } from './platform/db/database.ts';
import { runMigrations } from './platform/db/migrate.ts';
import { listDeadJobs, replayAllDeadJobs, replayDeadJob } from './platform/jobs/dead-letters.ts';
import { serve } from './platform/cli/serve.ts';
import { seedDemo } from './platform/seed/seed-demo.ts';
import { createRuntime } from './platform/runtime.ts';
import { testMessageTemplate } from './platform/mail/templates.ts';
import { printSeedReport } from './platform/cli/print.ts';
import { verifyAllAuditChains } from './identity/audit/verify-audit-chain.ts';
import { advanceSandboxAndRetry } from './payments/sandbox/sandbox.routes.ts';
import { verifyInvoiceFiles } from './invoicing/delivery/verify-invoice-files.ts';
import { workspaces } from './identity/schema.ts';
import { eq } from 'drizzle-orm';

const program = new Command('comptoir').description('Comptoir — commercial back-office for regulated services');

program
  .command('start')
  .description('Migrate, seed demo data on an empty database, then serve the API and web app with the worker')
  .option('--no-worker', 'do not run the job worker in this process')
  .option('--processes <n>', 'HTTP processes sharing the port (PostgreSQL only; default API_PROCESSES)', parseProcesses)
  .action(async (options: { worker: boolean; processes?: number }) => serve({ work: options.worker, seedDemoWhenEmpty: true, processes: options.processes }));

program
  .command('serve')
  .description('Serve the API and the web app (with the worker unless --no-worker)')
  .option('--no-worker', 'do not run the job worker in this process')
  .option('--processes <n>', 'HTTP processes sharing the port (PostgreSQL only; default API_PROCESSES)', parseProcesses)
  .action(async (options: { worker: boolean; processes?: number }) => serve({ work: options.worker, seedDemoWhenEmpty: false, processes: options.processes }));

program
  .command('worker')
  .description('Run the outbox dispatcher and job handlers only (scale out with several)')
  .action(async () => {
    const runtime = await createRuntime(loadConfig(), { work: true });
    runtime.log.info({ queues: runtime.jobs.registry.all().map((h) => h.name) }, 'worker started');
    stopOnSignals(() => runtime.close());
  });

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(async () => {
    const database = await openDatabase(loadConfig());
    try {
      await runMigrations(database);
      console.log(`Migrations applied (${database.kind}).`);
    } finally {
      await database.close();
    }
  });

program
  .command('seed')
  .description('Create demo data for the four demo workspaces')
  .option('--demo', 'seed the demo workspaces (the only kind of seed today)')
  .option('--force', 'seed again even if demo data was seeded before')
  .action(async (options: { demo?: boolean; force?: boolean }) => {
    if (!options.demo) throw new Error('Nothing to seed: pass --demo');
    await withRuntime(async (runtime) => {
      const outcome = await seedDemo(runtime, { force: options.force ?? false });
      if (!outcome.seeded) console.log('Demo data was already seeded (use --force to seed again).');
      else printSeedReport(outcome.reports);
    });
  });

program
  .command('jobs:dead')
  .description('List jobs whose retries ran out')
  .option('--json', 'print JSON')
  .action(async (options: { json?: boolean }) =>
    withRuntime(async (runtime) => {
      const jobs = await listDeadJobs(runtime.jobs.boss, runtime.jobs.registry);
      if (options.json) return console.log(JSON.stringify(jobs, null, 2));
      if (jobs.length === 0) return console.log('No dead jobs.');
      for (const job of jobs) {
        console.log(`${job.queue}\t${job.id}\t${job.createdAt}\t${job.data.event.topic}\t${JSON.stringify(job.output)}`);
      }
    }),
  );

program
  .command('jobs:replay')
  .description('Send dead jobs back to their queue: one (--queue and --id) or all (--all [--queue])')
  .option('--queue <queue>', 'handler queue name')
  .option('--id <id>', 'dead job id')
  .option('--all', 'replay every dead job (of --queue when given)')
  .action(async (options: { queue?: string; id?: string; all?: boolean }) =>
    withRuntime(async (runtime) => {
      if (options.all) {
        const moved = await replayAllDeadJobs(runtime.jobs.boss, runtime.jobs.registry, options.queue);
        return console.log(`Replayed ${moved} job(s).`);
      }
      if (!options.queue || !options.id) throw new Error('Pass --queue and --id, or --all');
      await replayDeadJob(runtime.jobs.boss, options.queue, options.id);
      console.log(`Replayed ${options.id}.`);
    }),
  );

program
  .command('audit:verify')
  .description('Recompute every audit hash chain and name the first broken row')
  .action(async () =>
    withRuntime(async (runtime) => {
      const reports = await verifyAllAuditChains(runtime.db);
      let broken = 0;
      for (const report of reports) {
        if (report.firstBreak) {
          broken++;
          console.log(`BROKEN  chain ${report.workspaceId}: row seq ${report.firstBreak.seq} (id ${report.firstBreak.id}) — ${report.firstBreak.reason}`);
        } else console.log(`ok      chain ${report.workspaceId}: ${report.rows} rows`);
      }
      if (broken > 0) process.exitCode = 2;
    }),
  );

program
  .command('mail:test')
  .description('Queue a test message and deliver it (SMTP when configured, otherwise the local outbox)')
  .requiredOption('--to <email>', 'recipient')
  .option('--lang <language>', 'fr or en', 'fr')
  .action(async (options: { to: string; lang: 'fr' | 'en' }) =>
    withRuntime(async (runtime) => {
      const id = await runtime.db.transaction((tx) =>
        runtime.mail.queue(tx, {
          template: testMessageTemplate,
          data: { sentAt: new Date().toISOString() },
          to: options.to,
          language: options.lang,
        }),
      );
      const status = await runtime.db.transaction((tx) => runtime.mail.deliver(tx, id));
      console.log(`Message ${id}: ${status}.`);
    }, true),
  );

program
  .command('payments:sandbox-advance')
  .description('Move the payment sandbox clock forward: renewals, failed renewals and expired checkouts happen now (their webhooks are delivered by the running workers)')
  .requiredOption('--workspace <slug>', 'the workspace whose sandbox clock moves (each has its own)')
  .requiredOption('--days <days>', 'days to advance (decimals allowed)')
  .action(async (options: { workspace: string; days: string }) =>
    withRuntime(async (runtime) => {
      const days = Number(options.days);
      if (!Number.isFinite(days) || days <= 0 || days > 3660) throw new Error('--days must be a number between 0 and 3660');
      if (runtime.config.payments.kind !== 'sandbox') throw new Error('The payment sandbox is off: Stripe is configured.');
      const [workspace] = await runtime.db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, options.workspace));
      if (!workspace) throw new Error(`Unknown workspace ${options.workspace}`);
      const result = await advanceSandboxAndRetry(runtime, workspace.id, days);
      console.log(`Sandbox clock: ${result.now.toISOString()} (+${result.offsetDays} days); ${result.eventsEmitted} event(s) emitted.`);
    }),
  );

program
  .command('invoices:verify')
  .description('Re-hash every stored invoice and credit note file (PDF, Factur-X XML); exits 2 when one is missing or altered')
  .action(async () =>
    withRuntime(async (runtime) => {
      const { checked, problems } = await verifyInvoiceFiles(runtime, (done, total) => {
        if (done % 500 === 0 || done === total) process.stderr.write(`\r${done}/${total} documents`);
      });
      process.stderr.write('\n');
      for (const p of problems) console.log(`${p.number}\t${p.file}\t${p.sha256}\t${p.problem}`);
      console.log(problems.length === 0 ? `${checked} file(s) intact.` : `${problems.length} of ${checked} file(s) missing or altered.`);
      if (problems.length > 0) process.exitCode = 2;
    }),
  );

/** Short commands open the runtime without workers, do their work and close it. */
async function withRuntime(
  action: (runtime: Awaited<ReturnType<typeof createRuntime>>) => Promise<unknown>,
  quiet = true,
): Promise<void> {
  const runtime = await createRuntime(loadConfig(), { work: false, logLevel: quiet ? 'warn' : undefined });
  try {
    await action(runtime);
  } finally {
    await runtime.close();
  }
}

function parseProcesses(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new InvalidArgumentError('a whole number from 1 to 64');
  return count;
}

export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, stopping…`);
    stop()
      .then(() => process.exit(0))
      .catch((error) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

program.parseAsync().catch((error: unknown) => {
  // One clear line for the errors a user can fix; a stack for the rest.
  if (error instanceof ConfigError || error instanceof DataDirLockedError) console.error(`comptoir: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
