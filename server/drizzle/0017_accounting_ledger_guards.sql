-- Issue #8: what the ledger guarantees whatever writes to it (custom SQL, drizzle cannot express it).
-- 1. Every entry balances: a DEFERRED constraint trigger checks at commit that the entry's lines add up to its totals
--    (and total debit = total credit, already a CHECK), with at least two lines. The service builds balanced entries
--    (rules/entries.ts `finalize`); this is the second guard, in the same transaction.
CREATE FUNCTION accounting.check_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target uuid;
  entry_debit bigint;
  entry_credit bigint;
  line_debit bigint;
  line_credit bigint;
  line_count integer;
BEGIN
  -- Two statements, not a CASE: PL/pgSQL resolves NEW's fields when it plans an expression.
  IF TG_TABLE_NAME = 'entry' THEN
    target := NEW.id;
  ELSE
    target := NEW.entry_id;
  END IF;
  SELECT total_debit, total_credit INTO entry_debit, entry_credit FROM accounting.entry WHERE id = target;
  SELECT coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*) INTO line_debit, line_credit, line_count
    FROM accounting.line WHERE entry_id = target;
  IF line_count < 2 OR line_debit <> line_credit OR line_debit <> entry_debit OR line_credit <> entry_credit THEN
    RAISE EXCEPTION 'accounting entry % does not balance: lines % / %, entry % / %', target, line_debit, line_credit, entry_debit, entry_credit
      USING ERRCODE = 'check_violation', CONSTRAINT = 'entry_lines_balanced';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER entry_lines_balanced AFTER INSERT ON accounting.entry
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accounting.check_entry_balanced();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER line_entry_balanced AFTER INSERT ON accounting.line
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accounting.check_entry_balanced();
--> statement-breakpoint
-- 2. A posted entry is never changed nor deleted (corrections are new entries, Annex F §5).
CREATE FUNCTION accounting.refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only (%.%)', TG_TABLE_SCHEMA, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER entry_append_only BEFORE UPDATE OR DELETE ON accounting.entry FOR EACH ROW EXECUTE FUNCTION accounting.refuse_ledger_change();
--> statement-breakpoint
CREATE TRIGGER line_append_only BEFORE UPDATE OR DELETE ON accounting.line FOR EACH ROW EXECUTE FUNCTION accounting.refuse_ledger_change();
