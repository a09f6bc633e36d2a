-- Two versions of one product never cover the same instant (seed 003 Annex A §4).
-- The database refuses the overlap itself, whatever the code does.
ALTER TABLE catalog.product_version
  ADD CONSTRAINT product_version_no_overlap
  EXCLUDE USING gist (
    product_id WITH =,
    tstzrange(effective_from, effective_to, '[)') WITH &&
  );
--> statement-breakpoint
-- A commission split's shares add up to exactly 1, each within [0, 1] (Annex A §4),
-- computed in numeric, never in floating point.
CREATE OR REPLACE FUNCTION catalog.commission_split_is_valid(split jsonb) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT jsonb_typeof(split) = 'object'
       AND (SELECT count(*) FROM jsonb_each(split)) > 0
       AND NOT EXISTS (
             SELECT 1 FROM jsonb_each(split) e
              WHERE jsonb_typeof(e.value) NOT IN ('number', 'string')
                 OR (e.value #>> '{}') !~ '^[0-9]+(\.[0-9]+)?$'
                 OR (e.value #>> '{}')::numeric > 1)
       AND (SELECT sum((e.value #>> '{}')::numeric) FROM jsonb_each(split) e) = 1
  $$;
--> statement-breakpoint
ALTER TABLE catalog.commission_scheme
  ADD CONSTRAINT commission_scheme_split_sums_to_one CHECK (catalog.commission_split_is_valid(split));
