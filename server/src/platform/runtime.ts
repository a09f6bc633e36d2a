import { pino } from 'pino';
import { InvalidationHub, registerHub } from './cache/invalidation-hub.ts';
import { listenForInvalidations } from './cache/invalidation-listener.ts';
import { modules as allModules } from '../modules.ts';
import type { Config } from './config/config.ts';
import { type Database, openDatabase } from './db/database.ts';
import { runMigrations } from './db/migrate.ts';
import { secretBoxFromConfig } from './crypto/secret-box.ts';
import { createFileStorage } from './files/create-file-storage.ts';
import { HandlerRegistry, type EventHandler } from './jobs/handlers.ts';
import { JobSystem } from './jobs/job-system.ts';
import { Mailer } from './mail/mailer.ts';
import type { ComptoirModule, Runtime } from './module.ts';
import { type Clock, type Services, systemClock } from './services.ts';

export interface CreateRuntimeOptions {
  /** Run the outbox dispatcher and the job handlers in this process. */
  work: boolean;
  /** An already-open database (tests hand in a cloned one). */
  database?: Database;
  modules?: readonly ComptoirModule[];
  /** Extra handlers (tests register probes). */
  extraHandlers?: EventHandler[];
  clock?: Clock;
  logLevel?: string;
  /** Skip migrations (the database is known to be current). */
  skipMigrations?: boolean;
}

/** Opens everything a Comptoir process needs, in order, and knows how to close it. */
export async function createRuntime(config: Config, options: CreateRuntimeOptions): Promise<Runtime> {
  const log = pino({ level: options.logLevel ?? config.LOG_LEVEL, base: { service: 'comptoir' } });
  const database = options.database ?? (await openDatabase(config));
  const invalidation = new InvalidationHub();
  const unregisterHub = registerHub(invalidation);
  let stopListening: (() => Promise<void>) | undefined;
  const stopInvalidation = async () => {
    unregisterHub();
    await stopListening?.().catch(() => {});
  };
  try {
    if (!options.skipMigrations) await runMigrations(database);
    // After the migrations (they create the triggers that notify), before anything is served.
    stopListening = await listenForInvalidations(database, invalidation, log);
    const files = createFileStorage(config);
    const mail = new Mailer(config, files);
    const services: Services = {
      config,
      log,
      database,
      db: database.db,
      clock: options.clock ?? systemClock,
      files,
      mail,
      secrets: secretBoxFromConfig(config),
      invalidation,
    };
    const modules = options.modules ?? allModules;
    const registry = new HandlerRegistry([...modules.flatMap((m) => m.handlers ?? []), ...(options.extraHandlers ?? [])]);
    const schedules = modules.flatMap((m) => m.schedules ?? []);
    const tableQueues = modules.flatMap((m) => m.tableQueues ?? []);
    const jobs = new JobSystem(services, registry, { work: options.work, schedules, tableQueues });
    await jobs.start();
    let closed = false;
    return {
      ...services,
      jobs,
      modules,
      async close(options) {
        if (closed) return;
        closed = true;
        await jobs.stop();
        await stopInvalidation();
        mail.close();
        if (!options?.keepDatabase) await database.close();
      },
    };
  } catch (error) {
    await stopInvalidation();
    await database.close().catch(() => {});
    throw error;
  }
}
