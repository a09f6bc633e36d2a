CREATE SCHEMA "sales";
--> statement-breakpoint
CREATE SCHEMA "payments";
--> statement-breakpoint
CREATE TABLE "platform"."number_sequence" (
	"scope_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last_value" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "number_sequence_scope_id_kind_year_pk" PRIMARY KEY("scope_id","kind","year"),
	CONSTRAINT "number_sequence_positive" CHECK ("platform"."number_sequence"."last_value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sales"."customer" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"country" text DEFAULT 'FR' NOT NULL,
	"language" text DEFAULT 'fr' NOT NULL,
	"siren" text,
	"vat_number" text,
	"address" jsonb,
	"provider_customer_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_kind" CHECK ("sales"."customer"."kind" in ('person', 'company')),
	CONSTRAINT "customer_country" CHECK ("sales"."customer"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "sales"."order_line" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_amount" integer NOT NULL,
	"amount_excl_tax" integer NOT NULL,
	"tax_rate_bp" integer NOT NULL,
	"tax_amount" integer NOT NULL,
	"amount_incl_tax" integer NOT NULL,
	"recurrence" text,
	CONSTRAINT "order_line_sum" CHECK ("sales"."order_line"."amount_incl_tax" = "sales"."order_line"."amount_excl_tax" + "sales"."order_line"."tax_amount")
);
--> statement-breakpoint
CREATE TABLE "sales"."order" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"number" text NOT NULL,
	"public_token" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"kind" text NOT NULL,
	"product_id" uuid,
	"product_version" integer,
	"plan_code" text,
	"currency" text NOT NULL,
	"total_excl_tax" integer NOT NULL,
	"total_tax" integer NOT NULL,
	"total_incl_tax" integer NOT NULL,
	"interval" text,
	"interval_count" integer,
	"quote" jsonb NOT NULL,
	"merchant_company_id" uuid,
	"paid_amount" integer DEFAULT 0 NOT NULL,
	"refunded_amount" integer DEFAULT 0 NOT NULL,
	"paid_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"fulfilled_at" timestamp with time zone,
	"last_payment_error" text,
	"success_url" text,
	"cancel_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_status" CHECK ("sales"."order"."status" in ('draft', 'awaiting_payment', 'paid', 'fulfilled', 'cancelled', 'partially_refunded', 'refunded')),
	CONSTRAINT "order_kind" CHECK ("sales"."order"."kind" in ('one_off', 'subscription')),
	CONSTRAINT "order_currency" CHECK ("sales"."order"."currency" in ('EUR', 'CHF')),
	CONSTRAINT "order_totals" CHECK ("sales"."order"."total_excl_tax" >= 0 and "sales"."order"."total_tax" >= 0 and "sales"."order"."total_incl_tax" = "sales"."order"."total_excl_tax" + "sales"."order"."total_tax"),
	CONSTRAINT "order_refund_le_paid" CHECK ("sales"."order"."refunded_amount" >= 0 and "sales"."order"."refunded_amount" <= "sales"."order"."paid_amount"),
	CONSTRAINT "order_subscription_interval" CHECK (("sales"."order"."kind" = 'subscription') = ("sales"."order"."interval" is not null))
);
--> statement-breakpoint
CREATE TABLE "sales"."subscription" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"provider_subscription_id" text,
	"status" text DEFAULT 'incomplete' NOT NULL,
	"interval" text NOT NULL,
	"interval_count" integer DEFAULT 1 NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"current_period_end" timestamp with time zone,
	"paid_periods" integer DEFAULT 0 NOT NULL,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"provider_updated_at" bigint,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"suspended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscription_status" CHECK ("sales"."subscription"."status" in ('incomplete', 'active', 'past_due', 'suspended', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "payments"."dunning_attempt" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"invoice_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"ran_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dunning_attempt_status" CHECK ("payments"."dunning_attempt"."status" in ('scheduled', 'paid', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "payments"."merchant_account" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text,
	"onboarding_url" text,
	"charges_enabled" boolean DEFAULT false NOT NULL,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"provider_updated_at" bigint,
	"commission_bp" integer DEFAULT 1500 NOT NULL,
	"provider_fee_bp" integer DEFAULT 290 NOT NULL,
	"provider_fee_fixed" integer DEFAULT 30 NOT NULL,
	"payout_delay_days" integer DEFAULT 7 NOT NULL,
	"refund_reverses_merchant_share" boolean DEFAULT true NOT NULL,
	"refund_returns_commission" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merchant_commission_bp" CHECK ("payments"."merchant_account"."commission_bp" between 0 and 10000),
	CONSTRAINT "merchant_provider_fee" CHECK ("payments"."merchant_account"."provider_fee_bp" between 0 and 10000 and "payments"."merchant_account"."provider_fee_fixed" >= 0),
	CONSTRAINT "merchant_payout_delay" CHECK ("payments"."merchant_account"."payout_delay_days" between 0 and 60)
);
--> statement-breakpoint
CREATE TABLE "payments"."merchant_ledger_entry" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"merchant_account_id" uuid NOT NULL,
	"order_id" uuid,
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"source_key" text NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	"payout_id" uuid,
	"description" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merchant_ledger_kind" CHECK ("payments"."merchant_ledger_entry"."kind" in ('sale', 'provider_fee', 'platform_commission', 'refund', 'payout'))
);
--> statement-breakpoint
CREATE TABLE "payments"."payment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"subscription_id" uuid,
	"provider" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"checkout_session_id" text,
	"checkout_url" text,
	"payment_intent_id" text,
	"invoice_id" text,
	"refunded_amount" integer DEFAULT 0 NOT NULL,
	"failure_message" text,
	"succeeded_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"expired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_status" CHECK ("payments"."payment"."status" in ('pending', 'succeeded', 'failed', 'expired')),
	CONSTRAINT "payment_kind" CHECK ("payments"."payment"."kind" in ('checkout', 'renewal', 'free')),
	CONSTRAINT "payment_refund_le_amount" CHECK ("payments"."payment"."refunded_amount" >= 0 and "payments"."payment"."refunded_amount" <= "payments"."payment"."amount")
);
--> statement-breakpoint
CREATE TABLE "payments"."payout" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"merchant_account_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"provider_transfer_id" text,
	"failure_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_amount" CHECK ("payments"."payout"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "payments"."refund" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"reason" text,
	"status" text DEFAULT 'requested' NOT NULL,
	"provider_refund_id" text,
	"failure_message" text,
	"requested_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refund_amount" CHECK ("payments"."refund"."amount" > 0),
	CONSTRAINT "refund_status" CHECK ("payments"."refund"."status" in ('requested', 'pending', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "payments"."sandbox_object" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments"."webhook_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"workspace_id" uuid,
	"order_id" uuid,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"outcome" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"provider_created" bigint NOT NULL,
	CONSTRAINT "webhook_event_status" CHECK ("payments"."webhook_event"."status" in ('received', 'processed', 'failed', 'ignored'))
);
--> statement-breakpoint
ALTER TABLE "sales"."customer" ADD CONSTRAINT "customer_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."customer" ADD CONSTRAINT "customer_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."order_line" ADD CONSTRAINT "order_line_order_id_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "sales"."order"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."order" ADD CONSTRAINT "order_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."order" ADD CONSTRAINT "order_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."order" ADD CONSTRAINT "order_customer_id_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "sales"."customer"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."order" ADD CONSTRAINT "order_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "catalog"."product"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."order" ADD CONSTRAINT "order_merchant_company_id_company_id_fk" FOREIGN KEY ("merchant_company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."subscription" ADD CONSTRAINT "subscription_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."subscription" ADD CONSTRAINT "subscription_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."subscription" ADD CONSTRAINT "subscription_order_id_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "sales"."order"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales"."subscription" ADD CONSTRAINT "subscription_customer_id_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "sales"."customer"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."dunning_attempt" ADD CONSTRAINT "dunning_attempt_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."dunning_attempt" ADD CONSTRAINT "dunning_attempt_subscription_id_subscription_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "sales"."subscription"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."merchant_account" ADD CONSTRAINT "merchant_account_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."merchant_account" ADD CONSTRAINT "merchant_account_company_id_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "identity"."company"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."merchant_ledger_entry" ADD CONSTRAINT "merchant_ledger_entry_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."merchant_ledger_entry" ADD CONSTRAINT "merchant_ledger_entry_merchant_account_id_merchant_account_id_fk" FOREIGN KEY ("merchant_account_id") REFERENCES "payments"."merchant_account"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."merchant_ledger_entry" ADD CONSTRAINT "merchant_ledger_entry_order_id_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "sales"."order"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."merchant_ledger_entry" ADD CONSTRAINT "merchant_ledger_entry_payout_id_payout_id_fk" FOREIGN KEY ("payout_id") REFERENCES "payments"."payout"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."payment" ADD CONSTRAINT "payment_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."payment" ADD CONSTRAINT "payment_order_id_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "sales"."order"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."payment" ADD CONSTRAINT "payment_subscription_id_subscription_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "sales"."subscription"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."payout" ADD CONSTRAINT "payout_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."payout" ADD CONSTRAINT "payout_merchant_account_id_merchant_account_id_fk" FOREIGN KEY ("merchant_account_id") REFERENCES "payments"."merchant_account"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."refund" ADD CONSTRAINT "refund_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."refund" ADD CONSTRAINT "refund_order_id_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "sales"."order"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."refund" ADD CONSTRAINT "refund_payment_id_payment_id_fk" FOREIGN KEY ("payment_id") REFERENCES "payments"."payment"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."webhook_event" ADD CONSTRAINT "webhook_event_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "identity"."workspace"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."webhook_event" ADD CONSTRAINT "webhook_event_order_id_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "sales"."order"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_company_email_key" ON "sales"."customer" USING btree ("company_id",lower("email"));--> statement-breakpoint
CREATE INDEX "customer_workspace_idx" ON "sales"."customer" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_line_position_key" ON "sales"."order_line" USING btree ("order_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "order_company_number_key" ON "sales"."order" USING btree ("company_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "order_public_token_key" ON "sales"."order" USING btree ("public_token");--> statement-breakpoint
CREATE INDEX "order_workspace_status_idx" ON "sales"."order" USING btree ("workspace_id","status","created_at");--> statement-breakpoint
CREATE INDEX "order_customer_idx" ON "sales"."order" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subscription_order_key" ON "sales"."subscription" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subscription_provider_key" ON "sales"."subscription" USING btree ("provider","provider_subscription_id");--> statement-breakpoint
CREATE INDEX "subscription_workspace_status_idx" ON "sales"."subscription" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "dunning_attempt_invoice_attempt_key" ON "payments"."dunning_attempt" USING btree ("subscription_id","invoice_id","attempt");--> statement-breakpoint
CREATE INDEX "dunning_attempt_due_idx" ON "payments"."dunning_attempt" USING btree ("status","scheduled_at");--> statement-breakpoint
CREATE UNIQUE INDEX "merchant_account_company_key" ON "payments"."merchant_account" USING btree ("company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "merchant_account_provider_key" ON "payments"."merchant_account" USING btree ("provider","provider_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "merchant_ledger_source_key" ON "payments"."merchant_ledger_entry" USING btree ("source_key");--> statement-breakpoint
CREATE INDEX "merchant_ledger_merchant_idx" ON "payments"."merchant_ledger_entry" USING btree ("merchant_account_id","available_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_idempotency_key" ON "payments"."payment" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_checkout_session_key" ON "payments"."payment" USING btree ("provider","checkout_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_intent_key" ON "payments"."payment" USING btree ("provider","payment_intent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_invoice_key" ON "payments"."payment" USING btree ("provider","invoice_id");--> statement-breakpoint
CREATE INDEX "payment_order_idx" ON "payments"."payment" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "payment_workspace_created_idx" ON "payments"."payment" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "payout_merchant_idx" ON "payments"."payout" USING btree ("merchant_account_id","created_at");--> statement-breakpoint
CREATE INDEX "refund_payment_idx" ON "payments"."refund" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "refund_order_idx" ON "payments"."refund" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_object_idempotency_key" ON "payments"."sandbox_object" USING btree ("type","idempotency_key");--> statement-breakpoint
CREATE INDEX "sandbox_object_type_idx" ON "payments"."sandbox_object" USING btree ("type");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_event_provider_event_key" ON "payments"."webhook_event" USING btree ("provider","event_id");--> statement-breakpoint
CREATE INDEX "webhook_event_status_idx" ON "payments"."webhook_event" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_event_workspace_idx" ON "payments"."webhook_event" USING btree ("workspace_id","received_at");--> statement-breakpoint
CREATE INDEX "webhook_event_order_idx" ON "payments"."webhook_event" USING btree ("order_id");