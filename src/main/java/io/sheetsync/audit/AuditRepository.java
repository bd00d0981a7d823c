package io.sheetsync.audit;

import io.sheetsync.db.StorableText;
import io.sheetsync.db.UtcTime;
import io.sheetsync.recovery.ErrorType;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * All SQL on {@code sync_audit_logs}, {@code sync_record_logs} and {@code sync_error_logs}.
 *
 * <p>The seed schema stores times as {@code TIMESTAMP} without zone: they are written and read as UTC.
 */
public final class AuditRepository {

    private static final String COLUMNS = """
            id, trigger_source, status, start_time, end_time, total_records, valid_row_count, created_count,
            updated_count, unchanged_count, failure_count, source, error_message, verification_result::text, outcome""";

    /** Runs that logged a record or an error for one seller (two parameters: the seller number twice). */
    private static final String RUNS_OF_SELLER = """
            id IN (SELECT audit_log_id FROM sync_record_logs WHERE seller_number = ?
                   UNION SELECT audit_log_id FROM sync_error_logs WHERE seller_number = ?)""";

    private final DataSource dataSource;

    public AuditRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the start row of a run and returns its id (the syncId of the API). */
    public UUID insertStart(TriggerSource trigger, Instant startTime, String source) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     INSERT INTO sync_audit_logs (id, start_time, trigger_source, status, source, created_at, updated_at)
                     VALUES (?, ?, ?, 'in_progress', ?, ?, ?)""")) {
            statement.setObject(1, id);
            statement.setObject(2, UtcTime.of(startTime));
            statement.setString(3, trigger.code());
            statement.setString(4, StorableText.of(source));
            statement.setObject(5, UtcTime.of(startTime));
            statement.setObject(6, UtcTime.of(startTime));
            statement.executeUpdate();
        }
        return id;
    }

    /** Writes the end of a run: status, end time, counts, the failure reason (or null) and the verification JSON. */
    public void complete(UUID id, RunStatus status, Instant endTime, RunCounts counts, String errorMessage,
                         String verificationJson) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     UPDATE sync_audit_logs SET status = ?, end_time = ?, total_records = ?, valid_row_count = ?,
                       created_count = ?, updated_count = ?, unchanged_count = ?, success_count = ?, failure_count = ?,
                       error_message = ?, verification_result = ?::jsonb, updated_at = ?
                     WHERE id = ?""")) {
            statement.setString(1, status.code());
            statement.setObject(2, UtcTime.of(endTime));
            statement.setInt(3, counts.total());
            statement.setInt(4, counts.validRows());
            statement.setInt(5, counts.created());
            statement.setInt(6, counts.updated());
            statement.setInt(7, counts.unchanged());
            statement.setInt(8, counts.succeeded());
            statement.setInt(9, counts.failed());
            statement.setString(10, StorableText.of(errorMessage));
            if (verificationJson == null) {
                statement.setNull(11, Types.VARCHAR);
            } else {
                statement.setString(11, verificationJson);
            }
            statement.setObject(12, UtcTime.of(endTime));
            statement.setObject(13, id);
            statement.executeUpdate();
        }
    }

    /** Appends record logs in the caller's transaction, so they commit exactly with the data they describe. */
    public void insertRecordLogs(Connection connection, UUID runId, List<RecordLog> logs) throws SQLException {
        if (logs.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO sync_record_logs (audit_log_id, seller_number, operation, result, error_message, timestamp)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (RecordLog log : logs) {
                statement.setObject(1, runId);
                statement.setString(2, StorableText.of(log.sellerNumber()));
                statement.setString(3, log.operation().code());
                statement.setString(4, log.success() ? "success" : "failure");
                statement.setString(5, StorableText.of(log.errorMessage()));
                statement.setObject(6, UtcTime.of(log.timestamp()));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Appends record logs in a transaction of their own. */
    public void insertRecordLogs(UUID runId, List<RecordLog> logs) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            insertRecordLogs(connection, runId, logs);
        }
    }

    public void insertErrorLogs(UUID runId, List<ErrorLog> logs) throws SQLException {
        if (logs.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     INSERT INTO sync_error_logs (audit_log_id, seller_number, error_message, stack_trace, error_type,
                       timestamp) VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (ErrorLog log : logs) {
                statement.setObject(1, runId);
                statement.setString(2, StorableText.of(log.sellerNumber()));
                statement.setString(3, StorableText.of(log.message()));
                statement.setString(4, StorableText.of(log.stackTrace()));
                statement.setString(5, log.type().code());
                statement.setObject(6, UtcTime.of(log.timestamp()));
                statement.addBatch();
            }
            statement.executeBatch();
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

    public Optional<AuditLog> find(UUID id) throws SQLException {
        return queryOne("SELECT " + COLUMNS + " FROM sync_audit_logs WHERE id = ?", id);
    }

    /** The runs matching every filter of the query, newest first. */
    public List<AuditLog> query(AuditQuery query) throws SQLException {
        Sql sql = select(query);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.text())) {
            sql.bind(statement);
            List<AuditLog> logs = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    logs.add(read(rows));
                }
            }
            return logs;
        }
    }

    /** A statement and its parameters, in order. */
    record Sql(String text, List<Object> params) {

        void bind(PreparedStatement statement) throws SQLException {
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
        }
    }

    /**
     * The statement of an audit query: each filter given adds one parameterised condition, so every query the API can
     * ask is served by an index (start time, status and start time, seller number of the record and error logs).
     */
    static Sql select(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (query.from() != null) {
            conditions.add("start_time >= ?");
            params.add(UtcTime.of(query.from()));
        }
        if (query.before() != null) {
            conditions.add("start_time < ?");
            params.add(UtcTime.of(query.before()));
        }
        if (query.success() != null) {
            conditions.add("status = ?");
            params.add(query.success() ? RunStatus.COMPLETED.code() : RunStatus.FAILED.code());
        }
        if (query.sellerNumber() != null) {
            conditions.add(RUNS_OF_SELLER);
            params.add(query.sellerNumber());
            params.add(query.sellerNumber());
        }
        params.add(query.limit());
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return new Sql("SELECT " + COLUMNS + " FROM sync_audit_logs" + where
                + " ORDER BY start_time DESC LIMIT ?", params);
    }

    /** The record logs of a run in the order they were written, a page at a time. */
    public List<RecordLog> recordLogs(UUID runId, int limit, int offset) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT seller_number, operation, result, error_message, timestamp FROM sync_record_logs
                     WHERE audit_log_id = ? ORDER BY timestamp, seller_number, id LIMIT ? OFFSET ?""")) {
            statement.setObject(1, runId);
            statement.setInt(2, limit);
            statement.setInt(3, offset);
            return readRecordLogs(statement);
        }
    }

    /** The error logs of a run in the order they were written, a page at a time. */
    public List<ErrorLog> errorLogs(UUID runId, int limit, int offset) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT seller_number, error_message, stack_trace, error_type, timestamp FROM sync_error_logs
                     WHERE audit_log_id = ? ORDER BY timestamp, id LIMIT ? OFFSET ?""")) {
            statement.setObject(1, runId);
            statement.setInt(2, limit);
            statement.setInt(3, offset);
            return readErrorLogs(statement);
        }
    }

    /** How many record logs and error logs a run has. */
    public LogCounts logCounts(UUID runId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT (SELECT count(*) FROM sync_record_logs WHERE audit_log_id = ?),
                            (SELECT count(*) FROM sync_error_logs WHERE audit_log_id = ?)""")) {
            statement.setObject(1, runId);
            statement.setObject(2, runId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new LogCounts(rows.getLong(1), rows.getLong(2));
            }
        }
    }

    /** The sizes of a run's record and error logs. */
    public record LogCounts(long records, long errors) {
    }

    /**
     * Every run that logged a record or an error for a seller, newest first, with those logs: "what happened to
     * AA12679?". {@code sellerNumber} is already normalised.
     */
    public List<SellerRun> sellerHistory(String sellerNumber, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<AuditLog> runs = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM sync_audit_logs WHERE " + RUNS_OF_SELLER + " ORDER BY start_time DESC LIMIT ?")) {
                statement.setString(1, sellerNumber);
                statement.setString(2, sellerNumber);
                statement.setInt(3, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        runs.add(read(rows));
                    }
                }
            }
            if (runs.isEmpty()) {
                return List.of();
            }
            Array ids = connection.createArrayOf("uuid", runs.stream().map(AuditLog::id).toArray());
            Map<UUID, List<RecordLog>> records = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT audit_log_id, seller_number, operation, result, error_message, timestamp
                    FROM sync_record_logs WHERE seller_number = ? AND audit_log_id = ANY(?)
                    ORDER BY timestamp, id""")) {
                statement.setString(1, sellerNumber);
                statement.setArray(2, ids);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        records.computeIfAbsent(rows.getObject(1, UUID.class), id -> new ArrayList<>())
                                .add(readRecordLog(rows, 2));
                    }
                }
            }
            Map<UUID, List<ErrorLog>> errors = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT audit_log_id, seller_number, error_message, stack_trace, error_type, timestamp
                    FROM sync_error_logs WHERE seller_number = ? AND audit_log_id = ANY(?) ORDER BY timestamp, id""")) {
                statement.setString(1, sellerNumber);
                statement.setArray(2, ids);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        errors.computeIfAbsent(rows.getObject(1, UUID.class), id -> new ArrayList<>())
                                .add(readErrorLog(rows, 2));
                    }
                }
            }
            return runs.stream().map(run -> new SellerRun(run, records.getOrDefault(run.id(), List.of()),
                    errors.getOrDefault(run.id(), List.of()))).toList();
        }
    }

    /** The most recent run that has ended, whatever its outcome. */
    public Optional<AuditLog> lastFinished() throws SQLException {
        return queryOne("SELECT " + COLUMNS + " FROM sync_audit_logs WHERE status <> 'in_progress'"
                + " ORDER BY start_time DESC LIMIT 1", null);
    }

    /** The most recent completed run: the shrink guard and "last successful sync" compare against it. */
    public Optional<AuditLog> lastCompleted() throws SQLException {
        return queryOne("SELECT " + COLUMNS + " FROM sync_audit_logs WHERE status = 'completed'"
                + " ORDER BY end_time DESC NULLS LAST LIMIT 1", null);
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
             PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM sync_audit_logs"
                     + " WHERE status <> 'in_progress' ORDER BY start_time DESC LIMIT ?")) {
            statement.setInt(1, limit);
            List<AuditLog> logs = new java.util.ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    logs.add(read(rows));
                }
            }
            return logs;
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

    /** A run still marked in progress, if any (possibly another instance's). */
    public Optional<AuditLog> inProgress() throws SQLException {
        return queryOne("SELECT " + COLUMNS + " FROM sync_audit_logs WHERE status = 'in_progress'"
                + " ORDER BY start_time DESC LIMIT 1", null);
    }

    /**
     * Marks every run still in progress as failed. Only call while holding the sync lock: then no run is alive
     * anywhere, and an in-progress row can only be the leftover of a process that died.
     */
    public int failAbandoned(Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     UPDATE sync_audit_logs SET status = 'failed', end_time = ?, updated_at = ?,
                       error_message = 'abandoned: the process running it stopped before it finished'
                     WHERE status = 'in_progress'""")) {
            statement.setObject(1, UtcTime.of(now));
            statement.setObject(2, UtcTime.of(now));
            return statement.executeUpdate();
        }
    }

    private Optional<AuditLog> queryOne(String sql, UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (id != null) {
                statement.setObject(1, id);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private static List<RecordLog> readRecordLogs(PreparedStatement statement) throws SQLException {
        List<RecordLog> logs = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                logs.add(readRecordLog(rows, 1));
            }
        }
        return logs;
    }

    /** A record log from five columns starting at {@code first}: seller, operation, result, message, time. */
    private static RecordLog readRecordLog(ResultSet rows, int first) throws SQLException {
        return new RecordLog(rows.getString(first),
                RecordLog.Operation.valueOf(rows.getString(first + 1).toUpperCase(java.util.Locale.ROOT)),
                "success".equals(rows.getString(first + 2)), rows.getString(first + 3),
                UtcTime.instant(rows.getObject(first + 4, LocalDateTime.class)));
    }

    private static List<ErrorLog> readErrorLogs(PreparedStatement statement) throws SQLException {
        List<ErrorLog> logs = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                logs.add(readErrorLog(rows, 1));
            }
        }
        return logs;
    }

    /** An error log from five columns starting at {@code first}: seller, message, stack trace, type, time. */
    private static ErrorLog readErrorLog(ResultSet rows, int first) throws SQLException {
        return new ErrorLog(rows.getString(first), rows.getString(first + 1), rows.getString(first + 2),
                ErrorType.fromCode(rows.getString(first + 3)), UtcTime.instant(rows.getObject(first + 4, LocalDateTime.class)));
    }

    private static AuditLog read(ResultSet rows) throws SQLException {
        return new AuditLog(
                rows.getObject(1, UUID.class),
                TriggerSource.fromCode(rows.getString(2)),
                RunStatus.fromCode(rows.getString(3)),
                UtcTime.instant(rows.getObject(4, LocalDateTime.class)),
                UtcTime.instant(rows.getObject(5, LocalDateTime.class)),
                new RunCounts(rows.getInt(6), rows.getInt(7), rows.getInt(8), rows.getInt(9), rows.getInt(10),
                        rows.getInt(11)),
                rows.getString(12),
                rows.getString(13),
                rows.getString(14),
                rows.getString(15));
    }

}
