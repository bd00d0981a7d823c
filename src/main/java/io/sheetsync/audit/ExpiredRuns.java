package io.sheetsync.audit;

import io.sheetsync.db.RunRows;
import io.sheetsync.db.UtcTime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Housekeeping's SQL on {@code sync_audit_logs}, {@code sync_record_logs} and {@code sync_error_logs}: finding the runs
 * past retention a batch at a time, reading them (with their logs) as JSON for the archive, and removing them. Every
 * method works on the caller's connection, inside its transaction.
 */
public final class ExpiredRuns {

    // Locks the batch's rows for the transaction, skipping rows someone else holds (they wait for the next batch or
    // run). A metrics row not yet rolled up keeps its run: deleting the run would cascade to it and lose it from the
    // statistics; housekeeping rolls such rows up first.
    private static final String BATCH = """
            SELECT a.id, a.start_time FROM sync_audit_logs a
            WHERE a.start_time < ? AND a.status <> 'in_progress' AND a.id IS DISTINCT FROM ?
              AND NOT EXISTS (SELECT 1 FROM sync_metrics m WHERE m.audit_log_id = a.id)
            ORDER BY a.start_time LIMIT ?
            FOR UPDATE OF a SKIP LOCKED""";

    private static final String RUNS_AS_JSON = """
            SELECT a.id, row_to_json(a)::text FROM sync_audit_logs a WHERE a.id = ANY(?)""";

    private static final String RECORD_LOGS_AS_JSON = """
            SELECT r.audit_log_id, row_to_json(r)::text FROM sync_record_logs r WHERE r.audit_log_id = ANY(?)
            ORDER BY r.timestamp, r.id""";

    private static final String ERROR_LOGS_AS_JSON = """
            SELECT e.audit_log_id, row_to_json(e)::text FROM sync_error_logs e WHERE e.audit_log_id = ANY(?)
            ORDER BY e.timestamp, e.id""";

    /** One run past retention: its id, and when it started (its archive file is that UTC day's). */
    public record Expired(UUID id, Instant startTime) {
    }

    /**
     * Locks and answers up to {@code limit} ended runs that started before {@code cutoff}, oldest first.
     *
     * @param keep a run that stays whatever its age (the last completed run, which the shrink guard and the column
     *             check compare with), or null
     */
    public List<Expired> lockBatch(Connection connection, Instant cutoff, UUID keep, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(BATCH)) {
            statement.setObject(1, UtcTime.of(cutoff));
            statement.setObject(2, keep);
            statement.setInt(3, limit);
            List<Expired> batch = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    batch.add(new Expired(rows.getObject(1, UUID.class),
                            UtcTime.instant(rows.getObject(2, LocalDateTime.class))));
                }
            }
            return batch;
        }
    }

    /** Each run's audit row as a JSON document, by run. */
    public Map<UUID, List<String>> runsAsJson(Connection connection, Collection<UUID> runs) throws SQLException {
        return RunRows.json(connection, RUNS_AS_JSON, runs);
    }

    public Map<UUID, List<String>> recordLogsAsJson(Connection connection, Collection<UUID> runs) throws SQLException {
        return RunRows.json(connection, RECORD_LOGS_AS_JSON, runs);
    }

    public Map<UUID, List<String>> errorLogsAsJson(Connection connection, Collection<UUID> runs) throws SQLException {
        return RunRows.json(connection, ERROR_LOGS_AS_JSON, runs);
    }

    public int deleteRecordLogs(Connection connection, Collection<UUID> runs) throws SQLException {
        return RunRows.update(connection, "DELETE FROM sync_record_logs WHERE audit_log_id = ANY(?)", runs);
    }

    public int deleteErrorLogs(Connection connection, Collection<UUID> runs) throws SQLException {
        return RunRows.update(connection, "DELETE FROM sync_error_logs WHERE audit_log_id = ANY(?)", runs);
    }

    /**
     * Deletes the runs' audit rows. Rows of other tables that still point at them go by the schema's rules (logs,
     * gaps and recovery actions cascade; alerts and queued records keep their row, without the run).
     */
    public int deleteRuns(Connection connection, Collection<UUID> runs) throws SQLException {
        return RunRows.update(connection, "DELETE FROM sync_audit_logs WHERE id = ANY(?)", runs);
    }
}
