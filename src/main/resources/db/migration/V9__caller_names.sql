-- Named tokens (SYNC_TOKENS_FILE) put a person's name where a role code was: who started a manual run, and who
-- asked a run to stop (a name is at most 100 characters, api/NamedTokens).
ALTER TABLE sync_audit_logs ADD COLUMN triggered_by VARCHAR(100);
ALTER TABLE sync_audit_logs ALTER COLUMN stop_requested_by TYPE VARCHAR(100);
