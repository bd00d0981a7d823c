-- The six sync_* tables of the seed design, with their checks and indexes.
-- Extra columns (counts by operation, the source, the error of a failed run) serve the status API and the CLI summary.

CREATE TABLE sync_audit_logs (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  start_time TIMESTAMP NOT NULL,
  end_time TIMESTAMP,
  trigger_source VARCHAR(20) NOT NULL CHECK (trigger_source IN ('scheduled', 'manual')),
  status VARCHAR(20) NOT NULL CHECK (status IN ('in_progress', 'completed', 'failed')),
  success_count INTEGER DEFAULT 0,
  failure_count INTEGER DEFAULT 0,
  verification_result JSONB,
  created_at TIMESTAMP DEFAULT NOW(),
  updated_at TIMESTAMP DEFAULT NOW(),
  created_count INTEGER NOT NULL DEFAULT 0,
  updated_count INTEGER NOT NULL DEFAULT 0,
  unchanged_count INTEGER NOT NULL DEFAULT 0,
  total_records INTEGER NOT NULL DEFAULT 0,
  valid_row_count INTEGER NOT NULL DEFAULT 0,
  source VARCHAR(500),
  error_message TEXT
);

CREATE TABLE sync_record_logs (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  audit_log_id UUID REFERENCES sync_audit_logs(id) ON DELETE CASCADE,
  seller_number VARCHAR(50) NOT NULL,
  operation VARCHAR(20) NOT NULL CHECK (operation IN ('create', 'update', 'skip')),
  result VARCHAR(20) NOT NULL CHECK (result IN ('success', 'failure')),
  error_message TEXT,
  timestamp TIMESTAMP NOT NULL,
  created_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE sync_error_logs (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  audit_log_id UUID REFERENCES sync_audit_logs(id) ON DELETE CASCADE,
  seller_number VARCHAR(50),
  error_message TEXT NOT NULL,
  stack_trace TEXT,
  error_type VARCHAR(20) NOT NULL CHECK (error_type IN ('network', 'validation', 'database', 'unknown')),
  timestamp TIMESTAMP NOT NULL,
  created_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE sync_alerts (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  severity VARCHAR(20) NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
  type VARCHAR(50) NOT NULL,
  message TEXT NOT NULL,
  details JSONB,
  acknowledged BOOLEAN DEFAULT FALSE,
  acknowledged_at TIMESTAMP,
  acknowledged_by VARCHAR(255),
  created_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE sync_metrics (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  audit_log_id UUID REFERENCES sync_audit_logs(id) ON DELETE CASCADE,
  execution_time JSONB NOT NULL,
  throughput JSONB NOT NULL,
  errors JSONB NOT NULL,
  created_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE sync_config (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  config_key VARCHAR(100) UNIQUE NOT NULL,
  config_value JSONB NOT NULL,
  updated_at TIMESTAMP DEFAULT NOW(),
  updated_by VARCHAR(255)
);

CREATE INDEX idx_sync_audit_logs_start_time ON sync_audit_logs(start_time DESC);
CREATE INDEX idx_sync_audit_logs_status ON sync_audit_logs(status);
CREATE INDEX idx_sync_record_logs_audit_log_id ON sync_record_logs(audit_log_id);
CREATE INDEX idx_sync_record_logs_seller_number ON sync_record_logs(seller_number);
CREATE INDEX idx_sync_error_logs_audit_log_id ON sync_error_logs(audit_log_id);
CREATE INDEX idx_sync_alerts_created_at ON sync_alerts(created_at DESC);
CREATE INDEX idx_sync_alerts_acknowledged ON sync_alerts(acknowledged);
CREATE INDEX idx_sync_error_logs_seller_number ON sync_error_logs(seller_number);
