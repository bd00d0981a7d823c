package io.sheetsync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.audit.ErrorKind;
import io.sheetsync.audit.ErrorLog;
import io.sheetsync.audit.RunCounts;
import io.sheetsync.audit.RunLogWriter;
import io.sheetsync.audit.RunStatus;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.verify.Verification;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The last step of the sync route: ends the run as completed or failed, records it, and returns its summary. */
public final class RunEnd {

    private static final Logger LOG = LoggerFactory.getLogger(RunEnd.class);

    private final RunLogWriter audit;
    private final ErrorClassifier classifier;
    private final ObjectMapper json;
    private final ConfigProvider config;
    private final Clock clock;

    public RunEnd(RunLogWriter audit, ErrorClassifier classifier, ObjectMapper json, ConfigProvider config,
                  Clock clock) {
        this.audit = audit;
        this.classifier = classifier;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    /** Ends the run: completed unless sellers are still missing or drifted after the resync. Returns the summary. */
    public RunSummary complete(@ExchangeProperty(RunExchange.RUN) SyncRun run,
                               @ExchangeProperty(RunExchange.VERIFICATION) Verification verification)
            throws SQLException {
        if (verification.needsResync()) {
            List<String> unhealed = new ArrayList<>(verification.remainingGaps());
            verification.drift().stream().filter(key -> !unhealed.contains(key)).forEach(unhealed::add);
            return end(run, RunStatus.FAILED, unhealed.size() + " seller(s) in the sheet are not right in the database"
                    + " after the sync and its automatic resync: "
                    + String.join(", ", unhealed.subList(0, Math.min(unhealed.size(), 20))),
                    new ErrorKind(ErrorKind.GAPS, null), verification);
        }
        return end(run, RunStatus.COMPLETED, null, null, verification);
    }

    /**
     * Ends the run as failed because of an error: logs it with its category, never losing the reason. A run that was
     * asked to stop (cancel, time limit, shutdown) ends with that reason instead. With the database unreachable the
     * run still ends here; its outcome is written when the database is back (see RunGuard).
     */
    public RunSummary fail(@ExchangeProperty(RunExchange.RUN) SyncRun run,
                           @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error) throws SQLException {
        Optional<StopRequest> stop = run.control().stopRequest();
        if (error instanceof RunStoppedException || stop.isPresent()) {
            String reason = error instanceof RunStoppedException stopped ? stopped.getMessage()
                    : stop.get().message(config.current().runTimeoutMinutes());
            if (error instanceof RunStoppedException) {
                LOG.warn("syncId={} sync stopped: {}", run.id(), reason);
            } else {
                LOG.warn("syncId={} sync stopped: {} (the step in progress ended with: {})", run.id(), reason,
                        classifier.safeMessage(error));
            }
            return end(run, RunStatus.FAILED, reason, new ErrorKind(ErrorKind.STOPPED, null), null);
        }
        ErrorLog log = classifier.errorLog(null, run.control().failureExplanation().orElse(error), clock.instant());
        LOG.error("syncId={} sync failed ({} error{}): {}", run.id(), log.type().code(),
                log.sqlState() == null ? "" : ", SQLSTATE " + log.sqlState(), log.message());
        try {
            audit.insertErrorLogs(run.id(), List.of(log));
        } catch (SQLException e) {
            LOG.error("syncId={} the error log could not be written (database unreachable?): {}", run.id(),
                    classifier.safeMessage(e));
        }
        return end(run, RunStatus.FAILED, log.message(), log.kind(), null);
    }

    private RunSummary end(SyncRun run, RunStatus status, String error, ErrorKind kind, Verification verification)
            throws SQLException {
        Instant end = clock.instant();
        run.end(status, end, error, kind);
        RunCounts counts = run.counts();
        try {
            audit.complete(run.id(), status, end, counts, error, kind,
                    verification == null ? null : toJson(verification));
            run.control().recorded();
        } catch (SQLException e) {
            if (status == RunStatus.COMPLETED) {
                throw e; // the run is not done until its completion is recorded: it fails instead
            }
            LOG.error("syncId={} the end of the run could not be written (database unreachable?): {}; it is written"
                    + " when the database answers again", run.id(), classifier.safeMessage(e));
        }
        RunSummary summary = RunSummary.of(run, verification == null ? List.of() : verification.remainingGaps());
        if (status == RunStatus.COMPLETED) {
            LOG.info("syncId={} sync completed: {} created, {} updated, {} unchanged, {} failed", run.id(),
                    counts.created(), counts.updated(), counts.unchanged(), counts.failed());
        } else {
            LOG.error("syncId={} sync failed: {}", run.id(), error);
        }
        return summary;
    }

    private String toJson(Verification verification) {
        try {
            return json.writeValueAsString(verification);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a verification always serialises", e);
        }
    }
}
