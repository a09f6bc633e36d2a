CREATE SCHEMA "documents";
--> statement-breakpoint
CREATE TABLE "documents"."extraction_review" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"fields" jsonb NOT NULL,
	"corrections" jsonb NOT NULL,
	"confirmed_by_kind" text NOT NULL,
	"confirmed_by_id" text NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "extraction_review_by" CHECK ("documents"."extraction_review"."confirmed_by_kind" in ('prospect', 'user'))
);
--> statement-breakpoint
CREATE TABLE "documents"."policy_extraction" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"method" text,
	"fields" jsonb,
	"overall_confidence" integer,
	"text" text,
	"pages" integer,
	"error" text,
	"duration_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "policy_extraction_status" CHECK ("documents"."policy_extraction"."status" in ('pending', 'done', 'failed')),
	CONSTRAINT "policy_extraction_method" CHECK ("documents"."policy_extraction"."method" is null or "documents"."policy_extraction"."method" in ('text_layer', 'ocr')),
	CONSTRAINT "policy_extraction_confidence" CHECK ("documents"."policy_extraction"."overall_confidence" is null or "documents"."policy_extraction"."overall_confidence" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "documents"."document" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid,
	"owner_kind" text NOT NULL,
	"owner_id" text NOT NULL,
	"purpose" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_content_type" CHECK ("documents"."document"."content_type" in ('application/pdf', 'image/png', 'image/jpeg')),
	CONSTRAINT "document_sha256" CHECK ("documents"."document"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "document_size" CHECK ("documents"."document"."size_bytes" > 0)
);
--> statement-breakpoint
ALTER TABLE "documents"."extraction_review" ADD CONSTRAINT "extraction_review_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents"."extraction_review" ADD CONSTRAINT "extraction_review_document_id_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "documents"."document"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents"."policy_extraction" ADD CONSTRAINT "policy_extraction_document_id_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "documents"."document"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents"."policy_extraction" ADD CONSTRAINT "policy_extraction_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents"."document" ADD CONSTRAINT "document_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents"."document" ADD CONSTRAINT "document_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "extraction_review_document_idx" ON "documents"."extraction_review" USING btree ("document_id","confirmed_at");--> statement-breakpoint
CREATE INDEX "policy_extraction_workspace_idx" ON "documents"."policy_extraction" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "document_owner_sha256_key" ON "documents"."document" USING btree ("workspace_id","owner_kind","owner_id","sha256");--> statement-breakpoint
CREATE INDEX "document_owner_idx" ON "documents"."document" USING btree ("workspace_id","owner_kind","owner_id","created_at");