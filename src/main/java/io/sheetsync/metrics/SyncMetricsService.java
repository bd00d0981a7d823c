package io.sheetsync.metrics;

import io.sheetsync.audit.AuditLog;
import io.sheetsync.audit.ErrorType;
import io.sheetsync.audit.RunHistory;
import io.sheetsync.audit.RunStatus;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.sync.RunExchange;
import io.sheetsync.sync.SyncRun;
import io.sheetsync.sync.SyncStage;
import io.sheetsync.verify.Verification;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records the metrics of every run when it ends (the last step of {@code routes/sync.camel.yaml}): stores them in
 * {@code sync_metrics}, updates the Prometheus meters, and warns about a run slower than the recent ones. Recording
 * never fails a run: a problem here is logged and the run's outcome stands.
 */
public final class SyncMetricsService {

    private static final Logger LOG = LoggerFactory.getLogger(SyncMetricsService.class);

    private final MetricsRepository repository;
    private final RunHistory history;
    private final SyncMeters meters;
    private final DegradationDetector detector;
    private final ConfigProvider config;
    private final Clock clock;

    public SyncMetricsService(MetricsRepository repository, RunHistory history, SyncMeters meters,
                              DegradationDetector detector, ConfigProvider config, Clock clock) {
        this.repository = repository;
        this.history = history;
        this.meters = meters;
        this.detector = detector;
        this.config = config;
        this.clock = clock;
    }

    public SyncMeters meters() {
        return meters;
    }

    /** Counts the gaps verification found; leaves the message body as it is. */
    public void gapsDetected(@ExchangeProperty(RunExchange.VERIFICATION) Verification verification) {
        meters.gapsDetected(verification == null ? 0 : verification.gapsDetected().size());
    }

    /**
     * The route's step when a run ends (completed or failed): metrics stored, meters updated, degradation checked. A
     * degraded run leaves its {@link Degradation} on the exchange ({@value RunExchange#DEGRADATION}) for the run's alerts.
     */
    public void record(@ExchangeProperty(RunExchange.RUN) SyncRun run, Exchange exchange) {
        try {
            Instant end = run.endTime() == null ? clock.instant() : run.endTime();
            RunStatus status = run.status() == RunStatus.IN_PROGRESS ? RunStatus.FAILED : run.status();
            SyncMetrics metrics = measure(run, status);
            meters.runEnded(status, end, metrics, run.counts());
            List<Long> baseline = status == RunStatus.COMPLETED
                    ? repository.recentCompletedTotals(DegradationDetector.BASELINE_RUNS) : List.of();
            repository.insert(run.id(), metrics, end);
            if (status == RunStatus.COMPLETED) {
                detector.check(metrics.executionTime(), baseline, config.current().degradationFactor())
                        .ifPresent(degradation -> {
                            warn(run.id(), degradation);
                            exchange.setProperty(RunExchange.DEGRADATION, degradation);
                        });
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("syncId={} metrics of the run not recorded: {}", run.id(), e.getMessage());
        }
    }

    /** Statistics over the runs that ended in the last {@code days} days. */
    public AggregatedMetrics aggregate(int days) throws SQLException {
        Instant now = clock.instant();
        return repository.aggregate(days, now.minus(Duration.ofDays(days)), now);
    }

    private SyncMetrics measure(SyncRun run, RunStatus status) {
        Instant end = run.endTime() == null ? clock.instant() : run.endTime();
        Map<SyncStage, Duration> stages = new EnumMap<>(SyncStage.class);
        stages.putAll(run.stageDurations());
        if (status == RunStatus.COMPLETED) {
            // A completed run went through every stage; one without a time had nothing to do (a sheet without valid
            // rows has no batch to write) and took no time.
            for (SyncStage stage : SyncStage.values()) {
                stages.putIfAbsent(stage, Duration.ZERO);
            }
        }
        Map<ErrorType, Integer> errors;
        try {
            errors = history.errorCountsByType(run.id());
        } catch (SQLException e) {
            LOG.warn("syncId={} error counts not read for the metrics: {}", run.id(), e.getMessage());
            errors = Map.of();
        }
        return SyncMetrics.measure(stages, Duration.between(run.startTime(), end), run.counts().total(), errors);
    }

    private void warn(UUID syncId, Degradation degradation) {
        LOG.warn("syncId={} performance degraded: {}", syncId, degradation.message());
        meters.degraded(degradation);
    }

    /** The last completed run recorded in the audit log, to seed the "since last success" gauge at start-up. */
    public void seedLastSuccess() {
        try {
            history.lastCompleted().map(AuditLog::endTime).ifPresent(meters::lastSuccess);
        } catch (SQLException e) {
            LOG.warn("last successful sync not read at start-up: {}", e.getMessage());
        }
    }
}
