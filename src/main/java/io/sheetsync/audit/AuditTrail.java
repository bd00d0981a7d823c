package io.sheetsync.audit;

import io.sheetsync.db.UtcTime;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The audit trail as the API reads it: one run, runs matching a query, a run's record and error logs a page at a
 * time, and the history of one seller.
 */
public final class AuditTrail {

    /** Runs that logged a record or an error for one seller (two parameters: the seller number twice). */
    private static final String RUNS_OF_SELLER = """
            id IN (SELECT audit_log_id FROM sync_record_logs WHERE seller_number = ?
                   UNION SELECT audit_log_id FROM sync_error_logs WHERE seller_number = ?)""";

    private final DataSource dataSource;

    public AuditTrail(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One run, if it exists. */
    public Optional<AuditLog> find(UUID id) throws SQLException {
        return AuditRows.queryOne(dataSource, "SELECT " + AuditRows.COLUMNS + " FROM sync_audit_logs WHERE id = ?", id);
    }

    /** The runs matching every filter of the query, newest first. */
    public List<AuditLog> query(AuditQuery query) throws SQLException {
        Sql sql = select(query);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.text())) {
            sql.bind(statement);
            return AuditRows.runs(statement);
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
        return new Sql("SELECT " + AuditRows.COLUMNS + " FROM sync_audit_logs" + where
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
                     SELECT %s FROM sync_error_logs
                     WHERE audit_log_id = ? ORDER BY timestamp, id LIMIT ? OFFSET ?""".formatted(AuditRows.ERROR_LOG_COLUMNS))) {
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
            List<AuditLog> runs;
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + AuditRows.COLUMNS
                    + " FROM sync_audit_logs WHERE " + RUNS_OF_SELLER + " ORDER BY start_time DESC LIMIT ?")) {
                statement.setString(1, sellerNumber);
                statement.setString(2, sellerNumber);
                statement.setInt(3, limit);
                runs = AuditRows.runs(statement);
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
                                .add(AuditRows.readRecordLog(rows, 2));
                    }
                }
            }
            Map<UUID, List<ErrorLog>> errors = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT audit_log_id, %s
                    FROM sync_error_logs WHERE seller_number = ? AND audit_log_id = ANY(?) ORDER BY timestamp, id"""
                    .formatted(AuditRows.ERROR_LOG_COLUMNS))) {
                statement.setString(1, sellerNumber);
                statement.setArray(2, ids);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        errors.computeIfAbsent(rows.getObject(1, UUID.class), id -> new ArrayList<>())
                                .add(AuditRows.readErrorLog(rows, 2));
                    }
                }
            }
            return runs.stream().map(run -> new SellerRun(run, records.getOrDefault(run.id(), List.of()),
                    errors.getOrDefault(run.id(), List.of()))).toList();
        }
    }

    private static List<RecordLog> readRecordLogs(PreparedStatement statement) throws SQLException {
        List<RecordLog> logs = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                logs.add(AuditRows.readRecordLog(rows, 1));
            }
        }
        return logs;
    }

    private static List<ErrorLog> readErrorLogs(PreparedStatement statement) throws SQLException {
        List<ErrorLog> logs = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                logs.add(AuditRows.readErrorLog(rows, 1));
            }
        }
        return logs;
    }
}
