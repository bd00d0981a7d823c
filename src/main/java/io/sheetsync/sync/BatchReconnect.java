package io.sheetsync.sync;

import com.zaxxer.hikari.HikariDataSource;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.db.ConnectionLostException;
import io.sheetsync.db.Database;
import io.sheetsync.db.DatabaseUnavailableException;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.recovery.RecoveryAction;
import io.sheetsync.recovery.RecoveryLog;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
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
 * The first step of the declared database recovery ({@code onExceptionOccurredRef} of routeConfiguration
 * {@code database-recovery}), right after a batch write failed for a transient reason and before the retry is decided:
 * when the connection was lost, the pool drops its connections and proves a fresh one works (the seed's
 * reconnectDatabase), and the run's lock is taken again if its session died; the retry to come is recorded. What it
 * finds decides the retry: a database that cannot be reached, or a lock another instance took meanwhile, leaves
 * {@link DatabaseRecovery#runGoesOn} false, so the run fails instead of writing again.
 */
public final class BatchReconnect implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchReconnect.class);

    private final DataSource dataSource;
    private final ErrorClassifier classifier;
    private final RecoveryLog recoveryLog;
    private final ConfigProvider config;
    private final Clock clock;

    public BatchReconnect(DataSource dataSource, ErrorClassifier classifier, RecoveryLog recoveryLog,
                          ConfigProvider config, Clock clock) {
        this.dataSource = dataSource;
        this.classifier = classifier;
        this.recoveryLog = recoveryLog;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        SyncRun run = exchange.getProperty(RunExchange.RUN, SyncRun.class);
        int attempt = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        // only after the first failure: the batch is written once more at most
        if (run == null || attempt > 1) {
            return;
        }
        Instant now = clock.instant();
        List<RecoveryAction> actions = new ArrayList<>();
        try {
            if (lostConnection(error)) {
                reconnect(run, error, now, actions);
            }
        } catch (SQLException e) {
            unreachable(exchange, run, error, e);
            recoveryLog.record(run.id(), actions);
            return;
        }
        if (run.control().goesOn(clock.instant())) {
            actions.add(RecoveryAction.of(RecoveryAction.Kind.BATCH_RETRIED, "batch of " + batchSize(exchange)
                    + " seller(s) failed (" + classifier.safeMessage(error) + "); retried once", now));
            long delay = config.batchRetryDelayMillis();
            // Camel takes the wait from this header before the retry: read from the settings in force, where a
            // placeholder in the route would have been read once, when the route was built
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay);
            LOG.warn("syncId={} retrying the batch once in {} ms", run.id(), delay);
        }
        recoveryLog.record(run.id(), actions);
    }

    /** A fresh connection, and the run's lock on it when its session died; a lock another instance took stops the run. */
    private void reconnect(SyncRun run, Throwable lost, Instant now, List<RecoveryAction> actions) throws SQLException {
        LOG.warn("syncId={} database connection lost during a batch ({}); reconnecting", run.id(),
                classifier.safeMessage(lost));
        reconnect();
        actions.add(RecoveryAction.of(RecoveryAction.Kind.RECONNECTED,
                "database connection lost (" + classifier.safeMessage(lost) + "); reconnected", now));
        // every writer caught by the same restart gets here; the lock is retaken (and recorded) by the first only
        switch (run.retakeLock()) {
            case STILL_HELD -> { }
            case RETAKEN -> actions.add(RecoveryAction.of(RecoveryAction.Kind.LOCK_REACQUIRED,
                    "the sync lock's database session ended; lock taken again on a new connection", now));
            case TAKEN_BY_ANOTHER -> {
                run.control().requestStop(StopRequest.lockLost(now));
                LOG.error("syncId={} the sync lock was lost with its database session and another instance holds it"
                        + " now; this run stops", run.id());
            }
        }
    }

    /**
     * Drops the pool's connections (those in use are dropped when returned) and proves a fresh one works. Gives up
     * when none works within the pool's connection timeout (SYNC_DB_TIMEOUT_SECONDS).
     */
    void reconnect() throws SQLException {
        long timeoutNanos = 0;
        Database.dropConnections(dataSource);
        if (dataSource instanceof HikariDataSource hikari) {
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
        exchange.setProperty(DatabaseRecovery.UNREACHABLE, true);
        DatabaseUnavailableException failure = new DatabaseUnavailableException("database unreachable: the connection"
                + " was lost (" + classifier.safeMessage(lost) + ") and no new one could be made within"
                + " SYNC_DB_TIMEOUT_SECONDS (" + classifier.safeMessage(reconnect) + ")", reconnect);
        failure.addSuppressed(lost);
        run.control().explainFailure(failure);
        LOG.error("syncId={} {}; the run fails, the next run after the database is back does the rest", run.id(),
                failure.getMessage());
    }

    private static boolean lostConnection(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectionLostException) {
                return true;
            }
        }
        return false;
    }

    private static int batchSize(Exchange exchange) {
        List<?> batch = exchange.getIn().getBody(List.class);
        return batch == null ? 0 : batch.size();
    }
}
