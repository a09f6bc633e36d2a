-- In-memory caches (resolved sessions and API keys, quote lookups) are told about every change
-- by the database itself: whoever writes (an API process, a worker, the CLI, a hand-typed UPDATE),
-- the change raises a NOTIFY on `comptoir_invalidate`, delivered to every listening process at commit
-- and never for a rolled-back change. Payloads are `<kind>:<id>` (see platform/cache/invalidation.ts).
--
-- Row by row for identity rows (few, and each names the session, user, workspace or key to forget).
-- TG_ARGV: [0] kind, [1] the column whose value is the id, [2…] columns whose change alone is not
-- worth a notification (last_seen_at, last_used_at: throttled bookkeeping the caches keep themselves).
CREATE OR REPLACE FUNCTION platform.notify_invalidation_row() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  new_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
  old_row jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
  ignored text[] := coalesce(TG_ARGV[2:], '{}');
BEGIN
  IF TG_OP = 'UPDATE' AND (new_row - ignored) = (old_row - ignored) THEN
    RETURN NULL;
  END IF;
  IF new_row IS NOT NULL THEN
    PERFORM pg_notify('comptoir_invalidate', TG_ARGV[0] || ':' || (new_row ->> TG_ARGV[1]));
  END IF;
  IF old_row IS NOT NULL THEN
    -- Identical payloads in one transaction are delivered once.
    PERFORM pg_notify('comptoir_invalidate', TG_ARGV[0] || ':' || (old_row ->> TG_ARGV[1]));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Per statement for catalog rows: bulk imports and the benchmark generator write hundreds of
-- thousands of rows, and the quote caches are flushed per workspace anyway. One function per
-- transition table, since a trigger with transition tables handles a single event. The workspace
-- of a plan, rule or promotion is found by primary key per distinct version (a join let the
-- planner scan the whole version table per statement: 5 s per 10,000 plans at Annex H volume).
CREATE OR REPLACE FUNCTION platform.notify_catalog_invalidation_new() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_ARGV[0] = 'workspace_id' THEN
    PERFORM pg_notify('comptoir_invalidate', 'catalog:' || w.workspace_id)
       FROM (SELECT DISTINCT n.workspace_id FROM new_rows n) w;
  ELSIF TG_ARGV[0] = 'company_id' THEN
    PERFORM pg_notify('comptoir_invalidate', 'catalog:' || w.workspace_id)
       FROM (SELECT DISTINCT (SELECT c.workspace_id FROM identity.company c WHERE c.id = n.company_id) AS workspace_id
               FROM (SELECT DISTINCT company_id FROM new_rows) n) w
      WHERE w.workspace_id IS NOT NULL;
  ELSE
    PERFORM pg_notify('comptoir_invalidate', 'catalog:' || w.workspace_id)
       FROM (SELECT DISTINCT (SELECT v.workspace_id FROM catalog.product_version v WHERE v.id = n.product_version_id) AS workspace_id
               FROM (SELECT DISTINCT product_version_id FROM new_rows) n) w
      WHERE w.workspace_id IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION platform.notify_catalog_invalidation_old() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_ARGV[0] = 'workspace_id' THEN
    PERFORM pg_notify('comptoir_invalidate', 'catalog:' || w.workspace_id)
       FROM (SELECT DISTINCT o.workspace_id FROM old_rows o) w;
  ELSIF TG_ARGV[0] = 'company_id' THEN
    PERFORM pg_notify('comptoir_invalidate', 'catalog:' || w.workspace_id)
       FROM (SELECT DISTINCT (SELECT c.workspace_id FROM identity.company c WHERE c.id = o.company_id) AS workspace_id
               FROM (SELECT DISTINCT company_id FROM old_rows) o) w
      WHERE w.workspace_id IS NOT NULL;
  ELSE
    PERFORM pg_notify('comptoir_invalidate', 'catalog:' || w.workspace_id)
       FROM (SELECT DISTINCT (SELECT v.workspace_id FROM catalog.product_version v WHERE v.id = o.product_version_id) AS workspace_id
               FROM (SELECT DISTINCT product_version_id FROM old_rows) o) w
      WHERE w.workspace_id IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- TRUNCATE has no rows to name: every cache forgets everything.
CREATE OR REPLACE FUNCTION platform.notify_invalidation_all() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('comptoir_invalidate', 'all:');
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Sessions: revocation, expiry, MFA enrolment, deletion (a new session is never cached before it exists).
CREATE TRIGGER session_invalidate AFTER UPDATE OR DELETE ON identity.session
  FOR EACH ROW EXECUTE FUNCTION platform.notify_invalidation_row('session', 'id', 'last_seen_at');
--> statement-breakpoint
-- Users: disabled, renamed, language, deleted (a password change revokes the sessions itself).
CREATE TRIGGER user_invalidate AFTER UPDATE OR DELETE ON identity."user"
  FOR EACH ROW EXECUTE FUNCTION platform.notify_invalidation_row('user', 'id');
--> statement-breakpoint
-- Memberships: any grant added, changed or removed changes what the user's sessions may do.
CREATE TRIGGER membership_invalidate AFTER INSERT OR UPDATE OR DELETE ON identity.membership
  FOR EACH ROW EXECUTE FUNCTION platform.notify_invalidation_row('user', 'user_id');
--> statement-breakpoint
CREATE TRIGGER workspace_invalidate AFTER UPDATE OR DELETE ON identity.workspace
  FOR EACH ROW EXECUTE FUNCTION platform.notify_invalidation_row('workspace', 'id');
--> statement-breakpoint
CREATE TRIGGER api_key_invalidate AFTER UPDATE OR DELETE ON identity.api_key
  FOR EACH ROW EXECUTE FUNCTION platform.notify_invalidation_row('apiKey', 'id', 'last_used_at');
--> statement-breakpoint
CREATE TRIGGER session_invalidate_truncate AFTER TRUNCATE ON identity.session
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_invalidation_all();
--> statement-breakpoint
CREATE TRIGGER user_invalidate_truncate AFTER TRUNCATE ON identity."user"
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_invalidation_all();
--> statement-breakpoint
CREATE TRIGGER membership_invalidate_truncate AFTER TRUNCATE ON identity.membership
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_invalidation_all();
--> statement-breakpoint
CREATE TRIGGER api_key_invalidate_truncate AFTER TRUNCATE ON identity.api_key
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_invalidation_all();
--> statement-breakpoint
-- What a quote looks up: the product (by SKU or id) with its selling company, its versions
-- (periods), their publications (the public catalogue), plans, pricing rules and promotions.
-- Argument: the rows' own `workspace_id`, or their `company_id` or `product_version_id` to find it.
CREATE TRIGGER product_invalidate_insert AFTER INSERT ON catalog.product REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_new('workspace_id');
--> statement-breakpoint
CREATE TRIGGER product_invalidate_update AFTER UPDATE ON catalog.product REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_old('workspace_id');
--> statement-breakpoint
CREATE TRIGGER product_invalidate_delete AFTER DELETE ON catalog.product REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_old('workspace_id');
--> statement-breakpoint
CREATE TRIGGER product_version_invalidate_insert AFTER INSERT ON catalog.product_version REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_new('workspace_id');
--> statement-breakpoint
CREATE TRIGGER product_version_invalidate_update AFTER UPDATE ON catalog.product_version REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_old('workspace_id');
--> statement-breakpoint
CREATE TRIGGER product_version_invalidate_delete AFTER DELETE ON catalog.product_version REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_old('workspace_id');
--> statement-breakpoint
CREATE TRIGGER publication_invalidate_insert AFTER INSERT ON catalog.publication REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_new('company_id');
--> statement-breakpoint
CREATE TRIGGER publication_invalidate_update AFTER UPDATE ON catalog.publication REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_old('company_id');
--> statement-breakpoint
CREATE TRIGGER publication_invalidate_delete AFTER DELETE ON catalog.publication REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_old('company_id');
--> statement-breakpoint
CREATE TRIGGER company_invalidate_update AFTER UPDATE ON identity.company REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_old('workspace_id');
--> statement-breakpoint
CREATE TRIGGER company_invalidate_delete AFTER DELETE ON identity.company REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_old('workspace_id');
--> statement-breakpoint
CREATE TRIGGER catalog_invalidate_truncate AFTER TRUNCATE ON catalog.product
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_invalidation_all();
--> statement-breakpoint
CREATE TRIGGER product_version_invalidate_truncate AFTER TRUNCATE ON catalog.product_version
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_invalidation_all();
--> statement-breakpoint
CREATE TRIGGER publication_invalidate_truncate AFTER TRUNCATE ON catalog.publication
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_invalidation_all();
--> statement-breakpoint
CREATE TRIGGER product_plan_invalidate_insert AFTER INSERT ON catalog.product_plan REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_new('product_version_id');
--> statement-breakpoint
CREATE TRIGGER product_plan_invalidate_update AFTER UPDATE ON catalog.product_plan REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_old('product_version_id');
--> statement-breakpoint
CREATE TRIGGER product_plan_invalidate_delete AFTER DELETE ON catalog.product_plan REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_old('product_version_id');
--> statement-breakpoint
CREATE TRIGGER product_plan_invalidate_truncate AFTER TRUNCATE ON catalog.product_plan
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_invalidation_all();
--> statement-breakpoint
CREATE TRIGGER pricing_rule_invalidate_insert AFTER INSERT ON catalog.pricing_rule REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_new('product_version_id');
--> statement-breakpoint
CREATE TRIGGER pricing_rule_invalidate_update AFTER UPDATE ON catalog.pricing_rule REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_old('product_version_id');
--> statement-breakpoint
CREATE TRIGGER pricing_rule_invalidate_delete AFTER DELETE ON catalog.pricing_rule REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_old('product_version_id');
--> statement-breakpoint
CREATE TRIGGER pricing_rule_invalidate_truncate AFTER TRUNCATE ON catalog.pricing_rule
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_invalidation_all();
--> statement-breakpoint
CREATE TRIGGER promotion_invalidate_insert AFTER INSERT ON catalog.promotion REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_new('product_version_id');
--> statement-breakpoint
CREATE TRIGGER promotion_invalidate_update AFTER UPDATE ON catalog.promotion REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_old('product_version_id');
--> statement-breakpoint
CREATE TRIGGER promotion_invalidate_delete AFTER DELETE ON catalog.promotion REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_catalog_invalidation_old('product_version_id');
--> statement-breakpoint
CREATE TRIGGER promotion_invalidate_truncate AFTER TRUNCATE ON catalog.promotion
  FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_invalidation_all();
