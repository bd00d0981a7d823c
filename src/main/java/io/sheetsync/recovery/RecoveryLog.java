package io.sheetsync.recovery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Logs every recovery action twice: one log line, and one row in the run's audit log ({@code sync_recovery_actions}).
 * A row that cannot be written (the database failed again) is not worth failing the run for: the log line stays.
 */
public final class RecoveryLog {

    private static final Logger LOG = LoggerFactory.getLogger(RecoveryLog.class);

    private final RecoveryRepository repository;
    private final ErrorClassifier classifier;
    private final LostConnectionRetry retry;

    /** @param pool the pool {@code repository} writes through */
    public RecoveryLog(RecoveryRepository repository, ErrorClassifier classifier, DataSource pool) {
        this.repository = repository;
        this.classifier = classifier;
        this.retry = new LostConnectionRetry(classifier, pool);
    }

    public void record(UUID runId, List<RecoveryAction> actions) {
        if (actions.isEmpty()) {
            return;
        }
        if (actions.size() <= 20) {
            actions.forEach(action -> log(runId, action));
        } else {
            // A queue of thousands synced at once: one line for the lot, the rows carry each seller
            RecoveryAction first = actions.get(0);
            LOG.info("syncId={} recovery {} x{}: {} (first: sellerNumber={})", runId, first.kind().code(),
                    actions.size(), first.detail(), first.sellerNumber());
        }
        try {
            retry.run(() -> {
                repository.insertActions(runId, actions);
                return actions.size();
            });
        } catch (SQLException e) {
            LOG.warn("syncId={} {} recovery action(s) could not be written to the audit log: {}", runId, actions.size(),
                    classifier.safeMessage(e));
        }
    }

    public void record(UUID runId, RecoveryAction action) {
        record(runId, List.of(action));
    }

    private static void log(UUID runId, RecoveryAction action) {
        if (action.kind().warns()) {
            LOG.warn("syncId={} recovery {}: {}", runId, action.kind().code(), action.detail());
        } else if (action.sellerNumber() == null) {
            LOG.info("syncId={} recovery {}: {}", runId, action.kind().code(), action.detail());
        } else {
            LOG.info("syncId={} sellerNumber={} recovery {}: {}", runId, action.sellerNumber(), action.kind().code(),
                    action.detail());
        }
    }
}
