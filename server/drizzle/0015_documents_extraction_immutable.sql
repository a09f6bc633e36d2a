-- What the extraction read is kept as it was found (issue #7): once a policy extraction is done or failed, its result
-- cannot change; reviews (confirmations and corrections) are append-only. Deleting a document (retention) still
-- removes both through the foreign keys' cascade.
CREATE OR REPLACE FUNCTION documents.forbid_extraction_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'pending' THEN
    RAISE EXCEPTION 'the extraction of document % is %: what was read cannot change (confirm or correct it instead)', OLD.document_id, OLD.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER policy_extraction_immutable BEFORE UPDATE ON documents.policy_extraction
  FOR EACH ROW EXECUTE FUNCTION documents.forbid_extraction_rewrite();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION documents.forbid_review_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'review % of document % is recorded: add a new review instead', OLD.id, OLD.document_id USING ERRCODE = 'check_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER extraction_review_append_only BEFORE UPDATE ON documents.extraction_review
  FOR EACH ROW EXECUTE FUNCTION documents.forbid_review_rewrite();
