package io.sheetsync.sync;

import io.sheetsync.audit.ErrorType;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.recovery.RecoveryAction;
import io.sheetsync.recovery.RecoveryLog;
import io.sheetsync.recovery.RetryQueue;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The decisions and the last step of the declared recovery of a batch write (routeConfiguration
 * {@code database-recovery} in routes/error-handling.camel.yaml): a batch that failed for a transient reason is
 * written once more while the run goes on ({@link BatchReconnect} reconnects first when the connection was lost), and
 * one that fails again while the database answers is set aside: its sellers are recorded as failed and queued, and the
 * run goes on with the next batch. With the database unreachable, or the run asked to stop, the run fails, and the next
 * run after recovery does the rest.
 */
public final class DatabaseRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRecovery.class);
    /** Set on the exchange when a reconnect failed: writing again, or setting the batch aside, would need it. */
    static final String UNREACHABLE = "sheetSyncDatabaseUnreachable";

    private final ErrorClassifier classifier;
    private final RecoveryLog recoveryLog;
    private final RetryQueue queue;
    private final BatchUpsert upsert;
    private final ConfigProvider config;
    private final Clock clock;

    public DatabaseRecovery(ErrorClassifier classifier, RecoveryLog recoveryLog, RetryQueue queue, BatchUpsert upsert,
                            ConfigProvider config, Clock clock) {
        this.classifier = classifier;
        this.recoveryLog = recoveryLog;
        this.queue = queue;
        this.upsert = upsert;
        this.config = config;
        this.clock = clock;
    }

    /** Whether the run goes on: no stop asked, within its time limit, and its database reachable. */
    public boolean runGoesOn(@ExchangeProperty(RunExchange.RUN) SyncRun run,
                             @ExchangeProperty(UNREACHABLE) Boolean unreachable) {
        return run != null && !Boolean.TRUE.equals(unreachable) && run.control().goesOn(clock.instant());
    }

    /** The {@code retryWhile}: a batch is written once more, while the run goes on. */
    public boolean mayRetry(@Header(Exchange.REDELIVERY_COUNTER) Integer attempt,
                            @ExchangeProperty(RunExchange.RUN) SyncRun run,
                            @ExchangeProperty(UNREACHABLE) Boolean unreachable) {
        return attempt != null && attempt <= 1 && runGoesOn(run, unreachable);
    }

    /**
     * The step once the retry failed too, while the run goes on: the batch is recorded as failed, seller by seller,
     * and queued for a retry, and the run goes on with the next batch. When that cannot be done the failure stands.
     */
    public void setAside(@ExchangeProperty(RunExchange.RUN) SyncRun run, @Body List<String> keys,
                         @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error) throws Exception {
        Instant now = clock.instant();
        try {
            String reason = "the database refused the batch twice: " + classifier.safeMessage(error);
            queue.enqueue(run.id(), keys, ErrorType.DATABASE, reason, now,
                    config.current().recovery().retryQueueDelayMinutes());
            upsert.setAside(run, keys, error);
        } catch (SQLException | RuntimeException e) {
            LOG.error("syncId={} a failed batch could not be set aside ({}); the run fails", run.id(),
                    classifier.safeMessage(e));
            error.addSuppressed(e);
            throw error;
        }
        LOG.error("syncId={} a batch of {} seller(s) failed twice ({}); set aside and queued for a retry, the run goes"
                + " on", run.id(), keys.size(), classifier.safeMessage(error));
        recoveryLog.record(run.id(), keys.stream().map(key -> RecoveryAction.forSeller(RecoveryAction.Kind.RECORD_QUEUED,
                key, "queued for a retry: the database refused its batch twice", now)).toList());
    }
}
