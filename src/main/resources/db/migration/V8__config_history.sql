-- Every change of a runtime setting through PUT /api/config, one row per setting (who, when, from what, to what).
-- sync_config itself (V1) holds the values set through the API that are in force.
CREATE TABLE sync_config_history (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  setting VARCHAR(100) NOT NULL,
  old_value JSONB,
  new_value JSONB,
  changed_at TIMESTAMP NOT NULL,
  changed_by VARCHAR(255) NOT NULL
);

CREATE INDEX idx_sync_config_history_changed_at ON sync_config_history(changed_at DESC);
