import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';

/** Tenancy, people, access and the audit log. */
export const identity = pgSchema('identity');

const id = () => uuid('id').primaryKey().$defaultFn(uuidv7);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export interface WorkspaceSettings {
  /** Roles whose members must use TOTP to sign in. */
  mfaRequiredRoles: string[];
  /** Days without sign-in after which an account is disabled. */
  inactivityDays: number;
  /** Dunning of failed renewals (issue #5); defaults apply when absent. */
  dunning?: { retryDays: number[]; finalAction: 'suspend' | 'cancel' };
}

/** One tenant: one business on a shared Comptoir. */
export const workspaces = identity.table(
  'workspace',
  {
    id: id(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    country: text('country').notNull(),
    defaultCurrency: text('default_currency').notNull(),
    settings: jsonb('settings').$type<WorkspaceSettings>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('workspace_slug_key').on(t.slug),
    check('workspace_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('workspace_currency', sql`${t.defaultCurrency} in ('EUR', 'CHF')`),
  ],
);

export interface PostalAddress {
  kind: 'head_office' | 'billing' | 'other';
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  country: string;
}
export interface CompanyContact {
  role: string;
  name: string;
  email?: string;
  phone?: string;
}
export interface BrandTheme {
  primaryColor?: string;
  secondaryColor?: string;
  /** SHA-256 of the logo in file storage. */
  logoSha256?: string;
}

/** A legal entity of a workspace (Winvest's FT, AP, MTV, USGP; a training organisation…). */
export const companies = identity.table(
  'company',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'restrict' }),
    legalName: text('legal_name').notNull(),
    brandName: text('brand_name').notNull(),
    siren: text('siren'),
    siret: text('siret'),
    vatNumber: text('vat_number'),
    country: text('country').notNull(),
    currency: text('currency').notNull(),
    timeZone: text('time_zone').notNull(),
    icsCode: text('ics_code'),
    addresses: jsonb('addresses').$type<PostalAddress[]>().notNull().default([]),
    contacts: jsonb('contacts').$type<CompanyContact[]>().notNull().default([]),
    brandTheme: jsonb('brand_theme').$type<BrandTheme>().notNull().default({}),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('company_legal_name_key').on(t.workspaceId, t.legalName),
    uniqueIndex('company_siren_key').on(t.workspaceId, t.siren),
    index('company_workspace_idx').on(t.workspaceId),
    check('company_country', sql`${t.country} in ('FR', 'CH')`),
    check('company_currency', sql`${t.currency} in ('EUR', 'CHF')`),
    check('company_siren_format', sql`${t.siren} is null or ${t.siren} ~ '^[0-9]{9}$'`),
    check('company_siret_format', sql`${t.siret} is null or ${t.siret} ~ '^[0-9]{14}$'`),
  ],
);

/** A person. Users are global; what they may do in a workspace comes from memberships. */
export const users = identity.table(
  'user',
  {
    id: id(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    language: text('language').notNull().default('fr'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    /** TOTP secret, encrypted (AES-256-GCM) with the platform key. */
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** Last accepted TOTP time step: a code is never accepted twice. */
    totpLastStep: integer('totp_last_step'),
    /** SHA-256 of each unused recovery code. */
    recoveryCodes: jsonb('recovery_codes').$type<string[]>().notNull().default([]),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledReason: text('disabled_reason'),
    /** Demo users are never forced through MFA (issue #3). */
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('user_email_key').on(sql`lower(${t.email})`),
    check('user_language', sql`${t.language} in ('fr', 'en')`),
  ],
);

/** A role over a whole workspace (companyIds empty) or over a list of its companies. */
export const memberships = identity.table(
  'membership',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    companyIds: uuid('company_ids').array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('membership_user_role_key').on(t.workspaceId, t.userId, t.role),
    index('membership_user_idx').on(t.userId),
  ],
);

/** Server-side sessions; the cookie and bearer token carry a random value whose hash is the key. */
export const sessions = identity.table(
  'session',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    /** Signed in with a password only, by a role that must enrol TOTP first: nothing else is allowed. */
    mfaEnrollmentRequired: boolean('mfa_enrollment_required').notNull().default(false),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('session_token_key').on(t.tokenHash), index('session_user_idx').on(t.userId)],
);

/** Every sign-in attempt, successful or not, with where it came from. */
export const loginEvents = identity.table(
  'login_event',
  {
    id: id(),
    workspaceId: uuid('workspace_id'),
    userId: uuid('user_id'),
    email: text('email').notNull(),
    outcome: text('outcome').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_event_user_idx').on(t.userId, t.occurredAt), index('login_event_ws_idx').on(t.workspaceId, t.occurredAt)],
);

/** Single-use, expiring tokens sent by email (password reset, email verification, invitation). */
export const userTokens = identity.table(
  'user_token',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('user_token_hash_key').on(t.tokenHash),
    check('user_token_purpose', sql`${t.purpose} in ('password_reset', 'email_verification', 'invitation')`),
  ],
);

/** Integration keys of one company: shown once, stored hashed, scoped and expiring. */
export const apiKeys = identity.table(
  'api_key',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The first characters, shown in lists so people can tell keys apart. */
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    rotatedFromId: uuid('rotated_from_id'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('api_key_hash_key').on(t.keyHash), index('api_key_company_idx').on(t.workspaceId, t.companyId)],
);

/**
 * The tamper-evident audit log: one hash chain per workspace, each row's hash covering
 * the previous hash and the row's own content. Rows are only ever appended.
 */
export const auditLog = identity.table(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().$defaultFn(uuidv7),
    /** The chain a row belongs to; the nil UUID for platform-level events. */
    workspaceId: uuid('workspace_id').notNull(),
    companyId: uuid('company_id'),
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    tableName: text('table_name').notNull(),
    recordId: text('record_id').notNull(),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
    requestId: text('request_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    prevHash: text('prev_hash'),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_log_id_key').on(t.id),
    index('audit_log_chain_idx').on(t.workspaceId, t.seq),
    index('audit_log_record_idx').on(t.workspaceId, t.tableName, t.recordId),
    index('audit_log_actor_idx').on(t.workspaceId, t.actorUserId, t.occurredAt),
  ],
);
