package io.sheetsync.housekeeping;

import io.sheetsync.support.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Writes past runs with rows in every table that hangs off a run, straight into a test database. */
final class OldRuns {

    /** How many rows of each kind a seeded run has. */
    static final int RECORD_LOGS = 3;
    static final int ERROR_LOGS = 2;
    static final int GAPS = 1;
    static final int RECOVERY_ACTIONS = 2;

    private final TestDatabase database;

    OldRuns(TestDatabase database) {
        this.database = database;
    }

    /** A run that started at {@code start} with the given status (in_progress: still running, no end). */
    UUID run(Instant start, String status) throws SQLException {
        UUID id = UUID.randomUUID();
        Instant end = start.plus(Duration.ofSeconds(40));
        try (Connection connection = database.pooled()) {
            execute(connection, "INSERT INTO sync_audit_logs (id, start_time, end_time, trigger_source, status)"
                    + " VALUES (?, ?, ?, 'scheduled', ?)", id, utc(start),
                    "in_progress".equals(status) ? null : utc(end), status);
            execute(connection, "INSERT INTO sync_record_logs (audit_log_id, seller_number, operation, result,"
                    + " timestamp) SELECT ?, 'AA' || g, 'update', 'success', ? FROM generate_series(1, "
                    + RECORD_LOGS + ") g", id, utc(start));
            execute(connection, "INSERT INTO sync_error_logs (audit_log_id, seller_number, error_message,"
                    + " error_type, timestamp) SELECT ?, 'AA' || g, 'row ' || g || ': bad date', 'validation', ?"
                    + " FROM generate_series(1, " + ERROR_LOGS + ") g", id, utc(start));
            execute(connection, "INSERT INTO sync_gaps (audit_log_id, seller_number, detected_at, resynced)"
                    + " SELECT ?, 'AA9' || g, ?, true FROM generate_series(1, " + GAPS + ") g", id, utc(start));
            execute(connection, "INSERT INTO sync_recovery_actions (audit_log_id, action, detail, timestamp)"
                    + " SELECT ?, 'reconnected', 'attempt ' || g, ? FROM generate_series(1, " + RECOVERY_ACTIONS
                    + ") g", id, utc(start));
        }
        return id;
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
