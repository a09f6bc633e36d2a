-- The audit log is write-once (Annex G §7: WORM). Updates and deletes are refused at the
-- database, whoever asks; `comptoir audit:verify` still re-checks the hash chain, for
-- anyone who could disable this trigger.
CREATE OR REPLACE FUNCTION identity.audit_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'identity.audit_log is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON identity.audit_log
  FOR EACH ROW EXECUTE FUNCTION identity.audit_log_refuse_change();
--> statement-breakpoint
-- Row triggers do not fire on TRUNCATE; this statement trigger closes that door too.
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON identity.audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION identity.audit_log_refuse_change();
