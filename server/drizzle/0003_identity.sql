CREATE SCHEMA "identity";
--> statement-breakpoint
CREATE TABLE "identity"."api_key" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"created_by" uuid,
	"rotated_from_id" uuid,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."audit_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"actor_role" text,
	"action" text NOT NULL,
	"table_name" text NOT NULL,
	"record_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"prev_hash" text,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."company" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"legal_name" text NOT NULL,
	"brand_name" text NOT NULL,
	"siren" text,
	"siret" text,
	"vat_number" text,
	"country" text NOT NULL,
	"currency" text NOT NULL,
	"time_zone" text NOT NULL,
	"ics_code" text,
	"addresses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"brand_theme" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_country" CHECK ("identity"."company"."country" in ('FR', 'CH')),
	CONSTRAINT "company_currency" CHECK ("identity"."company"."currency" in ('EUR', 'CHF')),
	CONSTRAINT "company_siren_format" CHECK ("identity"."company"."siren" is null or "identity"."company"."siren" ~ '^[0-9]{9}$'),
	CONSTRAINT "company_siret_format" CHECK ("identity"."company"."siret" is null or "identity"."company"."siret" ~ '^[0-9]{14}$')
);
--> statement-breakpoint
CREATE TABLE "identity"."login_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid,
	"user_id" uuid,
	"email" text NOT NULL,
	"outcome" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."membership" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"company_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."session" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"mfa_enrollment_required" boolean DEFAULT false NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identity"."user_token" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_token_purpose" CHECK ("identity"."user_token"."purpose" in ('password_reset', 'email_verification', 'invitation'))
);
--> statement-breakpoint
CREATE TABLE "identity"."user" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"language" text DEFAULT 'fr' NOT NULL,
	"email_verified_at" timestamp with time zone,
	"totp_secret" text,
	"totp_enabled_at" timestamp with time zone,
	"totp_last_step" integer,
	"recovery_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_language" CHECK ("identity"."user"."language" in ('fr', 'en'))
);
--> statement-breakpoint
CREATE TABLE "identity"."workspace" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"default_currency" text NOT NULL,
	"settings" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_slug_format" CHECK ("identity"."workspace"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "workspace_currency" CHECK ("identity"."workspace"."default_currency" in ('EUR', 'CHF'))
);
--> statement-breakpoint
ALTER TABLE "identity"."api_key" ADD CONSTRAINT "api_key_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."api_key" ADD CONSTRAINT "api_key_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."company" ADD CONSTRAINT "company_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."membership" ADD CONSTRAINT "membership_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."membership" ADD CONSTRAINT "membership_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "identity"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."session" ADD CONSTRAINT "session_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "identity"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."session" ADD CONSTRAINT "session_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."user_token" ADD CONSTRAINT "user_token_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "identity"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_key_hash_key" ON "identity"."api_key" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "api_key_company_idx" ON "identity"."api_key" USING btree ("workspace_id","company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_id_key" ON "identity"."audit_log" USING btree ("id");--> statement-breakpoint
CREATE INDEX "audit_log_chain_idx" ON "identity"."audit_log" USING btree ("workspace_id","seq");--> statement-breakpoint
CREATE INDEX "audit_log_record_idx" ON "identity"."audit_log" USING btree ("workspace_id","table_name","record_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "identity"."audit_log" USING btree ("workspace_id","actor_user_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "company_legal_name_key" ON "identity"."company" USING btree ("workspace_id","legal_name");--> statement-breakpoint
CREATE UNIQUE INDEX "company_siren_key" ON "identity"."company" USING btree ("workspace_id","siren");--> statement-breakpoint
CREATE INDEX "company_workspace_idx" ON "identity"."company" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "login_event_user_idx" ON "identity"."login_event" USING btree ("user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "login_event_ws_idx" ON "identity"."login_event" USING btree ("workspace_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "membership_user_role_key" ON "identity"."membership" USING btree ("workspace_id","user_id","role");--> statement-breakpoint
CREATE INDEX "membership_user_idx" ON "identity"."membership" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "session_token_key" ON "identity"."session" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "session_user_idx" ON "identity"."session" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_token_hash_key" ON "identity"."user_token" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "user_email_key" ON "identity"."user" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "workspace_slug_key" ON "identity"."workspace" USING btree ("slug");