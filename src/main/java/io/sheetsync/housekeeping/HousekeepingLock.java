package io.sheetsync.housekeeping;

import io.sheetsync.db.AdvisoryLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * "One instance does it": a PostgreSQL session advisory lock of its own (not the sync's, so housekeeping and a sync
 * never wait for each other), held on a dedicated connection while housekeeping runs. If the process dies, PostgreSQL
 * ends the session and frees the lock.
 */
final class HousekeepingLock {

    /** Every sheet-sync instance must agree on it: ASCII "shthouse" as a number. */
    static final long LOCK_KEY = 0x73_68_74_68_6F_75_73_65L;

    private static final Logger LOG = LoggerFactory.getLogger(HousekeepingLock.class);

    private final DataSource dataSource;

    HousekeepingLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the lock if no one holds it; the returned handle releases it on close. */
    Optional<Held> tryAcquire() throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            if (AdvisoryLock.tryTake(connection, LOCK_KEY)) {
                return Optional.of(new Held(connection));
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    /** The held lock; closing it unlocks and returns the connection to the pool. */
    static final class Held implements AutoCloseable {
        private final Connection session;

        private Held(Connection session) {
            this.session = session;
        }

        @Override
        public void close() {
            try (session; PreparedStatement statement = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                statement.setLong(1, LOCK_KEY);
                statement.execute();
            } catch (SQLException e) {
                LOG.warn("housekeeping lock: unlock failed ({}); the lock ends with the database session",
                        e.getMessage());
            }
        }
    }
}
