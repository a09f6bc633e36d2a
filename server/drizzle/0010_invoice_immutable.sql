-- Issued invoices and credit notes are never edited (issue #6): their legal content cannot change, they cannot be
-- deleted, and the rendered files and the delivery can be recorded once each. Corrections are credit notes.
CREATE OR REPLACE FUNCTION invoicing.forbid_invoice_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'issued invoices cannot be truncated' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'invoice % is issued: it cannot be deleted (issue a credit note)', OLD.number USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.id, NEW.workspace_id, NEW.company_id, NEW.kind, NEW.number, NEW.year, NEW.sequence, NEW.issue_date, NEW.order_id,
      NEW.customer_id, NEW.payment_id, NEW.refund_id, NEW.credited_invoice_id, NEW.source_key, NEW.currency,
      NEW.total_excl_tax, NEW.total_tax, NEW.total_incl_tax, NEW.document, NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.workspace_id, OLD.company_id, OLD.kind, OLD.number, OLD.year, OLD.sequence, OLD.issue_date, OLD.order_id,
      OLD.customer_id, OLD.payment_id, OLD.refund_id, OLD.credited_invoice_id, OLD.source_key, OLD.currency,
      OLD.total_excl_tax, OLD.total_tax, OLD.total_incl_tax, OLD.document, OLD.created_at) THEN
    RAISE EXCEPTION 'invoice % is issued: its content cannot change (issue a credit note)', OLD.number USING ERRCODE = 'check_violation';
  END IF;
  IF (OLD.pdf_sha256 IS NOT NULL AND NEW.pdf_sha256 IS DISTINCT FROM OLD.pdf_sha256)
     OR (OLD.xml_sha256 IS NOT NULL AND NEW.xml_sha256 IS DISTINCT FROM OLD.xml_sha256) THEN
    RAISE EXCEPTION 'invoice % already has its files', OLD.number USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoice_immutable BEFORE UPDATE OR DELETE ON invoicing.invoice
  FOR EACH ROW EXECUTE FUNCTION invoicing.forbid_invoice_rewrite();
--> statement-breakpoint
CREATE TRIGGER invoice_no_truncate BEFORE TRUNCATE ON invoicing.invoice
  FOR EACH STATEMENT EXECUTE FUNCTION invoicing.forbid_invoice_rewrite();
