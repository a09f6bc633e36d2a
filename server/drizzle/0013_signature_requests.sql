CREATE SCHEMA "signature";
--> statement-breakpoint
CREATE TABLE "signature"."event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signature"."evidence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"signer_name" text NOT NULL,
	"signer_email" text NOT NULL,
	"verification" text NOT NULL,
	"otp_verified_at" timestamp with time zone,
	"ip" text NOT NULL,
	"user_agent" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"consent_text" text NOT NULL,
	"strokes" jsonb NOT NULL,
	"strokes_sha256" text NOT NULL,
	"document_sha256" text NOT NULL,
	"sealed_sha256" text NOT NULL,
	"evidence_sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signature"."request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'sent' NOT NULL,
	"token_hash" text NOT NULL,
	"verify_token" text NOT NULL,
	"signer_name" text NOT NULL,
	"signer_email" text NOT NULL,
	"signer_phone" text,
	"verification" text NOT NULL,
	"return_url" text,
	"locale" text DEFAULT 'fr' NOT NULL,
	"template" text,
	"recap" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"document_filename" text NOT NULL,
	"document_sha256" text NOT NULL,
	"signature_box" jsonb NOT NULL,
	"sealed_sha256" text,
	"expires_at" timestamp with time zone NOT NULL,
	"viewed_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"otp_hash" text,
	"otp_expires_at" timestamp with time zone,
	"otp_attempts" integer DEFAULT 0 NOT NULL,
	"otp_sent" integer DEFAULT 0 NOT NULL,
	"otp_verified_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signature_request_status_ck" CHECK ("signature"."request"."status" in ('sent', 'viewed', 'signed', 'cancelled')),
	CONSTRAINT "signature_request_signed_ck" CHECK (("signature"."request"."status" = 'signed') = ("signature"."request"."sealed_sha256" is not null and "signature"."request"."signed_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "signature"."event" ADD CONSTRAINT "event_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature"."event" ADD CONSTRAINT "event_request_id_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "signature"."request"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature"."evidence" ADD CONSTRAINT "evidence_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature"."evidence" ADD CONSTRAINT "evidence_request_id_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "signature"."request"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature"."request" ADD CONSTRAINT "request_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature"."request" ADD CONSTRAINT "request_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signature_event_request_idx" ON "signature"."event" USING btree ("request_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "signature_evidence_request_uq" ON "signature"."evidence" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "signature_evidence_sealed_idx" ON "signature"."evidence" USING btree ("sealed_sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "signature_request_token_hash_uq" ON "signature"."request" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "signature_request_verify_token_uq" ON "signature"."request" USING btree ("verify_token");--> statement-breakpoint
CREATE INDEX "signature_request_workspace_idx" ON "signature"."request" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "signature_request_subject_idx" ON "signature"."request" USING btree ("workspace_id","subject_kind","subject_id");--> statement-breakpoint
CREATE INDEX "signature_request_sealed_idx" ON "signature"."request" USING btree ("sealed_sha256");