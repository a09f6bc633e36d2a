-- Contrib extensions every module may rely on (PGlite loads the same three).
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- unaccent() is only STABLE (it reads a dictionary), so it cannot feed a generated
-- column or an index. This wrapper pins the dictionary and is declared IMMUTABLE,
-- which is what French search columns (to_tsvector('french', f_unaccent(...))) need.
CREATE OR REPLACE FUNCTION public.f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
