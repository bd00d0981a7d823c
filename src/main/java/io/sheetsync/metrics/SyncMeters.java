package io.sheetsync.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sheetsync.audit.ErrorType;
import io.sheetsync.audit.RunCounts;
import io.sheetsync.audit.RunStatus;
import io.sheetsync.sync.SyncStage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The sync's meters in the Micrometer registry that Camel scrapes at {@code /observe/metrics}. Prometheus names
 * (README lists them): {@code sheet_sync_runs_total{status}}, {@code sheet_sync_run_duration_seconds{status}},
 * {@code sheet_sync_phase_duration_seconds{phase}}, {@code sheet_sync_rows_total{outcome}},
 * {@code sheet_sync_errors_total{type}}, {@code sheet_sync_gaps_total},
 * {@code sheet_sync_degraded_runs_total{bottleneck}}, {@code sheet_sync_last_run_records_per_second} and
 * {@code sheet_sync_seconds_since_last_success}.
 */
public final class SyncMeters {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Instant startedAt;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private volatile double lastThroughput;
    private final java.util.List<DatabaseGauge> databaseGauges = new java.util.concurrent.CopyOnWriteArrayList<>();

    public SyncMeters(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.startedAt = clock.instant();
        gauge("sheet.sync.seconds.since.last.success",
                "Seconds since the last completed sync this instance knows of (since start-up while there is none)",
                this::secondsSinceLastSuccess);
        gauge("sheet.sync.last.run.records.per.second", "Rows read per second by the last run that ended",
                () -> lastThroughput);
        // Created up front, so a scrape shows every series at 0 before the first run and alert rules see them.
        for (RunStatus status : new RunStatus[] {RunStatus.COMPLETED, RunStatus.FAILED}) {
            runs(status);
        }
        for (String outcome : new String[] {"created", "updated", "unchanged", "failed"}) {
            rows(outcome);
        }
        for (ErrorType type : ErrorType.values()) {
            errors(type);
        }
        gaps();
        // A counter that first appears at 1 has no increase() in Prometheus: the degradation alert would miss it
        for (SyncStage stage : SyncStage.values()) {
            degradedRuns(stage);
        }
    }

    /** Records a run that ended: its outcome, times, rows, errors and throughput. */
    public void runEnded(RunStatus status, Instant endedAt, SyncMetrics metrics, RunCounts counts) {
        databaseGauges.forEach(DatabaseGauge::stale);
        runs(status).increment();
        Timer.builder("sheet.sync.run.duration").description("Total time of a run, by outcome")
                .tag("status", status.code()).register(registry)
                .record(Duration.ofMillis(metrics.executionTime().total()));
        for (SyncStage stage : SyncStage.values()) {
            metrics.executionTime().of(stage).ifPresent(ms -> phaseTimer(stage).record(Duration.ofMillis(ms)));
        }
        rows("created").increment(counts.created());
        rows("updated").increment(counts.updated());
        rows("unchanged").increment(counts.unchanged());
        rows("failed").increment(counts.failed());
        for (ErrorType type : ErrorType.values()) {
            errors(type).increment(metrics.errors().of(type));
        }
        lastThroughput = metrics.throughput().recordsPerSecond();
        if (status == RunStatus.COMPLETED) {
            lastSuccess(endedAt);
        }
    }

    /** Counts gaps found by verification (sheet keys missing from the database). */
    public void gapsDetected(int count) {
        if (count > 0) {
            gaps().increment(count);
        }
    }

    public void degraded(Degradation degradation) {
        degradedRuns(degradation.bottleneck()).increment();
    }

    /** Moves the last known success forward (never back), e.g. from the audit log at start-up. */
    public void lastSuccess(Instant at) {
        if (at != null) {
            lastSuccess.accumulateAndGet(at, (known, next) -> known == null || next.isAfter(known) ? next : known);
        }
    }

    /**
     * Adds a gauge read at every scrape. The extension point for values kept elsewhere (open alerts, current gap
     * count): {@code name} in Micrometer's dotted form, e.g. {@code sheet.sync.open.alerts}.
     */
    public void gauge(String name, String description, Supplier<Number> value) {
        Objects.requireNonNull(value);
        Gauge.builder(name, () -> {
            Number current = value.get();
            return current == null ? Double.NaN : current.doubleValue();
        }).description(description).strongReference(true).register(registry);
    }

    /** A gauge over a database read, cached between scrapes and read again after each run ({@link DatabaseGauge}). */
    public void databaseGauge(String name, String description, DatabaseGauge.Query query) {
        DatabaseGauge gauge = new DatabaseGauge(query, clock);
        databaseGauges.add(gauge);
        gauge(name, description, gauge::value);
    }

    double secondsSinceLastSuccess() {
        Instant since = lastSuccess.get();
        long millis = Duration.between(since == null ? startedAt : since, clock.instant()).toMillis();
        return Math.max(0, millis) / 1000.0;
    }

    private Counter runs(RunStatus status) {
        return Counter.builder("sheet.sync.runs").description("Runs that ended, by outcome")
                .tag("status", status.code()).register(registry);
    }

    private Timer phaseTimer(SyncStage stage) {
        return Timer.builder("sheet.sync.phase.duration").description("Time per stage of a run")
                .tag("phase", stage.code()).register(registry);
    }

    private Counter rows(String outcome) {
        return Counter.builder("sheet.sync.rows").description("Sheet rows by what the run did with them")
                .tag("outcome", outcome).register(registry);
    }

    private Counter errors(ErrorType type) {
        return Counter.builder("sheet.sync.errors").description("Error log entries by category")
                .tag("type", type.code()).register(registry);
    }

    private Counter degradedRuns(SyncStage bottleneck) {
        return Counter.builder("sheet.sync.degraded.runs").description("Runs slower than the recent mean by more than"
                        + " SYNC_DEGRADATION_FACTOR, by slowest stage")
                .tag("bottleneck", bottleneck.code()).register(registry);
    }

    private Counter gaps() {
        return Counter.builder("sheet.sync.gaps").description("Sheet keys found missing from the database by"
                + " verification").register(registry);
    }
}
