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
 * be held there), {@code update} while its batch writes {@code sellers} (so only a sheet with a row that differs
 * from the database can be held there: a run writes nothing for unchanged rows), {@code verify} while it reads them
 * back (a valid row). Before its fetch the run is started but not yet executing, as a run queued behind others is.
 * The fetch (a file read) cannot be held and takes no time.
 */
public final class TimedRun implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(3);
    private static final String HOLDER = "timed-run-holder";

    private final TestService service;
    private final Connection monitor;
    private final Connection compareHolder;
    private final Connection sellersHolder;
    private final Connection readsHolder;

    private TimedRun(TestService service, TestDatabase database) throws SQLException {
        this.service = service;
        this.monitor = database.connect();
        this.compareHolder = holder(database);
        this.sellersHolder = holder(database);
        this.readsHolder = holder(database);
    }

    /** Timed runs of this service, with the test's connections open until {@link #close()}. */
    public static TimedRun on(TestService service, TestDatabase database) throws SQLException {
        return new TimedRun(service, database);
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
    public RunSummary run(Consumer<Duration> advance, Times times) throws Exception {
        Future<RunSummary> run = null;
        try {
            boolean holdCompare = times.compareMs() > 0;
            boolean holdSellers = times.updateMs() > 0 || times.verifyMs() > 0;
            if (holdCompare) {
                lock(compareHolder, "sync_record_logs", "SHARE");
            }
            if (holdSellers) {
                lock(sellersHolder, "sellers", "EXCLUSIVE");
            }

            SyncRun started = service.service().coordinator().begin(TriggerSource.MANUAL, null);
            advance.accept(Duration.ofMillis(times.beforeFetchMs()));
            run = CompletableFuture.supplyAsync(() -> (RunSummary) service.request("direct:sync-execute", started));

            if (holdCompare) {
                awaitWaiting(run, "sync_record_logs", "RowExclusiveLock", "compare");
                advance.accept(Duration.ofMillis(times.compareMs()));
                compareHolder.rollback();
            }
            if (holdSellers) {
                awaitWaiting(run, "sellers", "RowExclusiveLock", "update");
                advance.accept(Duration.ofMillis(times.updateMs()));
                if (times.verifyMs() > 0) {
                    holdVerify(run, advance, times.verifyMs());
                } else {
                    sellersHolder.rollback();
                }
            }
            return run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            for (Connection holder : List.of(compareHolder, sellersHolder, readsHolder)) {
                holder.rollback();
            }
            if (run != null && !run.isDone()) {
                // a failed assertion above must not leave the run, and its lock, behind for the next example
                run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /** Releases the test's connections. */
    @Override
    public void close() throws SQLException {
        for (Connection connection : List.of(compareHolder, sellersHolder, readsHolder, monitor)) {
            connection.close();
        }
    }

    /**
     * Verify reads {@code sellers}: a lock that blocks reads is queued behind the batch still waiting in update, so
     * the batch goes first and the verification waits behind it.
     */
    private void holdVerify(Future<RunSummary> run, Consumer<Duration> advance, long verifyMs) throws Exception {
        CompletableFuture<Void> queued = CompletableFuture.runAsync(() -> {
            try {
                lock(readsHolder, "sellers", "ACCESS EXCLUSIVE");
            } catch (SQLException e) {
                throw new IllegalStateException("the test could not lock sellers", e);
            }
        });
        awaitQueued(queued);
        sellersHolder.rollback();
        awaitWaiting(run, "sellers", "AccessShareLock", "verify");
        queued.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        advance.accept(Duration.ofMillis(verifyMs));
        readsHolder.rollback();
    }

    private static void lock(Connection holder, String table, String mode) throws SQLException {
        try (Statement statement = holder.createStatement()) {
            statement.execute("LOCK TABLE " + table + " IN " + mode + " MODE");
        }
    }

    private static Connection holder(TestDatabase database) throws SQLException {
        Connection connection = database.connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET application_name = '" + HOLDER + "'");
        }
        connection.setAutoCommit(false);
        return connection;
    }

    /** Waits until a session of the service waits for {@code mode} on {@code table}; fails if the run ends first. */
    private void awaitWaiting(Future<RunSummary> run, String table, String mode, String stage) {
        String sql = "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE NOT l.granted AND a.datname = current_database() AND a.application_name = 'sheet-sync'"
                + " AND l.locktype = 'relation' AND l.relation = '" + table + "'::regclass AND l.mode = '" + mode + "'";
        poll().until(() -> run.isDone() || waiting(sql));
        if (run.isDone()) {
            throw new AssertionError("the run ended without waiting in its " + stage + " stage: " + outcome(run));
        }
    }

    /** Waits until the test's read-blocking lock on sellers is queued behind the batch. */
    private void awaitQueued(Future<Void> lock) throws Exception {
        String sql = "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE NOT l.granted AND a.datname = current_database() AND a.application_name = '" + HOLDER + "'"
                + " AND l.relation = 'sellers'::regclass AND l.mode = 'AccessExclusiveLock'";
        poll().until(() -> lock.isDone() || waiting(sql));
        if (lock.isDone()) {
            lock.get();
            throw new AssertionError("the test's lock on sellers was granted at once: nothing held the update");
        }
    }

    private static ConditionFactory poll() {
        return await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(POLL);
    }

    private boolean waiting(String sql) throws SQLException {
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
}
