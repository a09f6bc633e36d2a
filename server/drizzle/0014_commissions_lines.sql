CREATE SCHEMA "commissions";
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
ALTER TABLE "commissions"."line" ADD CONSTRAINT "line_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions"."line" ADD CONSTRAINT "line_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions"."line" ADD CONSTRAINT "line_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "catalog"."product"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "commission_line_key" ON "commissions"."line" USING btree ("workspace_id","product_id","line_key");--> statement-breakpoint
CREATE INDEX "commission_line_company_period_idx" ON "commissions"."line" USING btree ("company_id","period","role");--> statement-breakpoint
CREATE INDEX "commission_line_event_idx" ON "commissions"."line" USING btree ("product_id","event_key");