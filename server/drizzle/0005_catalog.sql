CREATE SCHEMA "catalog";
--> statement-breakpoint
CREATE TABLE "catalog"."accounting_mapping" (
	"id" uuid PRIMARY KEY NOT NULL,
	"product_version_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"nature" text NOT NULL,
	"gl_account" text NOT NULL,
	"journal" text,
	"tax_code" text,
	"cost_center" text,
	CONSTRAINT "accounting_mapping_nature" CHECK ("catalog"."accounting_mapping"."nature" in ('revenue', 'commission', 'fee', 'tax'))
);
--> statement-breakpoint
CREATE TABLE "catalog"."commission_scheme" (
	"id" uuid PRIMARY KEY NOT NULL,
	"product_version_id" uuid NOT NULL,
	"plan_id" uuid,
	"applies_to" text DEFAULT 'both' NOT NULL,
	"settlement" text NOT NULL,
	"split" jsonb NOT NULL,
	CONSTRAINT "commission_scheme_applies" CHECK ("catalog"."commission_scheme"."applies_to" in ('new', 'renewal', 'both')),
	CONSTRAINT "commission_scheme_settlement" CHECK ("catalog"."commission_scheme"."settlement" in ('upfront', 'recurring', 'on_collection'))
);
--> statement-breakpoint
CREATE TABLE "catalog"."commission_tier" (
	"id" uuid PRIMARY KEY NOT NULL,
	"scheme_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"min" numeric(18, 4) NOT NULL,
	"max" numeric(18, 4),
	"value_type" text NOT NULL,
	"value" numeric(10, 4) NOT NULL,
	CONSTRAINT "commission_tier_basis" CHECK ("catalog"."commission_tier"."basis" in ('volume', 'revenue', 'margin', 'months')),
	CONSTRAINT "commission_tier_value_type" CHECK ("catalog"."commission_tier"."value_type" in ('percent', 'amount')),
	CONSTRAINT "commission_tier_range" CHECK ("catalog"."commission_tier"."max" is null or "catalog"."commission_tier"."max" > "catalog"."commission_tier"."min")
);
--> statement-breakpoint
CREATE TABLE "catalog"."cq_rule" (
	"id" uuid PRIMARY KEY NOT NULL,
	"product_version_id" uuid NOT NULL,
	"required_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"call_script_id" uuid,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "catalog"."external_mapping" (
	"id" uuid PRIMARY KEY NOT NULL,
	"product_id" uuid NOT NULL,
	"system" text NOT NULL,
	"external_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog"."negotiated_price" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"plan_code" text,
	"customer_ref" text NOT NULL,
	"amount" integer NOT NULL,
	"valid_from" timestamp with time zone,
	"valid_to" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "catalog"."partner_credential" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"env" text NOT NULL,
	"auth_type" text NOT NULL,
	"sealed_credentials" text NOT NULL,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_to" timestamp with time zone,
	"rotated_by" uuid,
	"rotated_at" timestamp with time zone,
	CONSTRAINT "partner_credential_env" CHECK ("catalog"."partner_credential"."env" in ('sandbox', 'production')),
	CONSTRAINT "partner_credential_auth" CHECK ("catalog"."partner_credential"."auth_type" in ('api_key', 'oauth2', 'basic'))
);
--> statement-breakpoint
CREATE TABLE "catalog"."partner" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"legal_name" text,
	"siren" text,
	"addresses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"iban_masked" text,
	"bic" text,
	"payment_terms" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_type" CHECK ("catalog"."partner"."type" in ('insurer', 'energy', 'telecom', 'ott', 'marketplace', 'other')),
	CONSTRAINT "partner_status" CHECK ("catalog"."partner"."status" in ('active', 'inactive', 'test'))
);
--> statement-breakpoint
CREATE TABLE "catalog"."pricing_rule" (
	"id" uuid PRIMARY KEY NOT NULL,
	"product_version_id" uuid NOT NULL,
	"plan_id" uuid,
	"type" text NOT NULL,
	"currency" text NOT NULL,
	"payload" jsonb NOT NULL,
	"tax_category" text DEFAULT 'standard' NOT NULL,
	"tax_included" boolean DEFAULT true NOT NULL,
	CONSTRAINT "pricing_rule_type" CHECK ("catalog"."pricing_rule"."type" in ('fixed', 'tiered', 'indexed', 'usage', 'grid', 'bundle')),
	CONSTRAINT "pricing_rule_currency" CHECK ("catalog"."pricing_rule"."currency" in ('EUR', 'CHF'))
);
--> statement-breakpoint
CREATE TABLE "catalog"."product_document" (
	"id" uuid PRIMARY KEY NOT NULL,
	"product_version_id" uuid NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"file_sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"mandatory" boolean DEFAULT false NOT NULL,
	"valid_from" timestamp with time zone,
	"valid_to" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_document_type" CHECK ("catalog"."product_document"."type" in ('DIPA', 'CG', 'CP', 'CGV', 'CGU', 'NOTICE', 'FAQ', 'TARIF', 'SCRIPT', 'MEDIA')),
	CONSTRAINT "product_document_sha" CHECK ("catalog"."product_document"."file_sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "catalog"."product_plan" (
	"id" uuid PRIMARY KEY NOT NULL,
	"product_version_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"recurrence" text NOT NULL,
	"billing_cycle_days" integer,
	"adjustments" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "product_plan_recurrence" CHECK ("catalog"."product_plan"."recurrence" in ('one_shot', 'monthly', 'yearly', 'custom')),
	CONSTRAINT "product_plan_custom_days" CHECK (("catalog"."product_plan"."recurrence" = 'custom') = ("catalog"."product_plan"."billing_cycle_days" is not null))
);
--> statement-breakpoint
CREATE TABLE "catalog"."product_version" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"effective_to" timestamp with time zone,
	"notes" text,
	"breaking_changes" boolean DEFAULT false NOT NULL,
	"copied_from_version_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_version_period" CHECK ("catalog"."product_version"."effective_to" is null or "catalog"."product_version"."effective_to" > "catalog"."product_version"."effective_from"),
	CONSTRAINT "product_version_positive" CHECK ("catalog"."product_version"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "catalog"."product" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"partner_id" uuid,
	"risk_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"description" text DEFAULT '' NOT NULL,
	"revenue_model" text NOT NULL,
	"lifecycle_status" text DEFAULT 'draft' NOT NULL,
	"pricing_source" text DEFAULT 'internal' NOT NULL,
	"badges" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('french', public.f_unaccent(coalesce(search_text, '')))) STORED,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_revenue_model" CHECK ("catalog"."product"."revenue_model" in ('revenue', 'commission', 'mixed')),
	CONSTRAINT "product_lifecycle" CHECK ("catalog"."product"."lifecycle_status" in ('draft', 'test', 'active', 'frozen', 'retired')),
	CONSTRAINT "product_pricing_source" CHECK ("catalog"."product"."pricing_source" in ('internal', 'partner_api'))
);
--> statement-breakpoint
CREATE TABLE "catalog"."promotion" (
	"id" uuid PRIMARY KEY NOT NULL,
	"product_version_id" uuid NOT NULL,
	"code" text,
	"label" text NOT NULL,
	"percent_bp" integer,
	"amount" integer,
	"valid_from" timestamp with time zone,
	"valid_to" timestamp with time zone,
	"channels" text[]
);
--> statement-breakpoint
CREATE TABLE "catalog"."publication" (
	"id" uuid PRIMARY KEY NOT NULL,
	"product_version_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"channels" text[] NOT NULL,
	"visibility" text DEFAULT 'internal' NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone,
	CONSTRAINT "publication_visibility" CHECK ("catalog"."publication"."visibility" in ('hidden', 'internal', 'public')),
	CONSTRAINT "publication_channels" CHECK ("catalog"."publication"."channels" <@ array['field', 'telesales', 'web', 'partner', 'marketplace']::text[] and cardinality("catalog"."publication"."channels") > 0),
	CONSTRAINT "publication_period" CHECK ("catalog"."publication"."end_at" is null or "catalog"."publication"."end_at" > "catalog"."publication"."start_at")
);
--> statement-breakpoint
CREATE TABLE "catalog"."risk" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"icon" text,
	"scope" text DEFAULT 'personal' NOT NULL,
	"is_global" boolean DEFAULT false NOT NULL,
	CONSTRAINT "risk_scope" CHECK ("catalog"."risk"."scope" in ('personal', 'professional'))
);
--> statement-breakpoint
ALTER TABLE "catalog"."accounting_mapping" ADD CONSTRAINT "accounting_mapping_product_version_id_product_version_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "catalog"."product_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."accounting_mapping" ADD CONSTRAINT "accounting_mapping_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."commission_scheme" ADD CONSTRAINT "commission_scheme_product_version_id_product_version_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "catalog"."product_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."commission_scheme" ADD CONSTRAINT "commission_scheme_plan_id_product_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "catalog"."product_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."commission_tier" ADD CONSTRAINT "commission_tier_scheme_id_commission_scheme_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "catalog"."commission_scheme"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."cq_rule" ADD CONSTRAINT "cq_rule_product_version_id_product_version_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "catalog"."product_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."external_mapping" ADD CONSTRAINT "external_mapping_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "catalog"."product"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."negotiated_price" ADD CONSTRAINT "negotiated_price_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."negotiated_price" ADD CONSTRAINT "negotiated_price_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "catalog"."product"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."partner_credential" ADD CONSTRAINT "partner_credential_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."partner_credential" ADD CONSTRAINT "partner_credential_partner_id_partner_id_fk" FOREIGN KEY ("partner_id") REFERENCES "catalog"."partner"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."partner" ADD CONSTRAINT "partner_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."partner" ADD CONSTRAINT "partner_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."pricing_rule" ADD CONSTRAINT "pricing_rule_product_version_id_product_version_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "catalog"."product_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."pricing_rule" ADD CONSTRAINT "pricing_rule_plan_id_product_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "catalog"."product_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."product_document" ADD CONSTRAINT "product_document_product_version_id_product_version_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "catalog"."product_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."product_plan" ADD CONSTRAINT "product_plan_product_version_id_product_version_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "catalog"."product_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."product_version" ADD CONSTRAINT "product_version_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."product_version" ADD CONSTRAINT "product_version_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "catalog"."product"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."product" ADD CONSTRAINT "product_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."product" ADD CONSTRAINT "product_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."product" ADD CONSTRAINT "product_partner_id_partner_id_fk" FOREIGN KEY ("partner_id") REFERENCES "catalog"."partner"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."product" ADD CONSTRAINT "product_risk_id_risk_id_fk" FOREIGN KEY ("risk_id") REFERENCES "catalog"."risk"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."promotion" ADD CONSTRAINT "promotion_product_version_id_product_version_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "catalog"."product_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."publication" ADD CONSTRAINT "publication_product_version_id_product_version_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "catalog"."product_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."publication" ADD CONSTRAINT "publication_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."risk" ADD CONSTRAINT "risk_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."risk" ADD CONSTRAINT "risk_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_mapping_key" ON "catalog"."accounting_mapping" USING btree ("product_version_id","company_id","nature");--> statement-breakpoint
CREATE INDEX "commission_tier_scheme_min_idx" ON "catalog"."commission_tier" USING btree ("scheme_id","min");--> statement-breakpoint
CREATE UNIQUE INDEX "external_mapping_system_key" ON "catalog"."external_mapping" USING btree ("product_id","system");--> statement-breakpoint
CREATE INDEX "external_mapping_code_idx" ON "catalog"."external_mapping" USING btree ("system","external_code");--> statement-breakpoint
CREATE INDEX "negotiated_price_lookup_idx" ON "catalog"."negotiated_price" USING btree ("product_id","customer_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_credential_env_key" ON "catalog"."partner_credential" USING btree ("partner_id","env");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_company_name_key" ON "catalog"."partner" USING btree ("company_id","name");--> statement-breakpoint
CREATE INDEX "partner_workspace_idx" ON "catalog"."partner" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "pricing_rule_version_plan_idx" ON "catalog"."pricing_rule" USING btree ("product_version_id","plan_id","type");--> statement-breakpoint
CREATE INDEX "product_document_version_idx" ON "catalog"."product_document" USING btree ("product_version_id","type");--> statement-breakpoint
CREATE UNIQUE INDEX "product_plan_code_key" ON "catalog"."product_plan" USING btree ("product_version_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "product_version_number_key" ON "catalog"."product_version" USING btree ("product_id","version");--> statement-breakpoint
CREATE INDEX "product_version_effective_idx" ON "catalog"."product_version" USING btree ("product_id","effective_from" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "product_sku_key" ON "catalog"."product" USING btree ("workspace_id","sku");--> statement-breakpoint
CREATE INDEX "product_company_risk_status_idx" ON "catalog"."product" USING btree ("company_id","risk_id","lifecycle_status");--> statement-breakpoint
CREATE INDEX "product_search_idx" ON "catalog"."product" USING gin ("search");--> statement-breakpoint
CREATE INDEX "product_search_trgm_idx" ON "catalog"."product" USING gin (public.f_unaccent(lower("search_text")) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "publication_company_period_idx" ON "catalog"."publication" USING btree ("company_id","start_at","end_at");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_company_code_key" ON "catalog"."risk" USING btree ("company_id","code");