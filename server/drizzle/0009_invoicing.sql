CREATE SCHEMA "invoicing";
--> statement-breakpoint
CREATE TABLE "invoicing"."invoice" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"sequence" integer NOT NULL,
	"issue_date" date NOT NULL,
	"order_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"payment_id" uuid,
	"refund_id" uuid,
	"credited_invoice_id" uuid,
	"source_key" text NOT NULL,
	"currency" text NOT NULL,
	"total_excl_tax" integer NOT NULL,
	"total_tax" integer NOT NULL,
	"total_incl_tax" integer NOT NULL,
	"document" jsonb NOT NULL,
	"pdf_sha256" text,
	"xml_sha256" text,
	"rendered_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"sent_to" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_kind" CHECK ("invoicing"."invoice"."kind" in ('invoice', 'credit_note')),
	CONSTRAINT "invoice_totals" CHECK ("invoicing"."invoice"."total_incl_tax" = "invoicing"."invoice"."total_excl_tax" + "invoicing"."invoice"."total_tax"),
	CONSTRAINT "invoice_credit_reference" CHECK (("invoicing"."invoice"."kind" = 'credit_note') = ("invoicing"."invoice"."credited_invoice_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "invoicing"."company_settings" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"invoice_prefix" text DEFAULT 'F' NOT NULL,
	"credit_note_prefix" text DEFAULT 'AV' NOT NULL,
	"legal_mention" text,
	"registration" text,
	"iban" text,
	"bic" text,
	"vat_franchise" text DEFAULT 'none' NOT NULL,
	"payment_terms_days" integer DEFAULT 30 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "platform"."mail_message" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "invoicing"."invoice" ADD CONSTRAINT "invoice_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoicing"."invoice" ADD CONSTRAINT "invoice_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoicing"."invoice" ADD CONSTRAINT "invoice_order_id_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "sales"."order"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoicing"."invoice" ADD CONSTRAINT "invoice_customer_id_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "sales"."customer"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoicing"."invoice" ADD CONSTRAINT "invoice_payment_id_payment_id_fk" FOREIGN KEY ("payment_id") REFERENCES "payments"."payment"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoicing"."invoice" ADD CONSTRAINT "invoice_refund_id_refund_id_fk" FOREIGN KEY ("refund_id") REFERENCES "payments"."refund"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoicing"."company_settings" ADD CONSTRAINT "company_settings_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_company_kind_number_key" ON "invoicing"."invoice" USING btree ("company_id","kind","number");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_company_kind_year_sequence_key" ON "invoicing"."invoice" USING btree ("company_id","kind","year","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_source_key" ON "invoicing"."invoice" USING btree ("source_key");--> statement-breakpoint
CREATE INDEX "invoice_workspace_issue_idx" ON "invoicing"."invoice" USING btree ("workspace_id","issue_date");--> statement-breakpoint
CREATE INDEX "invoice_order_idx" ON "invoicing"."invoice" USING btree ("order_id");