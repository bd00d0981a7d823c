package io.sheetsync.sync;

import io.sheetsync.audit.ErrorType;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.recovery.LostConnectionRetry;
import io.sheetsync.recovery.RecoveryAction;
import io.sheetsync.recovery.RecoveryLog;
import io.sheetsync.recovery.RetryQueue;
import io.sheetsync.seller.BatchOutcome;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What happens to the sellers a batch could not write for a transient reason (the seed's handlePartialFailures): after each
 * batch, sellers that lost an optimistic lock are queued for a retry, queued sellers the batch did write leave the
 * queue (a recovery action each), and conflicts resolved by timestamp are logged. Between runs, {@link #dueForRetry} tells the retry schedule when queued sellers are due before the next scheduled run.
 */
public final class PartialFailures {

    private static final Logger LOG = LoggerFactory.getLogger(PartialFailures.class);

    private final RetryQueue queue;
    private final RecoveryLog recoveryLog;
    private final ErrorClassifier classifier;
    private final LostConnectionRetry retry;
    private final ConfigProvider config;
    private final Clock clock;

    /** @param pool the pool {@code queue} writes through */
    public PartialFailures(RetryQueue queue, RecoveryLog recoveryLog, ErrorClassifier classifier, DataSource pool,
                           ConfigProvider config, Clock clock) {
        this.queue = queue;
        this.recoveryLog = recoveryLog;
        this.classifier = classifier;
        this.retry = new LostConnectionRetry(classifier, pool);
        this.config = config;
        this.clock = clock;
    }

    /** The step after each batch write. Its own failures are logged, never fail the run: the batch is committed. */
    public void afterBatch(@ExchangeProperty(RunExchange.RUN) SyncRun run, @Body BatchOutcome outcome) {
        Instant now = clock.instant();
        List<RecoveryAction> actions = new ArrayList<>();
        for (BatchOutcome.Conflict conflict : outcome.resolved()) {
            String detail = describe(conflict);
            LOG.warn("syncId={} sellerNumber={} conflict: {}", run.id(), conflict.sellerNumber(), detail);
            actions.add(RecoveryAction.forSeller(RecoveryAction.Kind.CONFLICT_RESOLVED, conflict.sellerNumber(), detail,
                    now));
        }
        try {
            if (!outcome.conflicts().isEmpty()) {
                int delayMinutes = config.current().recovery().retryQueueDelayMinutes();
                retry.run(() -> {
                    queue.enqueue(run.id(), outcome.conflicts(), ErrorType.DATABASE, "version conflict: the stored row"
                            + " changed while the sync wrote it", now, delayMinutes);
                    return outcome.conflicts().size();
                });
                outcome.conflicts().forEach(key -> actions.add(RecoveryAction.forSeller(RecoveryAction.Kind.RECORD_QUEUED,
                        key, "queued for a retry after a version conflict", now)));
            }
            Collection<String> done = new ArrayList<>(outcome.created());
            done.addAll(outcome.updated());
            done.addAll(outcome.unchanged());
            for (RetryQueue.Entry entry : retry.run(() -> queue.resolve(done))) {
                actions.add(RecoveryAction.forSeller(RecoveryAction.Kind.QUEUED_RECORD_SYNCED, entry.sellerNumber(),
                        "queued record synced after " + entry.attempts() + " failed attempt(s) (" + entry.reason() + ")",
                        now));
            }
        } catch (SQLException e) {
            LOG.warn("syncId={} the retry queue could not be updated after a batch: {}; the next run writes these"
                    + " sellers anyway", run.id(), classifier.safeMessage(e));
        }
        recoveryLog.record(run.id(), actions);
    }

    /**
     * The retry schedule's tick (route {@code retry-queue}): whether queued sellers are due (with early retries left,
     * SYNC_RETRY_MAX), so that a run starts now instead of waiting for the next scheduled one.
     */
    public boolean dueForRetry() throws SQLException {
        int due = queue.due(clock.instant(), config.current().recovery().retryMax());
        if (due > 0) {
            LOG.info("{} queued seller(s) are due for a retry: starting a sync early", due);
        }
        return due > 0;
    }

    static String describe(BatchOutcome.Conflict conflict) {
        String sheet = conflict.sheetUpdatedAt() == null ? "(no updated_at in the sheet)"
                : "at " + conflict.sheetUpdatedAt();
        return switch (conflict.winner()) {
            case DATABASE -> "changed in the database at " + conflict.databaseUpdatedAt() + " and in the sheet " + sheet
                    + "; kept the database version, the more recent";
            case SHEET -> "changed in the database at " + conflict.databaseUpdatedAt() + " and in the sheet " + sheet
                    + "; applied the sheet" + (conflict.sheetUpdatedAt() == null ? ", the source of truth when it has"
                    + " no timestamp" : ", the more recent");
        };
    }
}
