CREATE SCHEMA "notifications";
--> statement-breakpoint
CREATE TABLE "sales"."journey_version" (
	"journey_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "journey_version_journey_id_version_pk" PRIMARY KEY("journey_id","version")
);
--> statement-breakpoint
CREATE TABLE "sales"."journey" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"definition" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journey_slug" CHECK ("sales"."journey"."slug" ~ '^[a-z0-9][a-z0-9-]{0,62}$')
);
--> statement-breakpoint
CREATE TABLE "sales"."prospect_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"prospect_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"detail" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales"."prospect" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"journey_id" uuid NOT NULL,
	"journey_version" integer NOT NULL,
	"token" text NOT NULL,
	"status" text DEFAULT 'prospect' NOT NULL,
	"source" text DEFAULT 'web' NOT NULL,
	"offered" boolean DEFAULT false NOT NULL,
	"client_type" text,
	"name" text,
	"email" text,
	"phone" text,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"consent_version" text,
	"consent_text" text,
	"consented_at" timestamp with time zone,
	"quote" jsonb,
	"price_amount" integer,
	"currency" text,
	"recommendation" jsonb,
	"signature_request_id" uuid,
	"signature_token_sealed" text,
	"order_id" uuid,
	"customer_id" uuid,
	"mandate_number" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"questionnaire_completed_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"abandoned_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prospect_status" CHECK ("sales"."prospect"."status" in ('prospect', 'en_signature', 'en_paiement', 'client_actif', 'paiement_en_echec', 'mandat_resilie', 'abandonne')),
	CONSTRAINT "prospect_client_type" CHECK ("sales"."prospect"."client_type" is null or "sales"."prospect"."client_type" in ('particulier', 'entreprise')),
	CONSTRAINT "prospect_activation_once" CHECK (("sales"."prospect"."activated_at" is null) = ("sales"."prospect"."mandate_number" is null))
);
--> statement-breakpoint
CREATE TABLE "notifications"."notification_read" (
	"notification_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_read_notification_id_user_id_pk" PRIMARY KEY("notification_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "notifications"."notification" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"permission" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sales"."journey_version" ADD CONSTRAINT "journey_version_journey_id_journey_id_fk" FOREIGN KEY ("journey_id") REFERENCES "sales"."journey"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."journey" ADD CONSTRAINT "journey_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."journey" ADD CONSTRAINT "journey_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."journey" ADD CONSTRAINT "journey_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "catalog"."product"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."prospect_event" ADD CONSTRAINT "prospect_event_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."prospect_event" ADD CONSTRAINT "prospect_event_prospect_id_prospect_id_fk" FOREIGN KEY ("prospect_id") REFERENCES "sales"."prospect"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."prospect" ADD CONSTRAINT "prospect_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."prospect" ADD CONSTRAINT "prospect_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."prospect" ADD CONSTRAINT "prospect_journey_id_journey_id_fk" FOREIGN KEY ("journey_id") REFERENCES "sales"."journey"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."prospect" ADD CONSTRAINT "prospect_order_id_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "sales"."order"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."prospect" ADD CONSTRAINT "prospect_customer_id_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "sales"."customer"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications"."notification_read" ADD CONSTRAINT "notification_read_notification_id_notification_id_fk" FOREIGN KEY ("notification_id") REFERENCES "notifications"."notification"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications"."notification_read" ADD CONSTRAINT "notification_read_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "identity"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications"."notification" ADD CONSTRAINT "notification_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications"."notification" ADD CONSTRAINT "notification_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "journey_workspace_slug_key" ON "sales"."journey" USING btree ("workspace_id","slug");--> statement-breakpoint
CREATE INDEX "journey_product_idx" ON "sales"."journey" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "prospect_event_prospect_idx" ON "sales"."prospect_event" USING btree ("prospect_id","at");--> statement-breakpoint
CREATE INDEX "prospect_event_workspace_kind_idx" ON "sales"."prospect_event" USING btree ("workspace_id","kind","at");--> statement-breakpoint
CREATE UNIQUE INDEX "prospect_token_key" ON "sales"."prospect" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "prospect_mandate_number_key" ON "sales"."prospect" USING btree ("company_id","mandate_number");--> statement-breakpoint
CREATE UNIQUE INDEX "prospect_order_key" ON "sales"."prospect" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "prospect_workspace_status_idx" ON "sales"."prospect" USING btree ("workspace_id","status","started_at");--> statement-breakpoint
CREATE INDEX "prospect_journey_idx" ON "sales"."prospect" USING btree ("journey_id","started_at");--> statement-breakpoint
CREATE INDEX "prospect_email_idx" ON "sales"."prospect" USING btree ("workspace_id",lower("email"));--> statement-breakpoint
CREATE INDEX "prospect_activity_idx" ON "sales"."prospect" USING btree ("status","last_activity_at");--> statement-breakpoint
CREATE INDEX "notification_workspace_idx" ON "notifications"."notification" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_dedupe_key" ON "notifications"."notification" USING btree ("workspace_id","dedupe_key");