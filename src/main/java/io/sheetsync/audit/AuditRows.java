package io.sheetsync.audit;

import io.sheetsync.db.UtcTime;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * How the read side maps rows of {@code sync_audit_logs}, {@code sync_record_logs} and {@code sync_error_logs}.
 *
 * <p>The seed schema stores times as {@code TIMESTAMP} without zone: they are read as UTC.
 */
final class AuditRows {

    /** The columns {@link #read} expects, in order. */
    static final String COLUMNS = """
            id, trigger_source, status, start_time, end_time, total_records, valid_row_count, created_count,
            updated_count, unchanged_count, failure_count, source, error_message, verification_result::text, outcome,
            triggered_by, error_type, error_sqlstate""";

    private AuditRows() {
    }

    /** A run from the {@link #COLUMNS}. */
    static AuditLog read(ResultSet rows) throws SQLException {
        RunStatus status = RunStatus.fromCode(rows.getString(3));
        return new AuditLog(
                rows.getObject(1, UUID.class),
                TriggerSource.fromCode(rows.getString(2)),
                status,
                UtcTime.instant(rows.getObject(4, LocalDateTime.class)),
                UtcTime.instant(rows.getObject(5, LocalDateTime.class)),
                new RunCounts(rows.getInt(6), rows.getInt(7), rows.getInt(8), rows.getInt(9), rows.getInt(10),
                        rows.getInt(11)),
                rows.getString(12),
                rows.getString(13),
                status == RunStatus.FAILED ? ErrorKind.stored(rows.getString(17), rows.getString(18)) : null,
                rows.getString(14),
                rows.getString(15),
                rows.getString(16));
    }

    /** A record log from five columns starting at {@code first}: seller, operation, result, message, time. */
    static RecordLog readRecordLog(ResultSet rows, int first) throws SQLException {
        return new RecordLog(rows.getString(first),
                RecordLog.Operation.valueOf(rows.getString(first + 1).toUpperCase(java.util.Locale.ROOT)),
                "success".equals(rows.getString(first + 2)), rows.getString(first + 3),
                UtcTime.instant(rows.getObject(first + 4, LocalDateTime.class)));
    }

    /** The columns of {@code sync_error_logs} {@link #readErrorLog} expects, in order. */
    static final String ERROR_LOG_COLUMNS = "seller_number, error_message, stack_trace, error_type, sqlstate, timestamp";

    /** An error log from the six {@link #ERROR_LOG_COLUMNS} starting at {@code first}. */
    static ErrorLog readErrorLog(ResultSet rows, int first) throws SQLException {
        return new ErrorLog(rows.getString(first), rows.getString(first + 1), rows.getString(first + 2),
                ErrorType.fromCode(rows.getString(first + 3)), rows.getString(first + 4),
                UtcTime.instant(rows.getObject(first + 5, LocalDateTime.class)));
    }

    /** Every run a prepared statement selecting the {@link #COLUMNS} returns, in its order. */
    static List<AuditLog> runs(PreparedStatement statement) throws SQLException {
        List<AuditLog> runs = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                runs.add(read(rows));
            }
        }
        return runs;
    }

    /** The first run a query returns; {@code id} is its one parameter, or null when it has none. */
    static Optional<AuditLog> queryOne(DataSource dataSource, String sql, UUID id) throws SQLException {
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
}
