package io.sheetsync.support;

import io.sheetsync.audit.TriggerSource;
import io.sheetsync.sync.RunSummary;
import io.sheetsync.sync.SyncRun;
import org.awaitility.core.ConditionFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;

/**
 * Runs one sync whose stages take the times a test chooses, on a clock the test moves: the run is held inside a stage
 * by a table lock of the test's that the stage must wait for, the clock is moved while it waits, then the lock goes.
 * With a clock that otherwise stands still, each stage takes exactly its chosen time and the run exactly their sum.
 *
 * <p>Where a run is held: {@code compare} while it logs the rows it sets aside (so only a sheet with invalid rows can
 * be held there), {@code update} while its batch writes {@code sellers}, {@code verify} while it reads them back (both
 * need a valid row). Before its fetch the run is started but not yet executing, as a run queued behind others is.
 * The fetch (a file read) cannot be held and takes no time.
 */
public final class TimedRun {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(3);
    private static final String HOLDER = "timed-run-holder";

    private TimedRun() {
    }

    /**
     * Milliseconds a run spends before its fetch and in three of its stages.
     *
     * @param beforeFetchMs from the run's start to its fetch
     * @param compareMs     in compare; more than 0 only for a sheet with invalid rows
     * @param updateMs      in update; more than 0 only for a sheet with a valid row
     * @param verifyMs      in verify; more than 0 only for a sheet with a valid row
     */
    public record Times(long beforeFetchMs, long compareMs, long updateMs, long verifyMs) {

        public Times {
            if (beforeFetchMs < 0 || compareMs < 0 || updateMs < 0 || verifyMs < 0) {
                throw new IllegalArgumentException("a stage cannot take negative time");
            }
        }

        /** From the run's start to its end. */
        public long totalMs() {
            return beforeFetchMs + compareMs + updateMs + verifyMs;
        }

        @Override
        public String toString() {
            return "before fetch " + beforeFetchMs + " ms, compare " + compareMs + " ms, update " + updateMs
                    + " ms, verify " + verifyMs + " ms";
        }
    }

    /**
     * Runs a manual sync to its end, moving the clock by {@code times} while the run waits in each stage.
     *
     * @param advance moves the service's clock forward (e.g. {@code clock::advance})
     */
    public static RunSummary run(TestService service, TestDatabase database, Consumer<Duration> advance, Times times)
            throws Exception {
        List<Connection> holders = new ArrayList<>();
        Future<RunSummary> run = null;
        try (Connection monitor = database.connect()) {
            Connection compare = times.compareMs() > 0 ? lock(database, holders, "sync_record_logs", "SHARE") : null;
            boolean holdSellers = times.updateMs() > 0 || times.verifyMs() > 0;
            Connection sellers = holdSellers ? lock(database, holders, "sellers", "EXCLUSIVE") : null;

            SyncRun started = service.service().coordinator().begin(TriggerSource.MANUAL);
            advance.accept(Duration.ofMillis(times.beforeFetchMs()));
            run = CompletableFuture.supplyAsync(() -> (RunSummary) service.request("direct:sync-execute", started));

            if (compare != null) {
                awaitWaiting(monitor, run, "sync_record_logs", "RowExclusiveLock", "compare");
                advance.accept(Duration.ofMillis(times.compareMs()));
                compare.rollback();
            }
            if (sellers != null) {
                awaitWaiting(monitor, run, "sellers", "RowExclusiveLock", "update");
                advance.accept(Duration.ofMillis(times.updateMs()));
                if (times.verifyMs() > 0) {
                    holdVerify(database, holders, monitor, run, sellers, advance, times.verifyMs());
                } else {
                    sellers.rollback();
                }
            }
            return run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            for (Connection holder : holders) {
                release(holder);
            }
            if (run != null && !run.isDone()) {
                // a failed assertion above must not leave the run, and its lock, behind for the next example
                run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Verify reads {@code sellers}: a lock that blocks reads is queued behind the batch still waiting in update, so
     * the batch goes first and the verification waits behind it.
     */
    private static void holdVerify(TestDatabase database, List<Connection> holders, Connection monitor,
                                   Future<RunSummary> run, Connection sellers, Consumer<Duration> advance,
                                   long verifyMs) throws Exception {
        Connection reads = connect(database, holders);
        CompletableFuture<Void> queued = CompletableFuture.runAsync(() -> {
            try (Statement statement = reads.createStatement()) {
                statement.execute("LOCK TABLE sellers IN ACCESS EXCLUSIVE MODE");
            } catch (SQLException e) {
                throw new IllegalStateException("the test could not lock sellers", e);
            }
        });
        awaitQueued(monitor, queued);
        sellers.rollback();
        awaitWaiting(monitor, run, "sellers", "AccessShareLock", "verify");
        queued.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        advance.accept(Duration.ofMillis(verifyMs));
        reads.rollback();
    }

    private static Connection lock(TestDatabase database, List<Connection> holders, String table, String mode)
            throws SQLException {
        Connection connection = connect(database, holders);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE " + table + " IN " + mode + " MODE");
        }
        return connection;
    }

    private static Connection connect(TestDatabase database, List<Connection> holders) throws SQLException {
        Connection connection = database.connect();
        holders.add(connection);
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET application_name = '" + HOLDER + "'");
        }
        return connection;
    }

    /** Waits until a session of the service waits for {@code mode} on {@code table}; fails if the run ends first. */
    private static void awaitWaiting(Connection monitor, Future<RunSummary> run, String table, String mode,
                                     String stage) {
        String sql = "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE NOT l.granted AND a.datname = current_database() AND a.application_name = 'sheet-sync'"
                + " AND l.locktype = 'relation' AND l.relation = '" + table + "'::regclass AND l.mode = '" + mode + "'";
        poll().until(() -> run.isDone() || waiting(monitor, sql));
        if (run.isDone()) {
            throw new AssertionError("the run ended without waiting in its " + stage + " stage: " + outcome(run));
        }
    }

    /** Waits until the test's read-blocking lock on sellers is queued behind the batch. */
    private static void awaitQueued(Connection monitor, Future<Void> lock) throws Exception {
        String sql = "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE NOT l.granted AND a.datname = current_database() AND a.application_name = '" + HOLDER + "'"
                + " AND l.relation = 'sellers'::regclass AND l.mode = 'AccessExclusiveLock'";
        poll().until(() -> lock.isDone() || waiting(monitor, sql));
        if (lock.isDone()) {
            lock.get();
            throw new AssertionError("the test's lock on sellers was granted at once: nothing held the update");
        }
    }

    private static ConditionFactory poll() {
        return await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(POLL);
    }

    private static boolean waiting(Connection monitor, String sql) throws SQLException {
        try (PreparedStatement statement = monitor.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }

    private static String outcome(Future<RunSummary> run) {
        try {
            RunSummary summary = run.get(0, TimeUnit.SECONDS);
            return summary.status() + (summary.error() == null ? "" : " (" + summary.error() + ")");
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            return String.valueOf(e);
        }
    }

    private static void release(Connection holder) {
        try (holder) {
            holder.rollback();
        } catch (SQLException ignored) {
            // the lock goes with the connection either way
        }
    }
}
