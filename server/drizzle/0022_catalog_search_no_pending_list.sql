DROP INDEX "catalog"."product_search_idx";--> statement-breakpoint
DROP INDEX "catalog"."product_search_trgm_idx";--> statement-breakpoint
CREATE INDEX "product_search_idx" ON "catalog"."product" USING gin ("search") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "product_search_trgm_idx" ON "catalog"."product" USING gin (public.f_unaccent(lower("search_text")) gin_trgm_ops) WITH (fastupdate=false);