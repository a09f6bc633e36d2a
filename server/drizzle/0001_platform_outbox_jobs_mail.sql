CREATE SCHEMA "platform";
--> statement-breakpoint
CREATE TABLE "platform"."job_effect" (
	"key" text PRIMARY KEY NOT NULL,
	"queue" text NOT NULL,
	"event_id" uuid,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform"."mail_message" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid,
	"template" text NOT NULL,
	"language" text NOT NULL,
	"from_address" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"transport" text,
	"provider_message_id" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "mail_message_status_check" CHECK ("platform"."mail_message"."status" in ('queued', 'kept', 'sent', 'failed')),
	CONSTRAINT "mail_message_language_check" CHECK ("platform"."mail_message"."language" in ('fr', 'en'))
);
--> statement-breakpoint
CREATE TABLE "platform"."outbox_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"actor" text,
	"request_id" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	"job_count" integer
);
--> statement-breakpoint
CREATE INDEX "mail_message_created_idx" ON "platform"."mail_message" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_event_pending_idx" ON "platform"."outbox_event" USING btree ("occurred_at") WHERE "platform"."outbox_event"."dispatched_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_event_topic_idx" ON "platform"."outbox_event" USING btree ("topic","occurred_at");