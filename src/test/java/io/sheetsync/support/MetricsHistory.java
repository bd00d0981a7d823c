package io.sheetsync.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes finished runs with their {@code sync_metrics} rows straight into a test database, for properties of what is
 * computed from the metrics of past runs (the statistics of GET /api/metrics, the baseline of degradation warnings).
 */
public final class MetricsHistory {

    private MetricsHistory() {
    }

    /**
     * One finished run as its audit and metrics rows record it.
     *
     * @param end     when it ended (its metrics are recorded then)
     * @param records data rows it read
     * @param errors  error log entries by category: network, validation, database, unknown
     */
    public record Run(Instant end, boolean completed, long totalMs, int records, List<Integer> errors) {

        public Run {
            errors = List.copyOf(errors);
            if (errors.size() != 4) {
                throw new IllegalArgumentException("errors are counted in four categories");
            }
        }

        /** Rows read per second of the whole run; a run that took no time is written with a rate of 0. */
        public double recordsPerSecond() {
            return totalMs == 0 ? 0 : records * 1000.0 / totalMs;
        }

        @Override
        public String toString() {
            return (completed ? "completed" : "failed") + " run ended " + end + " after " + totalMs + " ms, "
                    + records + " rows, errors " + errors;
        }
    }

    /** Writes the runs in one round trip, however many, on the test's own connection. */
    public static void write(Connection connection, List<Run> runs) throws SQLException {
        if (runs.isEmpty()) {
            return;
        }
        List<String> audits = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        for (Run run : runs) {
            UUID id = UUID.randomUUID();
            audits.add(String.format(Locale.ROOT, "('%s', %s, %s, 'scheduled', '%s', %d, %d)", id,
                    utc(run.end().minusMillis(run.totalMs())), utc(run.end()),
                    run.completed() ? "completed" : "failed", run.records(), run.records()));
            metrics.add(String.format(Locale.ROOT, "('%s', '{\"fetch\": 0, \"compare\": 0, \"update\": %d,"
                            + " \"verify\": 0, \"total\": %d}', '{\"recordsPerSecond\": %s, \"totalRecords\": %d}',"
                            + " '{\"network\": %d, \"validation\": %d, \"database\": %d, \"unknown\": %d}', %s)",
                    id, run.totalMs(), run.totalMs(), Double.toString(run.recordsPerSecond()), run.records(),
                    run.errors().get(0), run.errors().get(1), run.errors().get(2), run.errors().get(3),
                    utc(run.end())));
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO sync_audit_logs (id, start_time, end_time, trigger_source, status,"
                    + " total_records, valid_row_count) VALUES " + String.join(", ", audits)
                    + "; INSERT INTO sync_metrics (audit_log_id, execution_time, throughput, errors, created_at)"
                    + " VALUES " + String.join(", ", metrics));
        }
    }

    private static String utc(Instant instant) {
        return "TIMESTAMP '" + LocalDateTime.ofInstant(instant, ZoneOffset.UTC) + "'";
    }
}
