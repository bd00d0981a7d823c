package io.sheetsync.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sheetsync.audit.AuditRepository;
import io.sheetsync.audit.RunCounts;
import io.sheetsync.audit.RunStatus;
import io.sheetsync.audit.TriggerSource;
import io.sheetsync.support.Csv;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.sync.RunSummary;
import io.sheetsync.sync.SyncStage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Seed properties of the metrics: phase times, throughput, aggregated statistics, degradation warnings. */
class SyncMetricsProperties {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-06-15T03:00:00Z");

    static TestDatabase database;
    static TestService service;

    @BeforeContainer
    static void start() throws Exception {
        database = TestDatabase.create(SyncMetricsProperties.class);
        // Generated sheets shrink at will between runs: the shrink guard (tested on its own) is off here.
        service = TestService.start(database, Files.createTempDirectory("metrics-properties"),
                Map.of("SYNC_MAX_SHRINK_PERCENT", "100"));
    }

    @AfterContainer
    static void stop() {
        service.close();
        database.close();
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 23: for any completed sync operation, metrics include"
            + " execution time for each phase (fetch, compare, update, verify)")
    void every_completed_run_has_a_time_for_each_phase(@ForAll("sheets") List<List<String>> rows) throws Exception {
        database.execute("DELETE FROM sellers");
        service.sheet(Csv.sheet(List.of("seller_number", "name", "inquiry_date"), rows));

        RunSummary summary = service.syncNow();

        JsonNode time = JSON.readTree(database.query("SELECT execution_time::text FROM sync_metrics WHERE audit_log_id = '"
                + summary.syncId() + "'").get(0));
        assertThat(time.get("fetch").isIntegralNumber()).as("every run fetches").isTrue();
        Statistics.label("outcome").collect(summary.status());
        Statistics.label("outcome").coverage(coverage -> coverage.check("completed").percentage(p -> p > 20));
        if ("completed".equals(summary.status())) {
            for (SyncStage stage : SyncStage.values()) {
                JsonNode ms = time.get(stage.code());
                assertThat(ms.isIntegralNumber()).as(stage.code()).isTrue();
                assertThat(ms.asLong()).as(stage.code()).isBetween(0L, time.get("total").asLong());
            }
        }
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 24: for any sync operation, metrics include throughput"
            + " calculation (records per second)")
    void throughput_is_the_rows_read_per_second_of_the_run(@ForAll @IntRange(min = 0, max = 5_000_000) int rows,
                                                            @ForAll @LongRange(min = 0, max = 7_200_000) long millis) {
        SyncMetrics metrics = SyncMetrics.measure(Map.of(SyncStage.FETCH, Duration.ofMillis(millis / 2)),
                Duration.ofMillis(millis), rows, Map.of());

        SyncMetrics.Throughput throughput = metrics.throughput();
        assertThat(throughput.totalRecords()).isEqualTo(rows);
        assertThat(throughput.recordsPerSecond()).isNotNegative().isFinite();
        if (millis == 0) {
            assertThat(throughput.recordsPerSecond()).isZero();
        } else {
            assertThat(throughput.recordsPerSecond() * millis / 1000.0).isCloseTo(rows, within(rows * 1e-9 + 1e-9));
        }
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 26: for any metrics query, the system provides aggregated"
            + " statistics including average sync time, peak sync time and error rate")
    void aggregated_statistics_summarise_exactly_the_runs_in_the_window(@ForAll("histories") List<PastRun> history,
                                                                        @ForAll @IntRange(min = 1, max = 20) int days)
            throws Exception {
        database.execute("DELETE FROM sync_audit_logs");
        AuditRepository audit = new AuditRepository(service.service().dataSource());
        MetricsRepository repository = new MetricsRepository(service.service().dataSource());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        SyncMetricsService metrics = new SyncMetricsService(repository, audit,
                new SyncMeters(new SimpleMeterRegistry(), clock), new DegradationDetector(), service.service().config(),
                clock);
        for (PastRun run : history) {
            Instant end = NOW.minus(Duration.ofMinutes(run.minutesAgo()));
            var id = audit.insertStart(TriggerSource.SCHEDULED, end.minusMillis(run.totalMs()), "test");
            audit.complete(id, run.status(), end, new RunCounts(run.rows(), run.rows(), run.rows(), 0, 0, 0), null, null);
            repository.insert(id, new SyncMetrics(new SyncMetrics.ExecutionTime(run.totalMs(), null, null, null,
                    run.totalMs()), SyncMetrics.Throughput.of(run.rows(), Duration.ofMillis(run.totalMs())),
                    new SyncMetrics.ErrorCounts(run.errors(), 0, 0, run.failed() ? 1 : 0)), end);
        }

        AggregatedMetrics answer = metrics.aggregate(days);

        List<PastRun> inWindow = history.stream()
                .filter(run -> run.minutesAgo() >= 0 && run.minutesAgo() <= days * 1440L).toList();
        Statistics.label("runs in the window").collect(inWindow.size() > 1 ? "several" : inWindow.size() == 1 ? "one" : "none");
        Statistics.label("runs in the window").coverage(coverage -> coverage.check("several").percentage(p -> p > 10));
        assertThat(answer.days()).isEqualTo(days);
        assertThat(answer.runs()).isEqualTo(inWindow.size());
        assertThat(answer.failedRuns()).isEqualTo((int) inWindow.stream().filter(PastRun::failed).count());
        assertThat(answer.averageSyncTime()).isCloseTo(inWindow.stream().mapToLong(PastRun::totalMs).average()
                .orElse(0), within(1e-6));
        assertThat(answer.peakSyncTime()).isEqualTo(inWindow.stream().mapToLong(PastRun::totalMs).max().orElse(0));
        assertThat(answer.errorRate()).isCloseTo(inWindow.isEmpty() ? 0
                : inWindow.stream().filter(PastRun::failed).count() / (double) inWindow.size(), within(1e-12));
        double throughput = inWindow.stream().filter(run -> run.rows() > 0)
                .mapToDouble(run -> SyncMetrics.Throughput.of(run.rows(), Duration.ofMillis(run.totalMs()))
                        .recordsPerSecond()).average().orElse(0);
        assertThat(answer.averageThroughput()).isCloseTo(throughput, within(throughput * 1e-9 + 1e-9));
        assertThat(answer.errors().network()).isEqualTo(inWindow.stream().mapToInt(PastRun::errors).sum());
        assertThat(answer.errors().unknown()).isEqualTo(answer.failedRuns());
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 27: for any sync operation with degraded performance, the"
            + " system logs performance warnings with bottleneck information")
    void a_degraded_run_is_flagged_with_its_slowest_phase(
            @ForAll("baselines") List<Long> recent, @ForAll @DoubleRange(min = 0, max = 8) double slowdown,
            @ForAll("shares") List<Integer> shares, @ForAll @DoubleRange(min = 1.01, max = 5) double factor) {
        double mean = recent.stream().mapToLong(Long::longValue).average().orElse(1_000);
        long total = Math.round(mean * slowdown);
        long[] stageMs = new long[4];
        int shareSum = shares.stream().mapToInt(Integer::intValue).sum();
        for (int i = 0; i < 4; i++) {
            stageMs[i] = total * shares.get(i) / Math.max(1, shareSum);
        }
        SyncMetrics.ExecutionTime time = new SyncMetrics.ExecutionTime(stageMs[0], stageMs[1], stageMs[2], stageMs[3],
                total);

        Optional<Degradation> verdict = new DegradationDetector().check(time, recent, factor);

        boolean degraded = recent.size() >= DegradationDetector.MIN_BASELINE_RUNS && total > factor * mean
                && total - mean >= DegradationDetector.MIN_EXCESS_MS;
        assertThat(verdict.isPresent()).isEqualTo(degraded);
        Statistics.label("degraded").collect(degraded);
        Statistics.label("degraded").coverage(coverage -> {
            coverage.check(true).percentage(p -> p > 2);
            coverage.check(false).percentage(p -> p > 10);
        });
        verdict.ifPresent(degradation -> {
            long slowest = Stream.of(stageMs[0], stageMs[1], stageMs[2], stageMs[3]).max(Comparator.naturalOrder())
                    .orElseThrow();
            assertThat(degradation.bottleneckMs()).isEqualTo(slowest);
            assertThat(time.of(degradation.bottleneck())).contains(slowest);
            assertThat(degradation.totalMs()).isEqualTo(total);
            assertThat(degradation.message()).contains("slowest stage: " + degradation.bottleneck().code()
                    + " (" + slowest + " ms)", total + " ms");
        });
    }

    /** A run that ended {@code minutesAgo} minutes before now (negative: a clock ahead of ours). */
    record PastRun(long minutesAgo, boolean failed, long totalMs, int rows, int errors) {
        RunStatus status() {
            return failed ? RunStatus.FAILED : RunStatus.COMPLETED;
        }
    }

    @Provide
    Arbitrary<List<PastRun>> histories() {
        Arbitrary<Long> age = Arbitraries.oneOf(Arbitraries.longs().between(-120, 25 * 1440),
                Arbitraries.integers().between(1, 20).map(day -> day * 1440L));
        return Combinators.combine(age, Arbitraries.of(true, false), Arbitraries.longs().between(0, 600_000),
                        Arbitraries.integers().between(0, 20_000), Arbitraries.integers().between(0, 5))
                .as(PastRun::new).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Long>> baselines() {
        return Arbitraries.longs().between(0, 120_000).list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<Integer>> shares() {
        return Arbitraries.integers().between(0, 100).list().ofSize(4);
    }

    /** Sheets of up to 8 rows, valid and not. */
    @Provide
    Arbitrary<List<List<String>>> sheets() {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.integers().between(1, 20).map(n -> "AA" + n),
                Arbitraries.of("XX1", ""));
        Arbitrary<String> date = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 3000).map(d -> LocalDate.of(2020, 1, 1).plusDays(d).toString()),
                Arbitraries.of("2024-13-45"));
        Arbitrary<String> name = Arbitraries.strings().alpha().ofMinLength(0).ofMaxLength(6);
        return Combinators.combine(key, name, date).as((k, n, d) -> List.of(k, n, d)).list().ofMaxSize(8);
    }
}
