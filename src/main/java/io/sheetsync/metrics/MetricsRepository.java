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
 * the end of the run (UTC), written from the service's clock. Housekeeping rolls rows older than
 * SYNC_METRICS_ROLLUP_DAYS up into {@code sync_metrics_daily} (one row per UTC day), which the statistics include.
 */
public final class MetricsRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    // One statement, so a step is all or nothing: the rows deleted and their days' aggregates grown by them.
    private static final String ROLL_UP = """
            WITH batch AS (
              SELECT m.id FROM sync_metrics m JOIN sync_audit_logs a ON a.id = m.audit_log_id
              WHERE a.status <> 'in_progress' AND (m.created_at < ? OR a.start_time < ?)
              ORDER BY m.created_at LIMIT ?
              FOR UPDATE OF m SKIP LOCKED),
            gone AS (
              DELETE FROM sync_metrics m USING batch b, sync_audit_logs a
              WHERE m.id = b.id AND a.id = m.audit_log_id
              RETURNING m.created_at, m.execution_time, m.throughput, m.errors, a.status),
            days AS (
              SELECT created_at::date AS day, count(*) AS runs,
                count(*) FILTER (WHERE status = 'failed') AS failed_runs,
                coalesce(sum((execution_time->>'total')::bigint), 0) AS total_sum,
                count((execution_time->>'total')::bigint) AS total_count,
                max((execution_time->>'total')::bigint) AS total_max,
                coalesce(sum((throughput->>'recordsPerSecond')::double precision)
                  FILTER (WHERE (throughput->>'totalRecords')::int > 0), 0) AS rate_sum,
                count((throughput->>'recordsPerSecond')::double precision)
                  FILTER (WHERE (throughput->>'totalRecords')::int > 0) AS rate_count,
                coalesce(sum((errors->>'network')::int), 0) AS network,
                coalesce(sum((errors->>'validation')::int), 0) AS validation,
                coalesce(sum((errors->>'database')::int), 0) AS database,
                coalesce(sum((errors->>'unknown')::int), 0) AS unknown
              FROM gone GROUP BY 1),
            merged AS (
              INSERT INTO sync_metrics_daily AS d (day, runs, failed_runs, total_time_sum_ms, total_time_count,
                total_time_max_ms, throughput_sum, throughput_count, errors_network, errors_validation,
                errors_database, errors_unknown, updated_at)
              SELECT day, runs, failed_runs, total_sum, total_count, total_max, rate_sum, rate_count, network,
                validation, database, unknown, ? FROM days
              ON CONFLICT (day) DO UPDATE SET runs = d.runs + excluded.runs,
                failed_runs = d.failed_runs + excluded.failed_runs,
                total_time_sum_ms = d.total_time_sum_ms + excluded.total_time_sum_ms,
                total_time_count = d.total_time_count + excluded.total_time_count,
                total_time_max_ms = greatest(d.total_time_max_ms, excluded.total_time_max_ms),
                throughput_sum = d.throughput_sum + excluded.throughput_sum,
                throughput_count = d.throughput_count + excluded.throughput_count,
                errors_network = d.errors_network + excluded.errors_network,
                errors_validation = d.errors_validation + excluded.errors_validation,
                errors_database = d.errors_database + excluded.errors_database,
                errors_unknown = d.errors_unknown + excluded.errors_unknown, updated_at = excluded.updated_at
              RETURNING day)
            SELECT day, (SELECT count(*) FROM gone) FROM merged""";

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

    /**
     * Statistics over the runs that ended from {@code from} to {@code to}, both inclusive: the per-run rows of the
     * window plus the rolled-up days it reaches, each of those counted whole (days are UTC dates).
     */
    public AggregatedMetrics aggregate(int days, Instant from, Instant to) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     WITH recent AS (
                       SELECT count(*) AS runs,
                         count(*) FILTER (WHERE a.status = 'failed') AS failed_runs,
                         coalesce(sum((m.execution_time->>'total')::bigint), 0) AS total_sum,
                         count((m.execution_time->>'total')::bigint) AS total_count,
                         max((m.execution_time->>'total')::bigint) AS total_max,
                         coalesce(sum((m.throughput->>'recordsPerSecond')::double precision)
                           FILTER (WHERE (m.throughput->>'totalRecords')::int > 0), 0) AS rate_sum,
                         count((m.throughput->>'recordsPerSecond')::double precision)
                           FILTER (WHERE (m.throughput->>'totalRecords')::int > 0) AS rate_count,
                         coalesce(sum((m.errors->>'network')::int), 0) AS network,
                         coalesce(sum((m.errors->>'validation')::int), 0) AS validation,
                         coalesce(sum((m.errors->>'database')::int), 0) AS database,
                         coalesce(sum((m.errors->>'unknown')::int), 0) AS unknown
                       FROM sync_metrics m JOIN sync_audit_logs a ON a.id = m.audit_log_id
                       WHERE m.created_at >= ? AND m.created_at <= ?),
                     rolled AS (
                       SELECT coalesce(sum(runs), 0) AS runs, coalesce(sum(failed_runs), 0) AS failed_runs,
                         coalesce(sum(total_time_sum_ms), 0) AS total_sum,
                         coalesce(sum(total_time_count), 0) AS total_count, max(total_time_max_ms) AS total_max,
                         coalesce(sum(throughput_sum), 0) AS rate_sum, coalesce(sum(throughput_count), 0) AS rate_count,
                         coalesce(sum(errors_network), 0) AS network,
                         coalesce(sum(errors_validation), 0) AS validation,
                         coalesce(sum(errors_database), 0) AS database, coalesce(sum(errors_unknown), 0) AS unknown
                       FROM sync_metrics_daily WHERE day >= ?::date AND day <= ?::date)
                     SELECT r.runs + d.runs, r.failed_runs + d.failed_runs, r.total_sum + d.total_sum,
                       r.total_count + d.total_count, coalesce(greatest(r.total_max, d.total_max), 0),
                       r.rate_sum + d.rate_sum, r.rate_count + d.rate_count, r.network + d.network,
                       r.validation + d.validation, r.database + d.database, r.unknown + d.unknown
                     FROM recent r CROSS JOIN rolled d""")) {
            statement.setObject(1, UtcTime.of(from));
            statement.setObject(2, UtcTime.of(to));
            statement.setObject(3, UtcTime.of(from));
            statement.setObject(4, UtcTime.of(to));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                int runs = rows.getInt(1);
                int failed = rows.getInt(2);
                long timed = rows.getLong(4);
                long rated = rows.getLong(7);
                return new AggregatedMetrics(days, from, to, runs, failed,
                        timed == 0 ? 0 : rows.getBigDecimal(3).doubleValue() / timed, rows.getLong(5),
                        runs == 0 ? 0 : (double) failed / runs, rated == 0 ? 0 : rows.getDouble(6) / rated,
                        new SyncMetrics.ErrorCounts(rows.getInt(8), rows.getInt(9), rows.getInt(10), rows.getInt(11)));
            }
        }
    }

    /**
     * Rolls up to {@code limit} per-run rows into {@code sync_metrics_daily}, oldest first, in one statement: the
     * rows are deleted and their day's aggregate grows by them, or neither happens. Takes the rows that ended before
     * {@code endedBefore}, and those of runs that started before {@code runsStartedBefore} (runs retention is about to
     * remove, whose rows would otherwise go with them). A running sync's row is never touched.
     */
    public RolledUp rollUp(Instant endedBefore, Instant runsStartedBefore, int limit, Instant now)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ROLL_UP)) {
            statement.setObject(1, UtcTime.of(endedBefore));
            statement.setObject(2, UtcTime.of(runsStartedBefore));
            statement.setInt(3, limit);
            statement.setObject(4, UtcTime.of(now));
            int metrics = 0;
            List<java.time.LocalDate> days = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    days.add(rows.getObject(1, java.time.LocalDate.class));
                    metrics = rows.getInt(2);
                }
            }
            return new RolledUp(metrics, days);
        }
    }

    /** What one roll-up step did: how many per-run rows it folded into which days. */
    public record RolledUp(int metrics, List<java.time.LocalDate> days) {
        public RolledUp {
            days = List.copyOf(days);
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
