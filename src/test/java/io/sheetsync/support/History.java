package io.sheetsync.support;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes past runs and alerts straight into a test database, for tests of what is computed from history. Runs and
 * alerts are collected and written by {@link #save()} in one statement each.
 */
public final class History {

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

    public History alert(String severity, String type, Instant at, boolean acknowledged) {
        alerts.add("('" + severity + "', '" + type + "', '" + type + ":" + at.toEpochMilli()
                + "', 'seeded " + type + "', '{}', " + acknowledged + ", " + utc(at) + ")");
        return this;
    }

    private static String utc(Instant instant) {
        return "TIMESTAMP '" + LocalDateTime.ofInstant(instant, ZoneOffset.UTC) + "'";
    }
}
