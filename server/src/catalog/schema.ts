import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companyIdColumn, idColumn, timestampColumns, workspaceIdColumn } from '../identity/tenant-columns.ts';

/** Seed 003 Annex A: partners, risks, products and their versioned offer. */
export const catalog = pgSchema('catalog');

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const id = idColumn;
const workspaceId = workspaceIdColumn;
const companyId = companyIdColumn;
const timestamps = timestampColumns();

export const partners = catalog.table(
  'partner',
  {
    id: id(),
    workspaceId: workspaceId(),
    companyId: companyId(),
    type: text('type').notNull(),
    name: text('name').notNull(),
    legalName: text('legal_name'),
    siren: text('siren'),
    addresses: jsonb('addresses').$type<unknown[]>().notNull().default([]),
    ibanMasked: text('iban_masked'),
    bic: text('bic'),
    paymentTerms: text('payment_terms'),
    status: text('status').notNull().default('active'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('partner_company_name_key').on(t.companyId, t.name),
    index('partner_workspace_idx').on(t.workspaceId),
    check('partner_type', sql`${t.type} in ('insurer', 'energy', 'telecom', 'ott', 'marketplace', 'other')`),
    check('partner_status', sql`${t.status} in ('active', 'inactive', 'test')`),
  ],
);

/** Credentials per environment, sealed with AES-256-GCM (platform SecretBox). */
export const partnerCredentials = catalog.table(
  'partner_credential',
  {
    id: id(),
    workspaceId: workspaceId(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    env: text('env').notNull(),
    authType: text('auth_type').notNull(),
    sealedCredentials: text('sealed_credentials').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    rotatedBy: uuid('rotated_by'),
    rotatedAt: timestamp('rotated_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('partner_credential_env_key').on(t.partnerId, t.env),
    check('partner_credential_env', sql`${t.env} in ('sandbox', 'production')`),
    check('partner_credential_auth', sql`${t.authType} in ('api_key', 'oauth2', 'basic')`),
  ],
);

export const risks = catalog.table(
  'risk',
  {
    id: id(),
    workspaceId: workspaceId(),
    companyId: companyId(),
    code: text('code').notNull(),
    label: text('label').notNull(),
    icon: text('icon'),
    scope: text('scope').notNull().default('personal'),
    isGlobal: boolean('is_global').notNull().default(false),
  },
  (t) => [
    uniqueIndex('risk_company_code_key').on(t.companyId, t.code),
    check('risk_scope', sql`${t.scope} in ('personal', 'professional')`),
  ],
);

export const products = catalog.table(
  'product',
  {
    id: id(),
    workspaceId: workspaceId(),
    companyId: companyId(),
    partnerId: uuid('partner_id').references(() => partners.id, { onDelete: 'restrict' }),
    riskId: uuid('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'restrict' }),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    description: text('description').notNull().default(''),
    revenueModel: text('revenue_model').notNull(),
    lifecycleStatus: text('lifecycle_status').notNull().default('draft'),
    /** `internal`: priced by Comptoir's engine; `partner_api`: the partner's connector quotes it. */
    pricingSource: text('pricing_source').notNull().default('internal'),
    badges: text('badges').array().notNull().default(sql`'{}'::text[]`),
    /** Name, SKU, short name, partner and risk, kept by the service; feeds the French search vector. */
    searchText: text('search_text').notNull().default(''),
    search: tsvector('search').generatedAlwaysAs(
      (): ReturnType<typeof sql> => sql`to_tsvector('french', public.f_unaccent(coalesce(search_text, '')))`,
    ),
    createdBy: uuid('created_by'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('product_sku_key').on(t.workspaceId, t.sku),
    index('product_company_risk_status_idx').on(t.companyId, t.riskId, t.lifecycleStatus),
    // No GIN pending list (fastupdate off): a catalog is written rarely and searched all day, and every search
    // would otherwise scan the list of entries not yet merged — 6 ms of a 9 ms search after a 50,000-row import.
    index('product_search_idx').using('gin', t.search).with({ fastupdate: false }),
    index('product_search_trgm_idx').using('gin', sql`public.f_unaccent(lower(${t.searchText})) gin_trgm_ops`).with({ fastupdate: false }),
    check('product_revenue_model', sql`${t.revenueModel} in ('revenue', 'commission', 'mixed')`),
    check('product_lifecycle', sql`${t.lifecycleStatus} in ('draft', 'test', 'active', 'frozen', 'retired')`),
    check('product_pricing_source', sql`${t.pricingSource} in ('internal', 'partner_api')`),
  ],
);

/**
 * A version of a product's offer, effective over [effective_from, effective_to).
 * Two versions of one product never overlap: an exclusion constraint (migration 0006)
 * enforces it in the database itself.
 */
export const productVersions = catalog.table(
  'product_version',
  {
    id: id(),
    workspaceId: workspaceId(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
    effectiveTo: timestamp('effective_to', { withTimezone: true }),
    notes: text('notes'),
    breakingChanges: boolean('breaking_changes').notNull().default(false),
    copiedFromVersionId: uuid('copied_from_version_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('product_version_number_key').on(t.productId, t.version),
    index('product_version_effective_idx').on(t.productId, t.effectiveFrom.desc()),
    check('product_version_period', sql`${t.effectiveTo} is null or ${t.effectiveTo} > ${t.effectiveFrom}`),
    check('product_version_positive', sql`${t.version} > 0`),
  ],
);

const versionRef = () =>
  uuid('product_version_id')
    .notNull()
    .references(() => productVersions.id, { onDelete: 'cascade' });

export const productPlans = catalog.table(
  'product_plan',
  {
    id: id(),
    productVersionId: versionRef(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    recurrence: text('recurrence').notNull(),
    billingCycleDays: integer('billing_cycle_days'),
    /** Options the customer may pick and surcharges always added (pricing engine PlanAdjustments). */
    adjustments: jsonb('adjustments').$type<Record<string, unknown>>().notNull().default({}),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    uniqueIndex('product_plan_code_key').on(t.productVersionId, t.code),
    check('product_plan_recurrence', sql`${t.recurrence} in ('one_shot', 'monthly', 'yearly', 'custom')`),
    check('product_plan_custom_days', sql`(${t.recurrence} = 'custom') = (${t.billingCycleDays} is not null)`),
  ],
);

export const pricingRules = catalog.table(
  'pricing_rule',
  {
    id: id(),
    productVersionId: versionRef(),
    planId: uuid('plan_id').references(() => productPlans.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    currency: text('currency').notNull(),
    /** The pricing engine's rule, whole (server/src/pricing/engine/rules.ts); type and tax columns mirror it for queries. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    taxCategory: text('tax_category').notNull().default('standard'),
    taxIncluded: boolean('tax_included').notNull().default(true),
  },
  (t) => [
    index('pricing_rule_version_plan_idx').on(t.productVersionId, t.planId, t.type),
    check('pricing_rule_type', sql`${t.type} in ('fixed', 'tiered', 'indexed', 'usage', 'grid', 'bundle')`),
    check('pricing_rule_currency', sql`${t.currency} in ('EUR', 'CHF')`),
  ],
);

export const promotions = catalog.table(
  'promotion',
  {
    id: id(),
    productVersionId: versionRef(),
    code: text('code'),
    label: text('label').notNull(),
    percentBp: integer('percent_bp'),
    amount: integer('amount'),
    validFrom: timestamp('valid_from', { withTimezone: true }),
    validTo: timestamp('valid_to', { withTimezone: true }),
    channels: text('channels').array(),
  },
  // Every quote reads its version's promotions (issue #4 left this a sequential scan).
  (t) => [index('promotion_version_idx').on(t.productVersionId)],
);

export const negotiatedPrices = catalog.table(
  'negotiated_price',
  {
    id: id(),
    workspaceId: workspaceId(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    planCode: text('plan_code'),
    customerRef: text('customer_ref').notNull(),
    amount: integer('amount').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }),
    validTo: timestamp('valid_to', { withTimezone: true }),
  },
  (t) => [index('negotiated_price_lookup_idx').on(t.productId, t.customerRef)],
);

export const commissionSchemes = catalog.table(
  'commission_scheme',
  {
    id: id(),
    productVersionId: versionRef(),
    planId: uuid('plan_id').references(() => productPlans.id, { onDelete: 'cascade' }),
    appliesTo: text('applies_to').notNull().default('both'),
    settlement: text('settlement').notNull(),
    /** Beneficiary → share; the shares sum to exactly 1 (constraint in migration 0006). */
    split: jsonb('split').$type<Record<string, string | number>>().notNull(),
    /** Seed 003 §3.3 parameters with no column of their own (tier mode, accrual, renewal rate, clawback, bounds, due day). */
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    check('commission_scheme_applies', sql`${t.appliesTo} in ('new', 'renewal', 'both')`),
    check('commission_scheme_settlement', sql`${t.settlement} in ('upfront', 'recurring', 'on_collection')`),
  ],
);

export const commissionTiers = catalog.table(
  'commission_tier',
  {
    id: id(),
    schemeId: uuid('scheme_id')
      .notNull()
      .references(() => commissionSchemes.id, { onDelete: 'cascade' }),
    basis: text('basis').notNull(),
    min: numeric('min', { precision: 18, scale: 4 }).notNull(),
    max: numeric('max', { precision: 18, scale: 4 }),
    valueType: text('value_type').notNull(),
    value: numeric('value', { precision: 10, scale: 4 }).notNull(),
  },
  (t) => [
    index('commission_tier_scheme_min_idx').on(t.schemeId, t.min),
    check('commission_tier_basis', sql`${t.basis} in ('volume', 'revenue', 'margin', 'months')`),
    check('commission_tier_value_type', sql`${t.valueType} in ('percent', 'amount')`),
    check('commission_tier_range', sql`${t.max} is null or ${t.max} > ${t.min}`),
  ],
);

export const productDocuments = catalog.table(
  'product_document',
  {
    id: id(),
    productVersionId: versionRef(),
    type: text('type').notNull(),
    title: text('title').notNull(),
    fileSha256: text('file_sha256').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    mandatory: boolean('mandatory').notNull().default(false),
    validFrom: timestamp('valid_from', { withTimezone: true }),
    validTo: timestamp('valid_to', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('product_document_version_idx').on(t.productVersionId, t.type),
    check('product_document_type', sql`${t.type} in ('DIPA', 'CG', 'CP', 'CGV', 'CGU', 'NOTICE', 'FAQ', 'TARIF', 'SCRIPT', 'MEDIA')`),
    check('product_document_sha', sql`${t.fileSha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

export const externalMappings = catalog.table(
  'external_mapping',
  {
    id: id(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    system: text('system').notNull(),
    externalCode: text('external_code').notNull(),
  },
  (t) => [uniqueIndex('external_mapping_system_key').on(t.productId, t.system), index('external_mapping_code_idx').on(t.system, t.externalCode)],
);

export const publications = catalog.table(
  'publication',
  {
    id: id(),
    productVersionId: versionRef(),
    companyId: companyId(),
    channels: text('channels').array().notNull(),
    visibility: text('visibility').notNull().default('internal'),
    startAt: timestamp('start_at', { withTimezone: true }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true }),
  },
  (t) => [
    index('publication_company_period_idx').on(t.companyId, t.startAt, t.endAt),
    check('publication_visibility', sql`${t.visibility} in ('hidden', 'internal', 'public')`),
    check('publication_channels', sql`${t.channels} <@ array['field', 'telesales', 'web', 'partner', 'marketplace']::text[] and cardinality(${t.channels}) > 0`),
    check('publication_period', sql`${t.endAt} is null or ${t.endAt} > ${t.startAt}`),
  ],
);

export const accountingMappings = catalog.table(
  'accounting_mapping',
  {
    id: id(),
    productVersionId: versionRef(),
    companyId: companyId(),
    nature: text('nature').notNull(),
    glAccount: text('gl_account').notNull(),
    journal: text('journal'),
    taxCode: text('tax_code'),
    costCenter: text('cost_center'),
  },
  (t) => [
    uniqueIndex('accounting_mapping_key').on(t.productVersionId, t.companyId, t.nature),
    check('accounting_mapping_nature', sql`${t.nature} in ('revenue', 'commission', 'fee', 'tax')`),
  ],
);

export const cqRules = catalog.table('cq_rule', {
  id: id(),
  productVersionId: versionRef(),
  requiredFields: jsonb('required_fields').$type<string[]>().notNull().default([]),
  callScriptId: uuid('call_script_id'),
  notes: text('notes'),
});
