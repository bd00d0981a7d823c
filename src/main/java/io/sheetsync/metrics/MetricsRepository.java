package io.sheetsync.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.db.UtcTime;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * All SQL on {@code sync_metrics}: one row per run, its three JSON documents as the seed design shapes them, and the
 * window statistics computed in the database so a year of runs is never shipped to the JVM. {@code created_at} is
 * the end of the run (UTC), written from the service's clock.
 */
public final class MetricsRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    public MetricsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the metrics of a run; recording a run again replaces its row. */
    public void insert(UUID syncId, SyncMetrics metrics, Instant endedAt) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     INSERT INTO sync_metrics (audit_log_id, execution_time, throughput, errors, created_at)
                     VALUES (?, ?::jsonb, ?::jsonb, ?::jsonb, ?)
                     ON CONFLICT (audit_log_id) DO UPDATE SET execution_time = excluded.execution_time,
                       throughput = excluded.throughput, errors = excluded.errors,
                       created_at = excluded.created_at""")) {
            statement.setObject(1, syncId);
            statement.setString(2, json(metrics.executionTime()));
            statement.setString(3, json(metrics.throughput()));
            statement.setString(4, json(metrics.errors()));
            statement.setObject(5, UtcTime.of(endedAt));
            statement.executeUpdate();
        }
    }

    /** Total times (ms) of the newest completed runs with metrics, newest first. */
    public List<Long> recentCompletedTotals(int count) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT (m.execution_time->>'total')::bigint FROM sync_metrics m
                     JOIN sync_audit_logs a ON a.id = m.audit_log_id
                     WHERE a.status = 'completed'
                     ORDER BY m.created_at DESC LIMIT ?""")) {
            statement.setInt(1, count);
            List<Long> totals = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    totals.add(rows.getLong(1));
                }
            }
            return totals;
        }
    }

    /** Statistics over the runs that ended from {@code from} to {@code to}, both inclusive. */
    public AggregatedMetrics aggregate(int days, Instant from, Instant to) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT count(*),
                       count(*) FILTER (WHERE a.status = 'failed'),
                       coalesce(avg((m.execution_time->>'total')::bigint), 0),
                       coalesce(max((m.execution_time->>'total')::bigint), 0),
                       coalesce(avg((m.throughput->>'recordsPerSecond')::double precision)
                         FILTER (WHERE (m.throughput->>'totalRecords')::int > 0), 0),
                       coalesce(sum((m.errors->>'network')::int), 0),
                       coalesce(sum((m.errors->>'validation')::int), 0),
                       coalesce(sum((m.errors->>'database')::int), 0),
                       coalesce(sum((m.errors->>'unknown')::int), 0)
                     FROM sync_metrics m JOIN sync_audit_logs a ON a.id = m.audit_log_id
                     WHERE m.created_at >= ? AND m.created_at <= ?""")) {
            statement.setObject(1, UtcTime.of(from));
            statement.setObject(2, UtcTime.of(to));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                int runs = rows.getInt(1);
                int failed = rows.getInt(2);
                return new AggregatedMetrics(days, from, to, runs, failed, rows.getDouble(3), rows.getLong(4),
                        runs == 0 ? 0 : (double) failed / runs, rows.getDouble(5),
                        new SyncMetrics.ErrorCounts(rows.getInt(6), rows.getInt(7), rows.getInt(8), rows.getInt(9)));
            }
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics could not be written as JSON", e);
        }
    }
}
