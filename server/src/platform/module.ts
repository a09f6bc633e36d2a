import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { EventHandler } from './jobs/handlers.ts';
import type { JobSystem, ScheduledTask } from './jobs/job-system.ts';
import type { TableQueue } from './jobs/table-queue.ts';
import type { Services } from './services.ts';

/** Fastify with zod schemas: what every module's routes are written against. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Services plus the job system: what a running Comptoir process hands its modules. */
export interface Runtime extends Services {
  jobs: JobSystem;
  modules: readonly ComptoirModule[];
  /** `keepDatabase`: a second runtime on a database another one owns (benchmarks run API and worker apart). */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

export interface DemoSeedReport {
  /** One line per thing created, printed by `npm start` and `comptoir seed --demo`. */
  lines: string[];
  logins?: { workspace: string; email: string; password: string; role: string }[];
}

/**
 * A bounded context plugs into the platform through this shape only: its routes,
 * the event handlers it contributes, and its demo data.
 */
export interface ComptoirModule {
  name: string;
  handlers?: EventHandler[];
  /** Recurring work (cron, in UTC), run by one worker at a time. */
  schedules?: ScheduledTask[];
  /** Work kept in the module's own tables (e.g. the webhook inbox), drained by worker processes. */
  tableQueues?: TableQueue[];
  /** Hooks every request goes through, installed before any module's routes (e.g. authentication). */
  httpHooks?: (app: App, runtime: Runtime) => Promise<void> | void;
  routes?: (app: App, runtime: Runtime) => Promise<void> | void;
  /** Creates demo data; called only on an empty database (or `seed --demo`). */
  seedDemo?: (runtime: Runtime) => Promise<DemoSeedReport>;
  /** Demo sign-ins that exist in this database, printed at every start. */
  demoLogins?: (runtime: Runtime) => Promise<NonNullable<DemoSeedReport['logins']>>;
}
