package io.sheetsync.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What one run left in the audit tables ({@code sync_audit_logs}, {@code sync_record_logs}, {@code sync_error_logs}),
 * read straight from the database for a test to compare with its oracle. Timestamps are read as the UTC they hold.
 */
public final class AuditTables {

    private final TestDatabase database;

    public AuditTables(TestDatabase database) {
        this.database = database;
    }

    /** The run's {@code sync_audit_logs} row. */
    public record Run(String triggerSource, String status, Instant startTime, Instant endTime, int totalRecords,
                      int created, int updated, int unchanged, int successCount, int failureCount,
                      String verification, String errorMessage) {
    }

    /** One {@code sync_record_logs} row. */
    public record RecordRow(String sellerNumber, String operation, String result, String errorMessage) {

        @Override
        public String toString() {
            return sellerNumber + " " + operation + " " + result
                    + (errorMessage == null ? "" : " (" + errorMessage + ")");
        }
    }

    /** One {@code sync_error_logs} row. */
    public record ErrorRow(String sellerNumber, String message, String stackTrace, String type) {

        @Override
        public String toString() {
            return type + " seller=" + sellerNumber + " message=" + message
                    + (stackTrace == null ? " (no stack trace)" : " (stack trace)");
        }
    }

    public Optional<Run> run(UUID id) throws SQLException {
        try (Connection connection = database.pooled(); PreparedStatement statement = connection.prepareStatement("""
                SELECT trigger_source, status, start_time, end_time, total_records, created_count, updated_count,
                  unchanged_count, success_count, failure_count, verification_result::text, error_message
                FROM sync_audit_logs WHERE id = ?""")) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Run(rows.getString(1), rows.getString(2), utc(rows, 3), utc(rows, 4),
                        rows.getInt(5), rows.getInt(6), rows.getInt(7), rows.getInt(8), rows.getInt(9),
                        rows.getInt(10), rows.getString(11), rows.getString(12)));
            }
        }
    }

    public List<RecordRow> records(UUID run) throws SQLException {
        List<RecordRow> records = new ArrayList<>();
        try (Connection connection = database.pooled(); PreparedStatement statement = connection.prepareStatement(
                "SELECT seller_number, operation, result, error_message FROM sync_record_logs"
                        + " WHERE audit_log_id = ?")) {
            statement.setObject(1, run);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    records.add(new RecordRow(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4)));
                }
            }
        }
        return records;
    }

    public List<ErrorRow> errors(UUID run) throws SQLException {
        List<ErrorRow> errors = new ArrayList<>();
        try (Connection connection = database.pooled(); PreparedStatement statement = connection.prepareStatement(
                "SELECT seller_number, error_message, stack_trace, error_type FROM sync_error_logs"
                        + " WHERE audit_log_id = ?")) {
            statement.setObject(1, run);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    errors.add(new ErrorRow(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4)));
                }
            }
        }
        return errors;
    }

    private static Instant utc(ResultSet rows, int column) throws SQLException {
        LocalDateTime value = rows.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
