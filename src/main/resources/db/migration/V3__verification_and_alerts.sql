-- Verification and alerting (issue 3).

-- Every gap a verification found: which seller, in which run, when, and whether the automatic resync healed it.
CREATE TABLE sync_gaps (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  audit_log_id UUID NOT NULL REFERENCES sync_audit_logs(id) ON DELETE CASCADE,
  seller_number VARCHAR(50) NOT NULL,
  detected_at TIMESTAMP NOT NULL,
  resynced BOOLEAN,
  checked_at TIMESTAMP
);
CREATE INDEX idx_sync_gaps_audit_log_id ON sync_gaps(audit_log_id);
CREATE INDEX idx_sync_gaps_seller_number ON sync_gaps(seller_number);

-- Deduplication: one open alert per condition. An alert is open until acknowledged or resolved; while it is open the
-- same condition only bumps its occurrence count instead of raising (and mailing) a new alert every cycle.
ALTER TABLE sync_alerts
  ADD COLUMN condition_key VARCHAR(100),
  ADD COLUMN resolved_at TIMESTAMP,
  ADD COLUMN last_seen_at TIMESTAMP,
  ADD COLUMN occurrences INTEGER NOT NULL DEFAULT 1,
  ADD COLUMN audit_log_id UUID REFERENCES sync_audit_logs(id) ON DELETE SET NULL;
UPDATE sync_alerts SET condition_key = type WHERE condition_key IS NULL;
ALTER TABLE sync_alerts ALTER COLUMN condition_key SET NOT NULL;
-- "Open" must be decidable: an alert is acknowledged or not, never unknown.
UPDATE sync_alerts SET acknowledged = FALSE WHERE acknowledged IS NULL;
ALTER TABLE sync_alerts ALTER COLUMN acknowledged SET NOT NULL;
CREATE UNIQUE INDEX uq_sync_alerts_open_condition ON sync_alerts(condition_key)
  WHERE NOT acknowledged AND resolved_at IS NULL;
