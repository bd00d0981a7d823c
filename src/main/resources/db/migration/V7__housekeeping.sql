-- Housekeeping (issue 10): per-run metrics older than SYNC_METRICS_ROLLUP_DAYS are rolled up into one row per UTC day,
-- which GET /api/metrics adds to the per-run rows of its window. Each column is a sum, count or maximum, so a day
-- rolled up in several steps (a batch at a time, or across two housekeeping runs) adds up to the same row.
CREATE TABLE sync_metrics_daily (
  day DATE PRIMARY KEY,
  runs INTEGER NOT NULL CHECK (runs >= 0),
  failed_runs INTEGER NOT NULL CHECK (failed_runs >= 0 AND failed_runs <= runs),
  -- execution_time.total of the runs: sum and count (for the mean) and maximum (the peak), in ms
  total_time_sum_ms BIGINT NOT NULL,
  total_time_count INTEGER NOT NULL,
  total_time_max_ms BIGINT,
  -- throughput.recordsPerSecond of the runs that read rows: sum and count, for the mean
  throughput_sum DOUBLE PRECISION NOT NULL,
  throughput_count INTEGER NOT NULL,
  errors_network BIGINT NOT NULL,
  errors_validation BIGINT NOT NULL,
  errors_database BIGINT NOT NULL,
  errors_unknown BIGINT NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
