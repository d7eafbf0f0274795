-- PostgreSQL only: the audit trail cannot be changed through SQL by the application role either.
-- (H2 has no SQL trigger bodies; there the hash-chain check is what detects an edit.)
CREATE FUNCTION audit_log_forbid_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_forbid_change();
