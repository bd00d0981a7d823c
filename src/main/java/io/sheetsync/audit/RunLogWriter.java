package io.sheetsync.audit;

import io.sheetsync.db.CsvCopy;
import io.sheetsync.db.OrderedIds;
import io.sheetsync.db.StorableText;
import io.sheetsync.db.UtcTime;
import io.sheetsync.seller.SheetColumns;
import io.sheetsync.sheet.SheetField;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a run writes to its audit trail: the start row, record and error logs as it goes, stop requests, and its end
 * (or, for runs a dead process left behind, their abandonment).
 *
 * <p>The seed schema stores times as {@code TIMESTAMP} without zone: they are written as UTC.
 */
public final class RunLogWriter {

    private final DataSource dataSource;

    public RunLogWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes the start row of a run and returns its id (the syncId of the API).
     *
     * @param triggeredBy who started it through the API, or null
     */
    public UUID insertStart(TriggerSource trigger, Instant startTime, String source, String triggeredBy)
            throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     INSERT INTO sync_audit_logs (id, start_time, trigger_source, status, source, created_at, updated_at,
                       triggered_by)
                     VALUES (?, ?, ?, 'in_progress', ?, ?, ?, ?)""")) {
            statement.setObject(1, id);
            statement.setObject(2, UtcTime.of(startTime));
            statement.setString(3, trigger.code());
            statement.setString(4, StorableText.of(source));
            statement.setObject(5, UtcTime.of(startTime));
            statement.setObject(6, UtcTime.of(startTime));
            statement.setString(7, triggeredBy);
            statement.executeUpdate();
        }
        return id;
    }

    /**
     * Writes the end of a run: status, end time, counts, the failure reason and its kind (both null for a completed
     * run) and the verification JSON.
     */
    public void complete(UUID id, RunStatus status, Instant endTime, RunCounts counts, String errorMessage,
                         ErrorKind errorKind, String verificationJson) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     UPDATE sync_audit_logs SET status = ?, end_time = ?, total_records = ?, valid_row_count = ?,
                       created_count = ?, updated_count = ?, unchanged_count = ?, success_count = ?, failure_count = ?,
                       error_message = ?, verification_result = ?::jsonb, updated_at = ?, error_type = ?,
                       error_sqlstate = ?
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
            statement.setString(13, errorKind == null ? null : errorKind.category());
            statement.setString(14, errorKind == null ? null : errorKind.sqlState());
            statement.setObject(15, id);
            statement.executeUpdate();
        }
    }

    /** Records which mapped columns the run's sheet had, and which held values: what the next run's guard compares. */
    public void insertSheetColumns(UUID runId, SheetColumns columns) throws SQLException {
        if (columns.headers().isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "INSERT INTO sync_sheet_columns (audit_log_id, field, header, filled) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<SheetField, String> column : columns.headers().entrySet()) {
                statement.setObject(1, runId);
                statement.setString(2, column.getKey().id());
                statement.setString(3, StorableText.of(column.getValue()));
                statement.setBoolean(4, columns.isFilled(column.getKey()));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * Appends record logs in the caller's transaction, so they commit exactly with the data they describe; in one COPY,
     * since a run that creates a whole sheet writes one per row. Their ids are {@link OrderedIds}: appended to the
     * primary key's last page, not spread over all of it.
     */
    public void insertRecordLogs(Connection connection, UUID runId, List<RecordLog> logs) throws SQLException {
        if (logs.isEmpty()) {
            return;
        }
        CsvCopy rows = CsvCopy.rows(logs.size());
        String run = runId.toString();
        for (RecordLog log : logs) {
            rows.add(OrderedIds.next().toString(), run, log.sellerNumber(), log.operation().code(),
                    log.success() ? "success" : "failure", log.errorMessage(), UtcTime.of(log.timestamp()).toString());
        }
        rows.copy(connection, """
                COPY sync_record_logs (id, audit_log_id, seller_number, operation, result, error_message, timestamp)
                FROM STDIN WITH (FORMAT csv)""");
    }

    /** Appends record logs in a transaction of their own. */
    public void insertRecordLogs(UUID runId, List<RecordLog> logs) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            insertRecordLogs(connection, runId, logs);
        }
    }

    /**
     * Appends error logs in the caller's transaction, in one COPY: a batch's errors commit with the batch, so a batch
     * written again after its connection was lost never leaves a committed write without its errors.
     */
    public void insertErrorLogs(Connection connection, UUID runId, List<ErrorLog> logs) throws SQLException {
        if (logs.isEmpty()) {
            return;
        }
        CsvCopy rows = CsvCopy.rows(logs.size());
        String run = runId.toString();
        for (ErrorLog log : logs) {
            rows.add(run, log.sellerNumber(), log.message(), log.stackTrace(), log.type().code(), log.sqlState(),
                    UtcTime.of(log.timestamp()).toString());
        }
        rows.copy(connection, """
                COPY sync_error_logs (audit_log_id, seller_number, error_message, stack_trace, error_type, sqlstate,
                  timestamp) FROM STDIN WITH (FORMAT csv)""");
    }

    /** Appends error logs in a transaction of their own. */
    public void insertErrorLogs(UUID runId, List<ErrorLog> logs) throws SQLException {
        if (logs.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            insertErrorLogs(connection, runId, logs);
        }
    }

    /**
     * Marks every run still in progress as failed. Only call while holding the sync lock: then no run is alive
     * anywhere, and an in-progress row can only be the leftover of a process that died.
     */
    public int failAbandoned(Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     UPDATE sync_audit_logs SET status = 'failed', end_time = ?, updated_at = ?, error_type = 'stopped',
                       error_message = 'abandoned: the process running it stopped before it finished'
                     WHERE status = 'in_progress'""")) {
            statement.setObject(1, UtcTime.of(now));
            statement.setObject(2, UtcTime.of(now));
            return statement.executeUpdate();
        }
    }

    /** A stop request as stored on the run's row: who asked (a role, {@code shutdown}, {@code timeout}) and when. */
    public record StopMark(String by, Instant at) {
    }

    /**
     * Records a stop request on a run still in progress (the first request wins). Returns the run's status, or empty
     * when there is no such run in progress.
     */
    public Optional<String> requestStop(UUID runId, String by, Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     UPDATE sync_audit_logs SET stop_requested_at = COALESCE(stop_requested_at, ?),
                       stop_requested_by = COALESCE(stop_requested_by, ?)
                     WHERE id = ? AND status = 'in_progress' RETURNING status""")) {
            statement.setObject(1, UtcTime.of(at));
            statement.setString(2, by);
            statement.setObject(3, runId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * The stop request recorded for a run, read on the given connection (the run's lock session: a query that
     * answers there also proves the session, and so the lock, is still alive).
     */
    public Optional<StopMark> stopMark(Connection connection, UUID runId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT stop_requested_by, stop_requested_at FROM sync_audit_logs WHERE id = ?")) {
            statement.setObject(1, runId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next() || rows.getString(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(new StopMark(rows.getString(1),
                        UtcTime.instant(rows.getObject(2, LocalDateTime.class))));
            }
        }
    }

    /** Writes why a stopped run ended (the status stays 'failed'): an outcome code of {@code sync_audit_logs}. */
    public void recordOutcome(UUID runId, String outcome) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "UPDATE sync_audit_logs SET outcome = ? WHERE id = ?")) {
            statement.setString(1, outcome);
            statement.setObject(2, runId);
            statement.executeUpdate();
        }
    }
}
