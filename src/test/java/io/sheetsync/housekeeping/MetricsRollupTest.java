package io.sheetsync.housekeeping;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sheetsync.alert.AlertRepository;
import io.sheetsync.audit.RunHistory;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.db.Database;
import io.sheetsync.metrics.AggregatedMetrics;
import io.sheetsync.metrics.DegradationDetector;
import io.sheetsync.metrics.MetricsRepository;
import io.sheetsync.metrics.SyncMeters;
import io.sheetsync.metrics.SyncMetricsService;
import io.sheetsync.support.History;
import io.sheetsync.support.MetricsHistory;
import io.sheetsync.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Rolled-up metrics answer the same statistics as the per-run rows they replace (GET /api/metrics over any window),
 * also on a database holding a year of five-minute runs, which housekeeping cuts back to its retention.
 */
class MetricsRollupTest {

    /** Midnight UTC: every window of whole days then starts on a day boundary, where rolled-up days are exact. */
    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static final int[] WINDOWS = {1, 7, 29, 30, 31, 45, 89, 90, 91, 120, 365};

    static TestDatabase database;
    static Database pool;
    static SyncMetricsService statistics;
    static Housekeeping housekeeping;

    @BeforeAll
    static void open() {
        database = TestDatabase.create(MetricsRollupTest.class);
        pool = database.open();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ConfigProvider config = new ConfigProvider(SyncConfig.load(Map.of(), new Properties()));
        RunHistory history = new RunHistory(pool.dataSource());
        statistics = new SyncMetricsService(new MetricsRepository(pool.dataSource()), history,
                new SyncMeters(new SimpleMeterRegistry(), clock), new DegradationDetector(), config, clock);
        housekeeping = HousekeepingBeans.create(pool.dataSource(), history,
                new AlertRepository(pool.dataSource(), new ObjectMapper(), clock), new SimpleMeterRegistry(), config,
                clock);
    }

    @AfterAll
    static void close() {
        pool.close();
        database.close();
    }

    @BeforeEach
    void emptyTables() {
        database.execute("TRUNCATE sync_audit_logs, sync_metrics_daily CASCADE");
    }

    @Test
    void rolled_up_metrics_answer_the_same_statistics_over_every_window() throws Exception {
        List<MetricsHistory.Run> runs = new ArrayList<>();
        for (int hour = 1; hour < 130 * 24; hour += 7) {
            int n = hour / 7;
            // failed runs, runs that read no rows, errors of every kind, totals from 0 ms to minutes
            runs.add(new MetricsHistory.Run(NOW.minus(Duration.ofHours(hour)), n % 5 != 0, (n * 7919L) % 200_000,
                    n % 9 == 0 ? 0 : (n * 31) % 5_000, List.of(n % 3, n % 4, n % 7 == 0 ? 1 : 0, n % 11 == 0 ? 2 : 0)));
        }
        try (Connection connection = database.pooled()) {
            MetricsHistory.write(connection, runs);
        }
        Map<Integer, AggregatedMetrics> before = statisticsOverEveryWindow();

        HousekeepingResult result = housekeeping.run();

        // the runs past 90 days are gone, and every per-run row older than 30 whole days is rolled up
        assertThat(result.removed().runs()).isEqualTo((int) runs.stream()
                .filter(run -> run.end().minusMillis(run.totalMs()).isBefore(NOW.minus(Duration.ofDays(90)))).count());
        assertThat(result.metricsRolledUp()).isEqualTo((int) runs.stream()
                .filter(run -> run.end().isBefore(NOW.minus(Duration.ofDays(30)))).count());
        assertThat(database.query("SELECT count(*) FROM sync_metrics WHERE created_at < TIMESTAMP '2026-01-30'"))
                .containsExactly("0");
        assertThat(result.daysRolledUp()).isEqualTo(Integer.parseInt(
                database.query("SELECT count(*) FROM sync_metrics_daily").get(0)));
        assertSameStatistics(before, statisticsOverEveryWindow());

        // a second run has nothing left to do and changes nothing
        HousekeepingResult again = housekeeping.run();
        assertThat(again.metricsRolledUp()).isZero();
        assertThat(again.removed().runs()).isZero();
        assertSameStatistics(before, statisticsOverEveryWindow());
    }

    @Test
    void a_year_of_five_minute_runs_is_cut_back_to_the_retention_in_batches() throws Exception {
        int runs = History.RUNS_A_YEAR;
        new History(database).aYearOfFiveMinuteRuns(Instant.parse("2026-03-01T00:00:00Z"));
        // a database that has held a year of runs has its planner statistics (autovacuum keeps them)
        database.execute("ANALYZE");
        String kept = database.query("SELECT count(*) FROM sync_audit_logs"
                + " WHERE start_time >= TIMESTAMP '2026-03-01' - interval '90 days'").get(0);
        Map<Integer, AggregatedMetrics> before = statisticsOverEveryWindow();

        HousekeepingResult result = housekeeping.run();

        assertThat(result.removed().runs()).isEqualTo(runs - Integer.parseInt(kept));
        assertThat(result.removed().recordLogs()).isEqualTo(result.removed().runs());
        assertThat(database.query("SELECT count(*) FROM sync_audit_logs")).containsExactly(kept);
        assertThat(database.query("SELECT count(*) FROM sync_record_logs")).containsExactly(kept);
        assertThat(database.query("SELECT count(*) FROM sync_metrics_daily")).containsExactly("335");
        assertSameStatistics(before, statisticsOverEveryWindow());
    }

    private static Map<Integer, AggregatedMetrics> statisticsOverEveryWindow() throws Exception {
        Map<Integer, AggregatedMetrics> byWindow = new LinkedHashMap<>();
        for (int days : WINDOWS) {
            byWindow.put(days, statistics.aggregate(days));
        }
        return byWindow;
    }

    private static void assertSameStatistics(Map<Integer, AggregatedMetrics> expected,
                                             Map<Integer, AggregatedMetrics> actual) {
        expected.forEach((days, want) -> {
            AggregatedMetrics got = actual.get(days);
            String window = days + " days";
            assertThat(got.runs()).as(window).isEqualTo(want.runs());
            assertThat(got.failedRuns()).as(window).isEqualTo(want.failedRuns());
            assertThat(got.averageSyncTime()).as(window).isCloseTo(want.averageSyncTime(), within(1e-6));
            assertThat(got.peakSyncTime()).as(window).isEqualTo(want.peakSyncTime());
            assertThat(got.errorRate()).as(window).isCloseTo(want.errorRate(), within(1e-12));
            assertThat(got.averageThroughput()).as(window).isCloseTo(want.averageThroughput(), within(1e-6));
            assertThat(got.errors()).as(window).isEqualTo(want.errors());
        });
    }
}
