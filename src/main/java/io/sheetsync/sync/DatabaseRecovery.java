package io.sheetsync.sync;

import io.sheetsync.audit.ErrorType;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.recovery.RecoveryAction;
import io.sheetsync.recovery.RecoveryLog;
import io.sheetsync.recovery.RetryQueue;
import com.zaxxer.hikari.HikariDataSource;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.db.DatabaseUnavailableException;
import io.sheetsync.seller.Seller;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Recovery of a batch write (route {@code upsert-batch}, routeConfiguration {@code database-recovery}): a batch that
 * failed for a transient reason is retried once, after reconnecting when the connection was lost (the pool drops its
 * connections and hands out fresh ones, and the run's lock is taken again if its session died). A batch that fails
 * again while the database answers is set aside: its sellers are recorded as failed and queued, and the run goes on.
 * With the database unreachable the run fails, and the next run after recovery does the rest.
 */
public final class DatabaseRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRecovery.class);
    /** Set on the exchange when a reconnect failed: setting the batch aside would need the database too. */
    static final String UNREACHABLE = "sheetSyncDatabaseUnreachable";

    private final DataSource dataSource;
    private final ErrorClassifier classifier;
    private final RecoveryLog recoveryLog;
    private final RetryQueue queue;
    private final BatchUpsert upsert;
    private final ConfigProvider config;
    private final Clock clock;

    public DatabaseRecovery(DataSource dataSource, ErrorClassifier classifier, RecoveryLog recoveryLog, RetryQueue queue,
                            BatchUpsert upsert, ConfigProvider config, Clock clock) {
        this.dataSource = dataSource;
        this.classifier = classifier;
        this.recoveryLog = recoveryLog;
        this.queue = queue;
        this.upsert = upsert;
        this.config = config;
        this.clock = clock;
    }

    /** The {@code retryWhile} predicate: one retry for a transient failure, after reconnecting when needed. */
    public boolean retryBatch(Exchange exchange) {
        Throwable error = failure(exchange);
        int attempt = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        SyncRun run = exchange.getProperty(RunExchange.RUN, SyncRun.class);
        if (attempt > 1 || run == null || !classifier.isTransientDatabase(error)
                || run.control().stopRequest().isPresent() || !clock.instant().isBefore(run.control().deadline())) {
            return false;
        }
        Instant now = clock.instant();
        List<RecoveryAction> actions = new ArrayList<>();
        if (classifier.isConnectionLoss(error)) {
            LOG.warn("syncId={} database connection lost during a batch ({}); reconnecting", run.id(),
                    classifier.safeMessage(error));
            try {
                reconnect();
            } catch (SQLException e) {
                unreachable(exchange, run, error, e);
                return false;
            }
            actions.add(RecoveryAction.of(RecoveryAction.Kind.RECONNECTED,
                    "database connection lost (" + classifier.safeMessage(error) + "); reconnected", now));
            try {
                if (!lockStillHeld(run)) {
                    if (!run.retakeLock()) {
                        run.control().requestStop(StopRequest.lockLost(now));
                        LOG.error("syncId={} the sync lock was lost with its database session and another instance"
                                + " holds it now; this run stops", run.id());
                        recoveryLog.record(run.id(), actions);
                        return false;
                    }
                    actions.add(RecoveryAction.of(RecoveryAction.Kind.LOCK_REACQUIRED,
                            "the sync lock's database session ended; lock taken again on a new connection", now));
                }
            } catch (SQLException e) {
                unreachable(exchange, run, error, e);
                return false;
            }
        }
        long delay = Math.min(config.current().recovery().initialDelayMs(), 1_000);
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay);
        actions.add(RecoveryAction.of(RecoveryAction.Kind.BATCH_RETRIED, "batch of " + batchSize(exchange)
                + " seller(s) failed (" + classifier.safeMessage(error) + "); retried once", now));
        recoveryLog.record(run.id(), actions);
        LOG.warn("syncId={} retrying the batch once in {} ms", run.id(), delay);
        return true;
    }

    /**
     * The {@code continued} predicate, once the retry is used up: a transient failure with the database still
     * answering sets the batch aside (recorded as failed, queued for a retry) and the run goes on with the next batch;
     * anything else fails the run.
     */
    public boolean setAside(Exchange exchange) {
        Throwable error = failure(exchange);
        SyncRun run = exchange.getProperty(RunExchange.RUN, SyncRun.class);
        if (run == null || Boolean.TRUE.equals(exchange.getProperty(UNREACHABLE, Boolean.class))
                || !classifier.isTransientDatabase(error) || run.control().stopRequest().isPresent()) {
            return false;
        }
        @SuppressWarnings("unchecked")
        List<Seller> batch = exchange.getIn().getBody(List.class);
        if (batch == null || batch.isEmpty()) {
            return false;
        }
        List<String> keys = batch.stream().map(Seller::sellerNumber).toList();
        Instant now = clock.instant();
        try {
            String reason = "the database refused the batch twice: " + classifier.safeMessage(error);
            queue.enqueue(run.id(), keys, ErrorType.DATABASE, reason, now,
                    config.current().recovery().retryQueueDelayMinutes());
            upsert.setAside(run, batch, error);
        } catch (SQLException | RuntimeException e) {
            LOG.error("syncId={} a failed batch could not be set aside ({}); the run fails", run.id(),
                    classifier.safeMessage(e));
            return false;
        }
        LOG.error("syncId={} a batch of {} seller(s) failed twice ({}); set aside and queued for a retry, the run goes"
                + " on", run.id(), keys.size(), classifier.safeMessage(error));
        recoveryLog.record(run.id(), keys.stream().map(key -> RecoveryAction.forSeller(RecoveryAction.Kind.RECORD_QUEUED,
                key, "queued for a retry: the database refused its batch twice", now)).toList());
        return true;
    }

    /**
     * Drops the pool's connections (those in use are dropped when returned) and proves a fresh one works; the seed's
     * reconnectDatabase. Gives up when none works within the pool's connection timeout (SYNC_DB_TIMEOUT_SECONDS).
     */
    public void reconnect() throws SQLException {
        long timeoutNanos = 0;
        if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            hikari.getHikariPoolMXBean().softEvictConnections();
            timeoutNanos = TimeUnit.MILLISECONDS.toNanos(hikari.getConnectionTimeout());
        }
        // A connection the pool was opening when the sessions died joins it after the eviction, dead: a probe that
        // fails discards its connection, so the next one tries another, until the database has had its time.
        long started = System.nanoTime();
        while (true) {
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
                return;
            } catch (SQLException e) {
                if (System.nanoTime() - started >= timeoutNanos) {
                    throw e;
                }
            }
        }
    }

    /** The run fails with what happened: the connection was lost, and no new one could be made. */
    private void unreachable(Exchange exchange, SyncRun run, Throwable lost, SQLException reconnect) {
        exchange.setProperty(UNREACHABLE, true);
        DatabaseUnavailableException failure = new DatabaseUnavailableException("database unreachable: the connection"
                + " was lost (" + classifier.safeMessage(lost) + ") and no new one could be made within"
                + " SYNC_DB_TIMEOUT_SECONDS (" + classifier.safeMessage(reconnect) + ")", reconnect);
        failure.addSuppressed(lost);
        run.control().explainFailure(failure);
        LOG.error("syncId={} {}; the run fails, the next run after the database is back does the rest", run.id(),
                failure.getMessage());
    }

    private static boolean lockStillHeld(SyncRun run) {
        try {
            return run.onLockSession(session -> {
                try (Statement statement = session.createStatement()) {
                    statement.execute("SELECT 1");
                    return true;
                }
            });
        } catch (SQLException e) {
            return false;
        }
    }

    private static int batchSize(Exchange exchange) {
        List<?> batch = exchange.getIn().getBody(List.class);
        return batch == null ? 0 : batch.size();
    }

    private static Throwable failure(Exchange exchange) {
        return exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
}
