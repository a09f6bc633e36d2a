CREATE SCHEMA "accounting";
--> statement-breakpoint
CREATE SCHEMA "commissions";
--> statement-breakpoint
CREATE TABLE "accounting"."export" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"sha256" text,
	"size" bigint,
	"line_count" integer,
	"progress" integer DEFAULT 0 NOT NULL,
	"total_lines" integer DEFAULT 0 NOT NULL,
	"requested_by" text NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "export_kind" CHECK ("accounting"."export"."kind" in ('csv', 'xlsx', 'vat', 'fec', 'statement')),
	CONSTRAINT "export_status" CHECK ("accounting"."export"."status" in ('running', 'done', 'failed')),
	CONSTRAINT "export_period" CHECK ("accounting"."export"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "accounting"."company_settings" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"accounts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"export_code" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accounting"."entry" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"journal" text NOT NULL,
	"year" integer NOT NULL,
	"sequence" integer NOT NULL,
	"number" text NOT NULL,
	"entry_date" date NOT NULL,
	"label" text NOT NULL,
	"source_key" text NOT NULL,
	"piece_ref" text NOT NULL,
	"currency" text NOT NULL,
	"product_sku" text,
	"partner_name" text,
	"contract_ref" uuid,
	"customer_ref" uuid,
	"total_debit" bigint NOT NULL,
	"total_credit" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entry_journal" CHECK ("accounting"."entry"."journal" in ('VE', 'AC', 'BQ', 'OD')),
	CONSTRAINT "entry_balanced" CHECK ("accounting"."entry"."total_debit" = "accounting"."entry"."total_credit")
);
--> statement-breakpoint
CREATE TABLE "accounting"."line" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"entry_date" date NOT NULL,
	"journal" text NOT NULL,
	"account" text NOT NULL,
	"aux_account" text,
	"aux_label" text,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"debit" bigint NOT NULL,
	"credit" bigint NOT NULL,
	"vat_amount" bigint DEFAULT 0 NOT NULL,
	"vat_rate_bp" integer DEFAULT 0 NOT NULL,
	"cost_center" text,
	CONSTRAINT "line_one_side" CHECK ("accounting"."line"."debit" >= 0 and "accounting"."line"."credit" >= 0 and ("accounting"."line"."debit" = 0) <> ("accounting"."line"."credit" = 0)),
	CONSTRAINT "line_kind" CHECK ("accounting"."line"."kind" in ('CA', 'Commission', 'Frais', 'TVA', 'Tiers', 'Tresorerie'))
);
--> statement-breakpoint
CREATE TABLE "commissions"."line" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"line_key" text NOT NULL,
	"event_key" text NOT NULL,
	"sale_id" text,
	"kind" text NOT NULL,
	"role" text NOT NULL,
	"beneficiary" text,
	"period" text NOT NULL,
	"event_date" date NOT NULL,
	"due_date" date NOT NULL,
	"status" text NOT NULL,
	"base" bigint NOT NULL,
	"rate" text,
	"tier" text,
	"commission" bigint NOT NULL,
	"share" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"explanation" text NOT NULL,
	"posted_key" text,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commission_line_status" CHECK ("commissions"."line"."status" in ('precomptee', 'postcomptee', 'clawback', 'gelee', 'annulee')),
	CONSTRAINT "commission_line_role" CHECK ("commissions"."line"."role" in ('company', 'salesperson', 'manager', 'partner', 'platform'))
);
--> statement-breakpoint
ALTER TABLE "accounting"."export" ADD CONSTRAINT "export_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting"."export" ADD CONSTRAINT "export_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting"."company_settings" ADD CONSTRAINT "company_settings_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting"."company_settings" ADD CONSTRAINT "company_settings_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting"."entry" ADD CONSTRAINT "entry_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting"."entry" ADD CONSTRAINT "entry_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting"."line" ADD CONSTRAINT "line_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting"."line" ADD CONSTRAINT "line_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting"."line" ADD CONSTRAINT "line_entry_id_entry_id_fk" FOREIGN KEY ("entry_id") REFERENCES "accounting"."entry"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions"."line" ADD CONSTRAINT "line_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions"."line" ADD CONSTRAINT "line_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions"."line" ADD CONSTRAINT "line_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "catalog"."product"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "export_company_created_idx" ON "accounting"."export" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "export_scheduled_key" ON "accounting"."export" USING btree ("company_id","kind","period","requested_by") WHERE "accounting"."export"."requested_by" = 'system:schedule';--> statement-breakpoint
CREATE UNIQUE INDEX "entry_source_key" ON "accounting"."entry" USING btree ("workspace_id","source_key");--> statement-breakpoint
CREATE UNIQUE INDEX "entry_number_key" ON "accounting"."entry" USING btree ("company_id","journal","year","sequence");--> statement-breakpoint
CREATE INDEX "entry_company_date_idx" ON "accounting"."entry" USING btree ("company_id","entry_date","id");--> statement-breakpoint
CREATE UNIQUE INDEX "line_entry_position_key" ON "accounting"."line" USING btree ("entry_id","position");--> statement-breakpoint
CREATE INDEX "line_company_date_idx" ON "accounting"."line" USING btree ("company_id","entry_date","id");--> statement-breakpoint
CREATE INDEX "line_company_account_idx" ON "accounting"."line" USING btree ("company_id","account","entry_date");--> statement-breakpoint
CREATE UNIQUE INDEX "commission_line_key" ON "commissions"."line" USING btree ("workspace_id","product_id","line_key");--> statement-breakpoint
CREATE INDEX "commission_line_company_period_idx" ON "commissions"."line" USING btree ("company_id","period","role");--> statement-breakpoint
CREATE INDEX "commission_line_event_idx" ON "commissions"."line" USING btree ("product_id","event_key");