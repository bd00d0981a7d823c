-- Observability: one metrics row per run, found by time; audit queries filtered by outcome and date.

-- A run has at most one metrics row (re-recording replaces it), and the window queries of GET /api/metrics and the
-- degradation baseline read the newest rows first.
CREATE UNIQUE INDEX idx_sync_metrics_audit_log_id ON sync_metrics(audit_log_id);
CREATE INDEX idx_sync_metrics_created_at ON sync_metrics(created_at DESC);

-- GET /api/audit?success=...: the newest runs of one outcome without scanning the others.
CREATE INDEX idx_sync_audit_logs_status_start_time ON sync_audit_logs(status, start_time DESC);
