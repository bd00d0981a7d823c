-- Recovery (issue 4): how a stopped run ended, what was done to recover during a run, and the records waiting for a
-- retry after a transient failure. Times are UTC, as in V1.

-- A run that was stopped keeps status 'failed' (the V1 check allows only in_progress/completed/failed); outcome says
-- why it stopped, and stays NULL for runs that ended on their own. A stop request is written here first, so an
-- instance running the sync sees a cancel sent to another instance at its next batch.
ALTER TABLE sync_audit_logs
  ADD COLUMN stop_requested_at TIMESTAMP,
  ADD COLUMN stop_requested_by VARCHAR(40),
  ADD COLUMN outcome VARCHAR(20) CHECK (outcome IN ('cancelled', 'timed_out', 'shutdown', 'lock_lost'));

CREATE INDEX idx_sync_audit_logs_outcome ON sync_audit_logs(outcome) WHERE outcome IS NOT NULL;

-- One row per recovery action of a run: a fetch that succeeded after retries, a reconnect, a retried batch, a record
-- queued or synced from the queue, a conflict resolved by timestamp, an outcome written after the database came back.
CREATE TABLE sync_recovery_actions (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  audit_log_id UUID NOT NULL REFERENCES sync_audit_logs(id) ON DELETE CASCADE,
  action VARCHAR(40) NOT NULL CHECK (action IN ('retry_succeeded', 'reconnected', 'lock_reacquired', 'batch_retried',
    'record_queued', 'queued_record_synced', 'conflict_resolved', 'outcome_recorded_late')),
  seller_number VARCHAR(50),
  detail TEXT NOT NULL,
  timestamp TIMESTAMP NOT NULL,
  created_at TIMESTAMP DEFAULT NOW()
);

CREATE INDEX idx_sync_recovery_actions_audit_log_id ON sync_recovery_actions(audit_log_id);
CREATE INDEX idx_sync_recovery_actions_seller_number ON sync_recovery_actions(seller_number);
CREATE INDEX idx_sync_recovery_actions_action ON sync_recovery_actions(action, timestamp DESC);

-- Sellers that failed for a transient reason (a version conflict, a batch the database refused twice), retried by a
-- later run. Validation failures never come here: retrying a bad row cannot make it good.
CREATE TABLE sync_retry_queue (
  seller_number VARCHAR(50) PRIMARY KEY,
  error_type VARCHAR(20) NOT NULL CHECK (error_type IN ('network', 'database', 'unknown')),
  reason TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  first_failed_at TIMESTAMP NOT NULL,
  last_failed_at TIMESTAMP NOT NULL,
  next_attempt_at TIMESTAMP NOT NULL,
  audit_log_id UUID REFERENCES sync_audit_logs(id) ON DELETE SET NULL
);

CREATE INDEX idx_sync_retry_queue_next_attempt_at ON sync_retry_queue(next_attempt_at);
