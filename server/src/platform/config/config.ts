import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting Comptoir reads from its environment, with its default. `.env.example`
 * mirrors this list; a test keeps the two in step.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = z.coerce.number().int().min(0).max(65535);

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  API_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_WINDOW: z.string().min(1).default('1 minute'),
  JOBS_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(1),
  JOBS_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  JOBS_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(5),
  JOBS_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(2),
  WEBHOOK_WORKERS: z.coerce.number().int().min(1).max(32).default(2),
  WEBHOOK_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ENDPOINT: z.url().optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: booleanFlag.default(true),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: port.default(587),
  SMTP_SECURE: booleanFlag.default(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_IGNORE_TLS: booleanFlag.default(false),
  MAIL_FROM: z.string().min(3).default('Comptoir <no-reply@comptoir.local>'),
  DEFAULT_LANGUAGE: z.enum(['fr', 'en']).default('fr'),
  SESSION_SECRET: z.string().min(32).optional(),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  ENCRYPTION_KEYS_PREVIOUS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean),
    ),
  COOKIE_SECURE: booleanFlag.default(true),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  WEB_DIST_DIR: z.string().min(1).optional(),
  PAYMENTS_PROVIDER: z.enum(['sandbox', 'stripe']).optional(),
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, 'must be a Stripe secret key (sk_test_… or sk_live_…)').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_[^,\s]+(\s*,\s*whsec_[^,\s]+)*$/, 'must be whsec_… (several, comma-separated, for the platform and Connect endpoints)').optional(),
  STRIPE_API_URL: z.url().optional(),
  STRIPE_CONNECT_CHARGES: z.enum(['destination', 'separate_transfers']).default('destination'),
  STRIPE_REFUND_REVERSE_TRANSFER: booleanFlag.default(true),
  STRIPE_REFUND_APPLICATION_FEE: booleanFlag.default(false),
  SANDBOX_WEBHOOK_URL: z.url().optional(),
  SIGNATURE_P12_PATH: z.string().min(1).optional(),
  SIGNATURE_P12_PASSWORD: z.string().optional(),
  SIGNATURE_EXPIRY_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(100).default(10),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends RawConfig {
  /** Absolute path of DATA_DIR. */
  dataDir: string;
  /** Where the embedded PostgreSQL keeps its cluster. */
  pgDataDir: string;
  /** Where the local file storage keeps blobs. */
  filesDir: string;
  database: { kind: 'pglite' } | { kind: 'postgres'; url: string };
  storage: { kind: 'local' } | { kind: 's3'; bucket: string };
  mail: { kind: 'outbox' } | { kind: 'smtp'; host: string };
  payments: { kind: 'sandbox' } | { kind: 'stripe'; secretKey: string; webhookSecret: string };
  publicUrl: string;
  /** Largest file a person may upload (UPLOAD_MAX_MB), in bytes. */
  uploadMaxBytes: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, emptyToUndefined(env[key])]),
  );
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(variable, `— ${issue.message} (got ${JSON.stringify(cleaned[variable] ?? null)})`);
  }
  const raw = parsed.data;
  requireTogether(raw, ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']);
  requireTogether(raw, ['SMTP_USER', 'SMTP_PASSWORD']);
  requireTogether(raw, ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);
  requireTogether(raw, ['SIGNATURE_P12_PATH', 'SIGNATURE_P12_PASSWORD']);
  const providerKind = raw.PAYMENTS_PROVIDER ?? (raw.STRIPE_SECRET_KEY ? 'stripe' : 'sandbox');
  if (providerKind === 'stripe' && !raw.STRIPE_SECRET_KEY) throw new ConfigError('STRIPE_SECRET_KEY', '— required when PAYMENTS_PROVIDER is stripe');
  // The embedded engine lives in one process: several API processes need a PostgreSQL server to share.
  if (raw.API_PROCESSES > 1 && !raw.DATABASE_URL) throw new ConfigError('API_PROCESSES', '— more than one API process needs DATABASE_URL (PostgreSQL)');
  const dataDir = path.resolve(raw.DATA_DIR);
  return {
    ...raw,
    dataDir,
    pgDataDir: path.join(dataDir, 'pg'),
    filesDir: path.join(dataDir, 'files'),
    database: raw.DATABASE_URL ? { kind: 'postgres', url: raw.DATABASE_URL } : { kind: 'pglite' },
    storage: raw.S3_BUCKET ? { kind: 's3', bucket: raw.S3_BUCKET } : { kind: 'local' },
    mail: raw.SMTP_HOST ? { kind: 'smtp', host: raw.SMTP_HOST } : { kind: 'outbox' },
    payments: providerKind === 'stripe' ? { kind: 'stripe', secretKey: raw.STRIPE_SECRET_KEY!, webhookSecret: raw.STRIPE_WEBHOOK_SECRET! } : { kind: 'sandbox' },
    publicUrl: (raw.PUBLIC_URL ?? `http://${displayHost(raw.HOST)}:${raw.PORT}`).replace(/\/$/, ''),
    uploadMaxBytes: raw.UPLOAD_MAX_MB * 1024 * 1024,
  };
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function requireTogether(raw: RawConfig, keys: (keyof RawConfig)[]): void {
  const present = keys.filter((key) => raw[key] !== undefined);
  if (present.length > 0 && present.length < keys.length) {
    const missing = keys.find((key) => raw[key] === undefined)!;
    throw new ConfigError(missing, `— required when ${present.join(', ')} is set`);
  }
}

function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? 'localhost' : host;
}
