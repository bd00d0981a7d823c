package io.sheetsync.audit;

import io.sheetsync.db.UtcTime;
import io.sheetsync.seller.SheetColumns;
import io.sheetsync.sheet.SheetField;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the dashboard, the metrics, the alerts and the sheet guards read about past runs: the last finished and
 * completed run, the run in progress, failure streaks, success rate, the recent trend, gaps and error counts.
 */
public final class RunHistory {

    private final DataSource dataSource;

    public RunHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The most recent run that has ended, whatever its outcome. */
    public Optional<AuditLog> lastFinished() throws SQLException {
        return first("WHERE status <> 'in_progress' ORDER BY start_time DESC LIMIT 1");
    }

    /** The most recent completed run: the shrink guard and "last successful sync" compare against it. */
    public Optional<AuditLog> lastCompleted() throws SQLException {
        return first("WHERE status = 'completed' ORDER BY end_time DESC NULLS LAST LIMIT 1");
    }

    /**
     * The mapped columns a run's sheet had, as recorded by its parse step; empty when it recorded none (it failed
     * before, or ran before the column guard existed).
     */
    public Optional<SheetColumns> sheetColumns(UUID runId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT field, header, filled FROM sync_sheet_columns WHERE audit_log_id = ?")) {
            statement.setObject(1, runId);
            Map<SheetField, String> headers = new EnumMap<>(SheetField.class);
            Set<SheetField> filled = EnumSet.noneOf(SheetField.class);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    // a field this version no longer knows cannot be mapped any more: nothing to guard
                    Optional<SheetField> field = SheetField.byId(rows.getString(1));
                    if (field.isPresent()) {
                        headers.put(field.get(), rows.getString(2));
                        if (rows.getBoolean(3)) {
                            filled.add(field.get());
                        }
                    }
                }
            }
            return headers.isEmpty() ? Optional.empty() : Optional.of(new SheetColumns(headers, filled));
        }
    }

    /** A run still marked in progress, if any (possibly another instance's). */
    public Optional<AuditLog> inProgress() throws SQLException {
        return first("WHERE status = 'in_progress' ORDER BY start_time DESC LIMIT 1");
    }

    /** How many runs failed since the last completed one (all of them when none completed). */
    public int consecutiveFailures() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT count(*) FROM sync_audit_logs WHERE status = 'failed' AND start_time >
                       COALESCE((SELECT max(start_time) FROM sync_audit_logs WHERE status = 'completed'), '-infinity')""");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Completed runs among the runs finished since {@code since}, 0..1; empty when none finished. */
    public Optional<Double> successRate(Instant since) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT count(*) FILTER (WHERE status = 'completed'), count(*) FROM sync_audit_logs
                     WHERE start_time >= ? AND status <> 'in_progress'""")) {
            statement.setObject(1, UtcTime.of(since));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                int finished = rows.getInt(2);
                return finished == 0 ? Optional.empty() : Optional.of(rows.getInt(1) / (double) finished);
            }
        }
    }

    /** The most recent finished runs, newest first, for the trend chart. */
    public List<AuditLog> recentFinished(int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT " + AuditRows.COLUMNS
                     + " FROM sync_audit_logs WHERE status <> 'in_progress' ORDER BY start_time DESC LIMIT ?")) {
            statement.setInt(1, limit);
            return AuditRows.runs(statement);
        }
    }

    /** Sellers still missing (or drifted) after the last verified run: the current gap count. */
    public int currentGapCount() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT jsonb_array_length(verification_result->'remainingGaps')
                       + jsonb_array_length(verification_result->'drift')
                     FROM sync_audit_logs WHERE status <> 'in_progress' AND verification_result IS NOT NULL
                     ORDER BY start_time DESC LIMIT 1""");
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    /** How many error log entries a run has per category; categories without entries are absent. */
    public Map<ErrorType, Integer> errorCountsByType(UUID runId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT error_type, count(*) FROM sync_error_logs WHERE audit_log_id = ? GROUP BY error_type")) {
            statement.setObject(1, runId);
            Map<ErrorType, Integer> counts = new EnumMap<>(ErrorType.class);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(ErrorType.fromCode(rows.getString(1)), rows.getInt(2));
                }
            }
            return counts;
        }
    }

    private Optional<AuditLog> first(String whereAndOrder) throws SQLException {
        return AuditRows.queryOne(dataSource, "SELECT " + AuditRows.COLUMNS + " FROM sync_audit_logs " + whereAndOrder,
                null);
    }
}
