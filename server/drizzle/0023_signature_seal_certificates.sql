CREATE TABLE "signature"."seal_certificate" (
	"sha256" text PRIMARY KEY NOT NULL,
	"der_base64" text NOT NULL,
	"common_name" text NOT NULL,
	"first_used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "signature"."request" ADD COLUMN "seal_certificate_sha256" text;--> statement-breakpoint
ALTER TABLE "signature"."request" ADD CONSTRAINT "request_seal_certificate_sha256_seal_certificate_sha256_fk" FOREIGN KEY ("seal_certificate_sha256") REFERENCES "signature"."seal_certificate"("sha256") ON DELETE restrict ON UPDATE no action;