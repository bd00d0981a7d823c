package io.sheetsync.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sheetsync.audit.RunHistory;
import io.sheetsync.audit.RunLogWriter;
import io.sheetsync.audit.RunCounts;
import io.sheetsync.audit.RunStatus;
import io.sheetsync.audit.TriggerSource;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.db.Database;
import io.sheetsync.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** GET /api/metrics' statistics, computed over a window that ends at the injected clock's now. */
class MetricsAggregationTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static TestDatabase database;
    static Database pool;
    static RunLogWriter audit;
    static MetricsRepository repository;
    static SyncMetricsService service;

    @BeforeAll
    static void open() {
        database = TestDatabase.create(MetricsAggregationTest.class);
        pool = database.open();
        audit = new RunLogWriter(pool.dataSource());
        repository = new MetricsRepository(pool.dataSource());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        service = new SyncMetricsService(repository, new RunHistory(pool.dataSource()),
                new SyncMeters(new SimpleMeterRegistry(), clock),
                new DegradationDetector(), new ConfigProvider(SyncConfig.load(Map.of(), new Properties())), clock);
    }

    @AfterAll
    static void close() {
        pool.close();
        database.close();
    }

    @BeforeEach
    void emptyTables() {
        database.execute("TRUNCATE sync_audit_logs CASCADE");
    }

    @Test
    void statistics_cover_exactly_the_runs_that_ended_in_the_window() throws Exception {
        run(Duration.ofHours(1), RunStatus.COMPLETED, 1_000, 500, 0);
        run(Duration.ofDays(2), RunStatus.COMPLETED, 3_000, 300, 2);
        run(Duration.ofDays(6).plusHours(23), RunStatus.FAILED, 200, 0, 1);
        run(Duration.ofDays(8), RunStatus.FAILED, 90_000, 10, 5);
        run(Duration.ofHours(-1), RunStatus.COMPLETED, 50_000, 10, 0);

        AggregatedMetrics week = service.aggregate(7);

        assertThat(week.days()).isEqualTo(7);
        assertThat(week.from()).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(week.to()).isEqualTo(NOW);
        assertThat(week.runs()).isEqualTo(3);
        assertThat(week.failedRuns()).isEqualTo(1);
        assertThat(week.averageSyncTime()).isCloseTo(1_400.0, within(1e-9));
        assertThat(week.peakSyncTime()).isEqualTo(3_000);
        assertThat(week.errorRate()).isCloseTo(1 / 3.0, within(1e-9));
        // 500 rows in 1 s and 300 rows in 3 s; the failed run read no rows and is left out of the mean
        assertThat(week.averageThroughput()).isCloseTo((500.0 + 100.0) / 2, within(1e-9));
        assertThat(week.errors()).isEqualTo(new SyncMetrics.ErrorCounts(0, 3, 0, 0));

        AggregatedMetrics day = service.aggregate(1);
        assertThat(day.runs()).isEqualTo(1);
        assertThat(day.peakSyncTime()).isEqualTo(1_000);
    }

    @Test
    void an_empty_window_answers_zeros_not_errors() throws Exception {
        run(Duration.ofDays(30), RunStatus.COMPLETED, 1_000, 10, 0);

        AggregatedMetrics week = service.aggregate(7);

        assertThat(week.runs()).isZero();
        assertThat(week.averageSyncTime()).isZero();
        assertThat(week.peakSyncTime()).isZero();
        assertThat(week.errorRate()).isZero();
        assertThat(week.averageThroughput()).isZero();
    }

    @Test
    void the_degradation_baseline_is_the_newest_completed_runs() throws Exception {
        run(Duration.ofMinutes(50), RunStatus.COMPLETED, 100, 1, 0);
        run(Duration.ofMinutes(40), RunStatus.FAILED, 9_000, 1, 1);
        run(Duration.ofMinutes(30), RunStatus.COMPLETED, 300, 1, 0);
        run(Duration.ofMinutes(20), RunStatus.COMPLETED, 200, 1, 0);

        assertThat(repository.recentCompletedTotals(2)).containsExactly(200L, 300L);
        assertThat(repository.recentCompletedTotals(10)).containsExactly(200L, 300L, 100L);
    }

    /** A run that ended {@code ago} before now, took {@code totalMs}, read {@code rows} and logged validation errors. */
    static UUID run(Duration ago, RunStatus status, long totalMs, int rows, int validationErrors) throws Exception {
        Instant end = NOW.minus(ago);
        Instant start = end.minusMillis(totalMs);
        UUID id = audit.insertStart(TriggerSource.SCHEDULED, start, "test", null);
        audit.complete(id, status, end, new RunCounts(rows, rows, rows, 0, 0, 0), null, null, null);
        repository.insert(id, new SyncMetrics(new SyncMetrics.ExecutionTime(totalMs, 0L, 0L, 0L, totalMs),
                SyncMetrics.Throughput.of(rows, Duration.ofMillis(totalMs)),
                new SyncMetrics.ErrorCounts(0, validationErrors, 0, 0)), end);
        return id;
    }
}
