package io.sheetsync.alert;

import io.sheetsync.audit.AuditLog;
import io.sheetsync.audit.RunHistory;
import io.sheetsync.audit.RunStatus;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.metrics.Degradation;
import io.sheetsync.settings.ConfigChange;
import io.sheetsync.sync.ColumnVanishedException;
import io.sheetsync.sync.SourceShrunkException;
import io.sheetsync.sync.SyncRun;
import io.sheetsync.sync.RunExchange;
import io.sheetsync.verify.Verification;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides the alerts of a finished run and of the no-sync watchdog (seed SyncAlertService): applies the policy with
 * the thresholds in force, closes conditions that cleared, and hands the alerts to raise to the alert route.
 */
public final class AlertService {

    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);

    private final AlertPolicy policy;
    private final AlertRepository alerts;
    private final RunHistory history;
    private final ConfigProvider config;
    private final Clock clock;
    private final Instant startedAt;

    public AlertService(AlertPolicy policy, AlertRepository alerts, RunHistory history, ConfigProvider config,
                        Clock clock) {
        this.policy = policy;
        this.alerts = alerts;
        this.history = history;
        this.config = config;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /**
     * The alerts a run that just ended raises, its degradation warning among them; conditions it shows to be over are
     * resolved on the way.
     */
    public List<NewAlert> afterRun(@ExchangeProperty(RunExchange.RUN) SyncRun run,
                                   @ExchangeProperty(RunExchange.VERIFICATION) Verification verification,
                                   @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error,
                                   @ExchangeProperty(RunExchange.DEGRADATION) Degradation degradation)
            throws SQLException {
        SyncConfig.Alerts settings = config.current().alerts();
        RunOutcome outcome = new RunOutcome(run.id(), failure(run, verification, error), run.errorMessage(),
                run.errorKind(), verification, run.status() == RunStatus.COMPLETED ? 0 : history.consecutiveFailures(),
                error instanceof ColumnVanishedException vanished ? vanished.changes() : List.of());
        Set<String> cleared = policy.clearedBy(outcome, settings);
        int resolved = alerts.resolve(cleared);
        if (resolved > 0) {
            LOG.info("syncId={} resolved {} open alert(s): their condition cleared", run.id(), resolved);
        }
        List<NewAlert> raised = new ArrayList<>(policy.alertsFor(outcome, settings));
        if (degradation != null) {
            raised.add(policy.degraded(run.id(), degradation.ratio(), degradation.factor(),
                    degradation.bottleneck().code(), degradation.message()));
        }
        return raised;
    }

    /** The alert of a change through the config API (route {@code api-config-update}). */
    public NewAlert configChanged(@Body List<ConfigChange> changes) {
        return policy.configChanged(changes);
    }

    /** The watchdog's check: a high no_sync alert when no run completed for too long (counted from start-up at most). */
    public List<NewAlert> checkNoSync() throws SQLException {
        Instant since = history.lastCompleted().map(AuditLog::endTime).filter(end -> end.isAfter(startedAt))
                .orElse(startedAt);
        return policy.noSync(since, clock.instant(), config.current().alerts());
    }

    private static RunOutcome.Failure failure(SyncRun run, Verification verification, Throwable error) {
        if (run.status() == RunStatus.COMPLETED) {
            return RunOutcome.Failure.NONE;
        }
        if (error instanceof SourceShrunkException) {
            return RunOutcome.Failure.SOURCE_SHRUNK;
        }
        if (error instanceof ColumnVanishedException) {
            return RunOutcome.Failure.COLUMN_VANISHED;
        }
        if (error == null && verification != null && verification.needsResync()) {
            return RunOutcome.Failure.GAPS;
        }
        return RunOutcome.Failure.ERROR;
    }
}
