package io.sheetsync.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Watches the service's database sessions ({@code application_name = 'sheet-sync'}) through one connection of the
 * test's, so a test can poll often while a run waits on a lock without opening a connection per look.
 */
public final class ServiceSessions implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement blockers;

    private ServiceSessions(Connection connection) throws SQLException {
        this.connection = connection;
        this.blockers = connection.prepareStatement("SELECT unnest(pg_blocking_pids(pid))::text FROM"
                + " pg_stat_activity WHERE datname = current_database() AND application_name = 'sheet-sync'"
                + " AND wait_event_type = 'Lock'");
    }

    public static ServiceSessions watch(TestDatabase database) throws SQLException {
        Connection connection = database.connect();
        try {
            return new ServiceSessions(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Process ids of the sessions a session of the service is waiting on, now. */
    public Set<String> blockers() throws SQLException {
        Set<String> pids = new TreeSet<>();
        try (ResultSet rows = blockers.executeQuery()) {
            while (rows.next()) {
                pids.add(rows.getString(1));
            }
        }
        return pids;
    }

    /** Whether a session of the service is waiting on a session of someone else's, now. */
    public boolean anyWaiting() throws SQLException {
        return !blockers().isEmpty();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
