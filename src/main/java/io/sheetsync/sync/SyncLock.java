package io.sheetsync.sync;

import io.sheetsync.db.AdvisoryLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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
        try {
            if (AdvisoryLock.tryTake(connection, LOCK_KEY)) {
                return Optional.of(new Held(connection, dataSource));
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    /** What {@link Held#retake} found: writers that lost their connections together may all ask, and one retakes. */
    public enum Retake {
        /** The lock's session was alive: nothing was done (another writer may have retaken it a moment before). */
        STILL_HELD,
        /** The session had died; the lock is held again on a new connection. */
        RETAKEN,
        /** The session had died and another instance holds the lock now; nothing is held. */
        TAKEN_BY_ANOTHER
    }

    /** A statement run on the lock's own session. */
    @FunctionalInterface
    public interface SessionQuery<T> {
        T apply(Connection session) throws SQLException;
    }

    /**
     * A held lock. Closing it unlocks and returns the connection to the pool.
     *
     * <p>The lock lives as long as its database session: if that connection dies (PostgreSQL restarted, backend
     * terminated), the lock is gone with it. {@link #query} notices (it fails), and {@link #retake} takes the lock
     * again on a fresh connection unless another instance took it meanwhile.
     */
    public static final class Held implements AutoCloseable {
        private final DataSource dataSource;
        private Connection connection;
        private boolean released;

        private Held(Connection connection, DataSource dataSource) {
            this.connection = connection;
            this.dataSource = dataSource;
        }

        /** Runs a query on the lock's session; an SQLException here means the session (and the lock) may be gone. */
        public synchronized <T> T query(SessionQuery<T> query) throws SQLException {
            return query.apply(connection);
        }

        /**
         * After the lock's session may have died: takes the lock again on a new connection, unless the session turns
         * out to be alive or another instance holds the lock now (then nothing is kept).
         */
        public synchronized Retake retake() throws SQLException {
            try (Statement probe = connection.createStatement()) {
                probe.execute("SELECT 1");
                return Retake.STILL_HELD;
            } catch (SQLException dead) {
                // the failed statement makes the pool discard the connection
                closeQuietly(connection);
            }
            SQLException failure = null;
            // other pooled connections may have died with it (a restart): each failed try discards one
            for (int attempt = 0; attempt < 3; attempt++) {
                Connection fresh = dataSource.getConnection();
                try {
                    if (AdvisoryLock.tryTake(fresh, LOCK_KEY)) {
                        connection = fresh;
                        return Retake.RETAKEN;
                    }
                    fresh.close();
                    return Retake.TAKEN_BY_ANOTHER;
                } catch (SQLException e) {
                    closeQuietly(fresh);
                    failure = e;
                }
            }
            throw failure;
        }

        private static void closeQuietly(Connection connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                // it is dead already; the pool discards it
            }
        }

        @Override
        public synchronized void close() {
            if (released) {
                return;
            }
            released = true;
            Connection session = connection;
            try (session; PreparedStatement statement = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                statement.setLong(1, LOCK_KEY);
                statement.execute();
            } catch (SQLException e) {
                // The session is gone with the connection, and PostgreSQL released the lock with it.
                LOG.warn("sync lock: unlock failed ({}); the lock ends with the database session", e.getMessage());
            }
        }
    }
}
