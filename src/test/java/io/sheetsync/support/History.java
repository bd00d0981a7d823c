package io.sheetsync.support;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes past runs and alerts straight into a test database, for tests of what is computed from history. Runs and
 * alerts are collected and written by {@link #save()} in one statement each.
 */
public final class History {

    /** Five-minute runs in a year. */
    public static final int RUNS_A_YEAR = 365 * 24 * 12;

    private final TestDatabase database;
    private final java.util.List<String> runs = new java.util.ArrayList<>();
    private final java.util.List<String> alerts = new java.util.ArrayList<>();

    public History(TestDatabase database) {
        this.database = database;
    }

    /** Writes what was collected. */
    public void save() {
        if (!runs.isEmpty()) {
            database.execute("INSERT INTO sync_audit_logs (start_time, end_time, trigger_source, status, success_count,"
                    + " failure_count, unchanged_count, total_records, verification_result) VALUES "
                    + String.join(", ", runs));
            runs.clear();
        }
        if (!alerts.isEmpty()) {
            database.execute("INSERT INTO sync_alerts (severity, type, condition_key, message, details, acknowledged,"
                    + " created_at) VALUES " + String.join(", ", alerts));
            alerts.clear();
        }
    }

    /** One finished run. {@code remainingGaps} is how many seller numbers its verification left missing. */
    public History run(Instant start, long durationMillis, boolean completed, int succeeded, int failed,
                       int remainingGaps) {
        StringBuilder gaps = new StringBuilder("[");
        for (int i = 0; i < remainingGaps; i++) {
            gaps.append(i == 0 ? "" : ",").append("\"AA").append(90000 + i).append('"');
        }
        gaps.append(']');
        runs.add("(" + utc(start) + ", " + utc(start.plusMillis(durationMillis)) + ", 'scheduled', '"
                + (completed ? "completed" : "failed") + "', " + succeeded + ", " + failed + ", " + succeeded + ", "
                + (succeeded + failed) + ", '{\"remainingGaps\": " + gaps + ", \"drift\": []}')");
        return this;
    }

    /** 90 days of runs every five minutes up to {@code end}, every tenth one failed: about 26,000 runs. */
    public History ninetyDays(Instant end) {
        database.execute("INSERT INTO sync_audit_logs (start_time, end_time, trigger_source, status, success_count,"
                + " failure_count, unchanged_count, total_records, verification_result)"
                + " SELECT t, t + interval '40 seconds', 'scheduled',"
                + " CASE WHEN n % 10 = 0 THEN 'failed' ELSE 'completed' END, 50, n % 3, 50, 50 + n % 3,"
                + " '{\"remainingGaps\": [], \"drift\": []}'"
                + " FROM generate_series(1, 90 * 288) AS n,"
                + " LATERAL (SELECT " + utc(end) + " - n * interval '5 minutes' AS t) AS times");
        return this;
    }

    /**
     * A year of five-minute runs up to {@code end} (every fiftieth failed), each with its metrics (a total time and
     * throughput that vary with the start) and one record log: what the metrics API and housekeeping meet after a
     * year without a roll-up. Written at once, not collected.
     */
    public History aYearOfFiveMinuteRuns(Instant end) {
        database.execute("""
                INSERT INTO sync_audit_logs (id, start_time, end_time, trigger_source, status)
                SELECT gen_random_uuid(), t, t + interval '20 seconds', 'scheduled',
                  CASE WHEN g % 50 = 0 THEN 'failed' ELSE 'completed' END
                FROM generate_series(1, RUNS) g, LATERAL (SELECT UNTIL - g * interval '5 minutes') s(t)
                """.replace("RUNS", Integer.toString(RUNS_A_YEAR)).replace("UNTIL", utc(end)));
        database.execute("""
                INSERT INTO sync_metrics (audit_log_id, execution_time, throughput, errors, created_at)
                SELECT id, jsonb_build_object('fetch', 1, 'compare', 1, 'update', 1, 'verify', 1,
                    'total', 20000 + extract(epoch FROM start_time)::bigint % 997),
                  jsonb_build_object('recordsPerSecond', 5.0 + extract(epoch FROM start_time)::bigint % 13,
                    'totalRecords', 100),
                  jsonb_build_object('network', 0, 'validation', 1, 'database', 0, 'unknown', 0), end_time
                FROM sync_audit_logs""");
        database.execute("""
                INSERT INTO sync_record_logs (audit_log_id, seller_number, operation, result, timestamp)
                SELECT id, 'AA1', 'update', 'success', start_time FROM sync_audit_logs""");
        return this;
    }

    public History alert(String severity, String type, Instant at, boolean acknowledged) {
        alerts.add("('" + severity + "', '" + type + "', '" + type + ":" + at.toEpochMilli()
                + "', 'seeded " + type + "', '{}', " + acknowledged + ", " + utc(at) + ")");
        return this;
    }

    private static String utc(Instant instant) {
        return "TIMESTAMP '" + LocalDateTime.ofInstant(instant, ZoneOffset.UTC) + "'";
    }
}
