package io.sheetsync.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The "one sync at a time" guarantee across every process sharing the database: a PostgreSQL session advisory lock,
 * held on a dedicated connection for the whole run. If the process dies, PostgreSQL ends the session and frees it.
 */
public final class SyncLock {

    /** Arbitrary but fixed: every sheet-sync instance must agree on it. ASCII "shtsync" as a number. */
    static final long LOCK_KEY = 0x73_68_74_73_79_6E_63L;

    private static final Logger LOG = LoggerFactory.getLogger(SyncLock.class);

    private final DataSource dataSource;

    public SyncLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the lock if no one holds it; the returned handle releases it on close. */
    public Optional<Held> tryAcquire() throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                if (result.getBoolean(1)) {
                    return Optional.of(new Held(connection));
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    /** A held lock. Closing it unlocks and returns the connection to the pool. */
    public static final class Held implements AutoCloseable {
        private final Connection connection;
        private boolean released;

        private Held(Connection connection) {
            this.connection = connection;
        }

        @Override
        public synchronized void close() {
            if (released) {
                return;
            }
            released = true;
            try (connection; PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                statement.setLong(1, LOCK_KEY);
                statement.execute();
            } catch (SQLException e) {
                // The session is gone with the connection, and PostgreSQL released the lock with it.
                LOG.warn("sync lock: unlock failed ({}); the lock ends with the database session", e.getMessage());
            }
        }
    }
}
