import type { FastifyBaseLogger } from 'fastify';
import type { InvalidationHub } from './cache/invalidation-hub.ts';
import type { Config } from './config/config.ts';
import type { SecretBox } from './crypto/secret-box.ts';
import type { Database, Db } from './db/database.ts';
import type { FileStorage } from './files/file-storage.ts';
import type { Mailer } from './mail/mailer.ts';

/** Anything that depends on "now" takes this, so tests and rules can pin time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The platform services every module's service, route and job handler receives. */
export interface Services {
  config: Config;
  log: FastifyBaseLogger;
  database: Database;
  db: Db;
  clock: Clock;
  files: FileStorage;
  mail: Mailer;
  /** Encryption of secrets at rest. */
  secrets: SecretBox;
  /** What in-memory caches of this database hear about changes through (platform/cache). */
  invalidation: InvalidationHub;
}
