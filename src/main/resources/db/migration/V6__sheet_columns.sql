-- The vanished-column guard (issue 12): which mapped columns each run's sheet had, so the next run notices a column
-- renamed, deleted or emptied before it blanks that field for every seller. Only completed runs' rows are compared
-- against; a run from before this migration has none, and the guard then has nothing to compare with.
CREATE TABLE sync_sheet_columns (
  audit_log_id UUID NOT NULL REFERENCES sync_audit_logs(id) ON DELETE CASCADE,
  field VARCHAR(50) NOT NULL,
  header TEXT NOT NULL,
  filled BOOLEAN NOT NULL,
  PRIMARY KEY (audit_log_id, field)
);

-- A run that went ahead because an operator acknowledged the column_vanished alert records that as an action.
ALTER TABLE sync_recovery_actions DROP CONSTRAINT sync_recovery_actions_action_check;
ALTER TABLE sync_recovery_actions ADD CONSTRAINT sync_recovery_actions_action_check CHECK (action IN (
  'retry_succeeded', 'reconnected', 'lock_reacquired', 'batch_retried', 'record_queued', 'queued_record_synced',
  'conflict_resolved', 'outcome_recorded_late', 'column_removal_accepted'));
