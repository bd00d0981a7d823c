-- Error categories (issue 12): viewers and operators see why a run or a record failed as a category and, for a
-- database error, its SQLSTATE; only admins see the (sanitised) text, which may name hosts, files or SQL.
-- error_type of a run: the error_type codes of sync_error_logs, plus 'gaps' (sellers still missing after the resync)
-- and 'stopped' (cancelled, timed out, shut down, or abandoned by a process that died). Runs ended before this
-- migration have none: they read as 'unknown'.
ALTER TABLE sync_audit_logs
  ADD COLUMN error_type VARCHAR(20)
    CHECK (error_type IN ('network', 'validation', 'database', 'unknown', 'gaps', 'stopped')),
  ADD COLUMN error_sqlstate VARCHAR(5);

ALTER TABLE sync_error_logs ADD COLUMN sqlstate VARCHAR(5);

