package io.sheetsync.dashboard;

import io.sheetsync.alert.Alert;
import io.sheetsync.alert.AlertRedaction;
import io.sheetsync.alert.AlertRepository;
import io.sheetsync.audit.AuditLog;
import io.sheetsync.audit.RunHistory;
import io.sheetsync.audit.RunStatus;
import io.sheetsync.sync.SyncCoordinator;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Gathers the dashboard (seed SyncHealthDashboardService): a handful of index-backed queries, so it answers quickly
 * however long the history is.
 */
public final class DashboardService {

    static final int RECENT_ALERTS = 10;
    static final int TREND_RUNS = 50;

    private final RunHistory history;
    private final AlertRepository alerts;
    private final SyncCoordinator coordinator;
    private final Supplier<Optional<Instant>> nextRun;
    private final Clock clock;

    /** @param nextRun when the next scheduled run fires ({@link io.sheetsync.sync.SyncSchedule#nextFireTime()}) */
    public DashboardService(RunHistory history, AlertRepository alerts, SyncCoordinator coordinator,
                            Supplier<Optional<Instant>> nextRun, Clock clock) {
        this.history = history;
        this.alerts = alerts;
        this.coordinator = coordinator;
        this.nextRun = nextRun;
        this.clock = clock;
    }

    /** @param errorText whether the reader may see a failed run's error text (admins), else its category only */
    public HealthDashboard dashboard(boolean errorText) throws SQLException {
        Instant now = clock.instant();
        Optional<AuditLog> lastSuccess = history.lastCompleted();
        Optional<AuditLog> lastFinished = history.lastFinished();
        List<Alert> recent = alerts.recent(RECENT_ALERTS, null).stream()
                .map(alert -> errorText ? alert : AlertRedaction.withoutErrorText(alert)).toList();
        int gaps = history.currentGapCount();
        List<HealthDashboard.TrendPoint> trend = new ArrayList<>();
        for (AuditLog run : history.recentFinished(TREND_RUNS)) {
            trend.add(new HealthDashboard.TrendPoint(run.startTime(), run.id().toString(), run.status().code(),
                    run.counts().succeeded(), run.counts().failed(),
                    run.endTime() == null ? 0 : Duration.between(run.startTime(), run.endTime()).toMillis()));
        }
        Collections.reverse(trend);
        HealthVerdict verdict = HealthVerdict.of(lastFinished,
                lastFinished.isPresent() && lastFinished.get().status() == RunStatus.FAILED
                        ? history.consecutiveFailures() : 0,
                gaps, recent, errorText);
        return new HealthDashboard(
                verdict.status(),
                verdict.reason(),
                lastSuccess.map(AuditLog::endTime).orElse(null),
                nextRun.get().orElse(null),
                history.successRate(now.minus(Duration.ofHours(24))).orElse(null),
                history.successRate(now.minus(Duration.ofDays(7))).orElse(null),
                gaps,
                recent,
                trend,
                coordinator.current().isPresent());
    }
}
