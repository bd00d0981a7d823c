package io.sheetsync.recovery;

import io.sheetsync.db.StorableText;
import io.sheetsync.db.UtcTime;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * All SQL on {@code sync_recovery_actions} and on the stop columns of {@code sync_audit_logs} (stop request, outcome).
 * Times are stored as UTC {@code TIMESTAMP}, as the audit log does.
 */
public final class RecoveryRepository {

    private final DataSource dataSource;

    public RecoveryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insertActions(UUID runId, List<RecoveryAction> actions) throws SQLException {
        if (actions.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     INSERT INTO sync_recovery_actions (audit_log_id, action, seller_number, detail, timestamp)
                     VALUES (?, ?, ?, ?, ?)""")) {
            for (RecoveryAction action : actions) {
                statement.setObject(1, runId);
                statement.setString(2, action.kind().code());
                statement.setString(3, action.sellerNumber());
                statement.setString(4, StorableText.of(action.detail()));
                statement.setObject(5, UtcTime.of(action.timestamp()));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * Records a stop request on a run still in progress (the first request wins). Returns the run's status, or empty
     * when there is no such run in progress.
     */
    public Optional<String> requestStop(UUID runId, StopRequest request) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     UPDATE sync_audit_logs SET stop_requested_at = COALESCE(stop_requested_at, ?),
                       stop_requested_by = COALESCE(stop_requested_by, ?)
                     WHERE id = ? AND status = 'in_progress' RETURNING status""")) {
            statement.setObject(1, UtcTime.of(request.at()));
            statement.setString(2, request.by());
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
    public Optional<StopRequest> stopRequest(Connection connection, UUID runId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT stop_requested_by, stop_requested_at FROM sync_audit_logs WHERE id = ?")) {
            statement.setObject(1, runId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next() || rows.getString(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(StopRequest.fromStored(rows.getString(1),
                        UtcTime.instant(rows.getObject(2, LocalDateTime.class))));
            }
        }
    }

    /** Writes why a stopped run ended (the status stays 'failed'). */
    public void recordOutcome(UUID runId, StopRequest.Reason outcome) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "UPDATE sync_audit_logs SET outcome = ? WHERE id = ?")) {
            statement.setString(1, outcome.code());
            statement.setObject(2, runId);
            statement.executeUpdate();
        }
    }
}
