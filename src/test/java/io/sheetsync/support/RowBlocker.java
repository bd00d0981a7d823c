package io.sheetsync.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;

/**
 * Holds a seller row locked in an open transaction of the test's, so that a run writing that seller waits inside its
 * batch, mid-run, for as long as the test wants: deterministic "in the middle of batch N" without sleeps. Also finds
 * and disturbs the service's database sessions ({@code application_name = 'sheet-sync'}).
 */
public final class RowBlocker implements AutoCloseable {

    private static final String SYNC_LOCK_HOLDERS = " FROM pg_locks WHERE locktype = 'advisory' AND granted"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private final TestDatabase database;
    private final Connection connection;

    private RowBlocker(TestDatabase database) throws SQLException {
        this.database = database;
        this.connection = database.connect();
        connection.setAutoCommit(false);
    }

    /** Inserts the seller without committing: a run inserting the same seller waits for this transaction. */
    public static RowBlocker insert(TestDatabase database, String sellerNumber) throws SQLException {
        RowBlocker blocker = new RowBlocker(database);
        try (PreparedStatement statement = blocker.connection.prepareStatement(
                "INSERT INTO sellers (seller_number, name, inquiry_date, raw) VALUES (?, 'blocker', '2024-01-01', '{}')")) {
            statement.setString(1, sellerNumber);
            statement.executeUpdate();
        }
        return blocker;
    }

    /**
     * Changes a stored seller as another writer would (name, version + 1, updated_at = now) without committing: a
     * run updating the same seller waits, and sees the change once the test commits.
     */
    public static RowBlocker update(TestDatabase database, String sellerNumber, String name) throws SQLException {
        RowBlocker blocker = new RowBlocker(database);
        try (PreparedStatement statement = blocker.connection.prepareStatement(
                "UPDATE sellers SET name = ?, version = version + 1, updated_at = now() WHERE seller_number = ?")) {
            statement.setString(1, name);
            statement.setString(2, sellerNumber);
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("no seller " + sellerNumber + " to block");
            }
        }
        return blocker;
    }

    /** Waits until a session of the service waits on a lock (i.e. on this row). */
    public void awaitWaiter() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> !waiters().isEmpty());
    }

    /**
     * Waits until a session of the service waits on a lock (i.e. on this row). Fails at once with the run's own error
     * when the run ended instead.
     */
    public void awaitWaiter(Future<?> run) throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> run.isDone() || !waiters().isEmpty());
        if (waiters().isEmpty()) {
            run.get();
            throw new AssertionError("the run ended without ever waiting on the blocked row");
        }
    }

    /** Process ids of the service's sessions waiting on a lock in this database. */
    public List<String> waiters() {
        return database.query("SELECT pid::text FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name = 'sheet-sync' AND wait_event_type = 'Lock'");
    }

    /** Cancels the statements of the service's sessions waiting on a lock (they fail with SQL state 57014). */
    public void cancelWaiters() {
        database.query("SELECT pg_cancel_backend(pid)::text FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name = 'sheet-sync' AND wait_event_type = 'Lock'");
    }

    /**
     * Terminates every session of the service in this database, as a PostgreSQL restart would (SQL state 57P01).
     * Works while the database refuses new connections too.
     */
    public static void terminateServiceSessions(TestDatabase database) {
        database.executeAsAdmin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + database.name() + "' AND application_name = 'sheet-sync'");
    }

    public void commit() throws SQLException {
        connection.commit();
    }

    public void rollback() throws SQLException {
        connection.rollback();
    }

    @Override
    public void close() throws SQLException {
        try (connection) {
            connection.rollback();
        }
    }

    /** Whether any session holds the sync's advisory lock in this database. */
    public static boolean syncLockHeld(TestDatabase database) {
        return syncLockHolders(database) > 0;
    }

    /** How many sessions hold an advisory lock in this database (the sync lock is the only one). */
    public static int syncLockHolders(TestDatabase database) {
        return Integer.parseInt(database.query("SELECT count(*)" + SYNC_LOCK_HOLDERS).get(0));
    }

    /** Ends the session holding the sync lock (and only it), and waits until PostgreSQL has freed the lock. */
    public static void terminateSyncLockSession(TestDatabase database) {
        List<String> ended = database.query("SELECT pg_terminate_backend(pid)::text" + SYNC_LOCK_HOLDERS);
        if (!ended.equals(List.of("true"))) {
            throw new AssertionError("expected to end the one session holding the sync lock, ended " + ended);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !syncLockHeld(database));
    }
}
