package io.sheetsync.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a statement over the rows of many runs at once, on the caller's connection (its transaction): housekeeping
 * reads and removes a batch of runs table by table, each table's class holding its own SQL. The statement takes the
 * runs' ids as its one parameter, a {@code uuid[]}.
 */
public final class RunRows {

    private RunRows() {
    }

    /**
     * The rows of the runs as JSON documents, by run: {@code sql} answers {@code (audit_log_id, json text)}, in the
     * order the lists should keep.
     */
    public static Map<UUID, List<String>> json(Connection connection, String sql, Collection<UUID> runs)
            throws SQLException {
        Map<UUID, List<String>> byRun = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, ids(connection, runs));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byRun.computeIfAbsent(rows.getObject(1, UUID.class), run -> new ArrayList<>())
                            .add(rows.getString(2));
                }
            }
        }
        return byRun;
    }

    /** Runs an update or delete over the runs' rows and answers how many rows it changed. */
    public static int update(Connection connection, String sql, Collection<UUID> runs) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, ids(connection, runs));
            return statement.executeUpdate();
        }
    }

    private static Array ids(Connection connection, Collection<UUID> runs) throws SQLException {
        return connection.createArrayOf("uuid", runs.toArray());
    }
}
