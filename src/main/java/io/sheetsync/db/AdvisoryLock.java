package io.sheetsync.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A PostgreSQL session advisory lock, the way every instance sharing the database agrees that only one of them does a
 * thing (a sync, housekeeping): held by the session of one connection, freed by PostgreSQL when that session ends.
 */
public final class AdvisoryLock {

    private AdvisoryLock() {
    }

    /**
     * Takes the lock {@code key} on {@code connection} if no session holds it. The connection stays open either way:
     * the caller keeps it while it holds the lock, or closes it.
     */
    public static boolean tryTake(Connection connection, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }
}
