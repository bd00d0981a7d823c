package io.sheetsync.recovery;

import io.sheetsync.db.RunRows;
import io.sheetsync.db.StorableText;
import io.sheetsync.db.UtcTime;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * All SQL on {@code sync_recovery_actions} (the stop columns of {@code sync_audit_logs} are the audit's
 * {@code RunLogWriter}'s). Times are stored as UTC {@code TIMESTAMP}, as the audit log does.
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

    /** The recovery actions of the runs as JSON documents, by run (housekeeping's archive; caller's transaction). */
    public Map<UUID, List<String>> actionsAsJson(Connection connection, Collection<UUID> runs) throws SQLException {
        return RunRows.json(connection, """
                SELECT r.audit_log_id, row_to_json(r)::text FROM sync_recovery_actions r WHERE r.audit_log_id = ANY(?)
                ORDER BY r.timestamp, r.id""", runs);
    }

    public int deleteActions(Connection connection, Collection<UUID> runs) throws SQLException {
        return RunRows.update(connection, "DELETE FROM sync_recovery_actions WHERE audit_log_id = ANY(?)", runs);
    }
}
