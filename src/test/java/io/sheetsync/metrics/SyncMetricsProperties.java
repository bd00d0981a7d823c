package io.sheetsync.metrics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.support.MessyRow;
import io.sheetsync.support.MessySheet;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.MetricsHistory;
import io.sheetsync.support.MutableClock;
import io.sheetsync.support.Prometheus;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.support.TimedRun;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static io.sheetsync.support.Unchecked.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Seed properties of the run metrics, checked on real runs whose stage times the test sets on the service's clock
 * (held in a stage by a lock while the clock moves, see {@link TimedRun}) and on run histories written with
 * {@link MetricsHistory}: phase times, throughput, aggregated statistics and degradation warnings.
 */
class SyncMetricsProperties {

    static final ObjectMapper JSON = new ObjectMapper();
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-15T03:00:00Z"));
    static final List<String> STAGES = List.of("fetch", "compare", "update", "verify");
    static final ListAppender<ILoggingEvent> WARNINGS = new ListAppender<>();
    static final Logger METRICS_LOG = (Logger) LoggerFactory.getLogger(SyncMetricsService.class);
    // Generated sheets shrink at will between examples: the shrink guard (tested on its own) stays out of the way.
    static final Map<String, String> SETTINGS = Map.of("SYNC_MAX_SHRINK_PERCENT", "100");

    static TestDatabase database;
    static TestService service;
    /** The test's own connection for setup and reads: a connection per statement would cost more than the run. */
    static Connection sql;
    static TimedRun timed;
    /** The last scrape of /observe/metrics in property 27, the next example's "before" (null: scrape again). */
    static Prometheus lastScrape;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create(SyncMetricsProperties.class);
        service = TestService.start(database, Files.createTempDirectory("metrics-properties"), SETTINGS, CLOCK);
        sql = database.connect();
        timed = TimedRun.on(service, database);
        WARNINGS.start();
        METRICS_LOG.addAppender(WARNINGS);
    }

    @AfterAll
    static void stop() throws SQLException {
        METRICS_LOG.detachAppender(WARNINGS);
        sql.close();
        timed.close();
        service.close();
        database.close();
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 23: Phase execution time recording — for any"
            + " completed sync operation, metrics should include execution time for each phase (fetch, compare,"
            + " update, verify)")
    void every_run_stores_the_time_of_each_phase_it_went_through_as_its_clock_measured_it() {
        PropertyTests.runs().forAll(MessySheets.sheets(0, 8), plannedTimes())
                .checkAssert((sheet, planned) -> check(() -> phaseTimesAreStored(sheet, planned)));
    }

    private static void phaseTimesAreStored(MessySheet sheet, TimedRun.Times planned) throws Exception {
        TimedRun.Times times = reachable(planned, sheet);

        RunSummary summary = runOn(sheet, times);

        // The clock stands still unless the test moves it, so each phase took exactly the time it was held.
        boolean completes = sheet.validRowCount() > 0;
        assertThat(summary.status()).isEqualTo(completes ? "completed" : "failed");
        JsonNode time = storedMetrics(summary.syncId()).get("execution_time");
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("fetch", 0L);
        expected.put("compare", times.compareMs());
        // A run without a valid row fails after compare: it never reaches update or verify.
        expected.put("update", completes ? times.updateMs() : null);
        expected.put("verify", completes ? times.verifyMs() : null);
        expected.put("total", times.totalMs());
        Map<String, Long> stored = new LinkedHashMap<>();
        expected.keySet().forEach(phase -> stored.put(phase, time.get(phase).isNull() ? null
                : time.get(phase).isIntegralNumber() ? time.get(phase).asLong() : -1L));
        assertThat(stored).as("execution_time of %s", time).isEqualTo(expected);
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 24: Throughput metrics tracking — for any sync"
            + " operation, metrics should include throughput calculation (records per second)")
    void every_run_stores_the_rows_it_read_per_second_of_its_duration() {
        PropertyTests.runs().forAll(MessySheets.sheets(0, 12), plannedTimes())
                .checkAssert((sheet, planned) -> check(() -> throughputIsStored(sheet, planned)));
    }

    private static void throughputIsStored(MessySheet sheet, TimedRun.Times planned) throws Exception {
        TimedRun.Times times = reachable(planned, sheet);

        RunSummary summary = runOn(sheet, times);

        // Records are the rows the run read: every non-blank row, valid or not (blank rows are ignored).
        long records = sheet.rows().stream().filter(row -> row.kind() != MessyRow.Kind.BLANK).count();
        double perSecond = records / (times.totalMs() / 1000.0);
        JsonNode throughput = storedMetrics(summary.syncId()).get("throughput");
        assertThat(throughput.get("totalRecords").asLong()).as("totalRecords of %s", throughput).isEqualTo(records);
        assertThat(throughput.get("recordsPerSecond").asDouble()).as("recordsPerSecond of %s", throughput)
                .isCloseTo(perSecond, within(perSecond * 1e-9));
        assertThat(scrape().get("sheet_sync_last_run_records_per_second")).as("the last run's gauge")
                .isCloseTo(perSecond, within(perSecond * 1e-9));
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 26: Aggregated statistics — for any metrics query,"
            + " the system should provide aggregated statistics including average sync time, peak sync time, and"
            + " error rate")
    void the_metrics_api_summarises_exactly_the_runs_that_ended_in_the_window() {
        PropertyTests.runs().forAll(windowedHistories())
                .checkAssert(example -> check(() -> statisticsAreAnswered(example)));
    }

    private static void statisticsAreAnswered(WindowedHistory example) throws Exception {
        execute("DELETE FROM sync_audit_logs");
        Instant now = CLOCK.instant();
        List<MetricsHistory.Run> history = example.runs(now);
        MetricsHistory.write(sql, history);

        HttpResponse<String> answer = service.get("/api/metrics?days=" + example.days(), TestService.VIEWER);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        Instant from = now.minus(Duration.ofDays(example.days()));
        List<MetricsHistory.Run> window = history.stream()
                .filter(run -> !run.end().isBefore(from) && !run.end().isAfter(now)).toList();
        int failed = (int) window.stream().filter(run -> !run.completed()).count();
        assertThat(body.get("days").asInt()).isEqualTo(example.days());
        assertThat(Instant.parse(body.get("from").asText())).isEqualTo(from);
        assertThat(Instant.parse(body.get("to").asText())).isEqualTo(now);
        assertThat(body.get("runs").asInt()).isEqualTo(window.size());
        assertThat(body.get("failedRuns").asInt()).isEqualTo(failed);
        // Without runs in the window there is nothing to average: every statistic reads 0.
        double average = window.stream().mapToLong(MetricsHistory.Run::totalMs).average().orElse(0);
        long peak = window.stream().mapToLong(MetricsHistory.Run::totalMs).max().orElse(0);
        double errorRate = window.isEmpty() ? 0 : failed / (double) window.size();
        double throughput = window.stream().filter(run -> run.records() > 0)
                .mapToDouble(MetricsHistory.Run::recordsPerSecond).average().orElse(0);
        assertThat(body.get("averageSyncTime").asDouble()).isCloseTo(average, within(average * 1e-9 + 1e-9));
        assertThat(body.get("peakSyncTime").asLong()).isEqualTo(peak);
        assertThat(body.get("errorRate").asDouble()).isCloseTo(errorRate, within(1e-12));
        assertThat(body.get("averageThroughput").asDouble())
                .isCloseTo(throughput, within(throughput * 1e-9 + 1e-9));
        List<String> categories = List.of("network", "validation", "database", "unknown");
        for (int i = 0; i < categories.size(); i++) {
            int category = i;
            assertThat(body.get("errors").get(categories.get(i)).asInt()).as(categories.get(i))
                    .isEqualTo(window.stream().mapToInt(run -> run.errors().get(category)).sum());
        }
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 27: Performance degradation warnings — for any sync"
            + " operation with degraded performance, the system should log performance warnings with bottleneck"
            + " information")
    void a_run_slower_than_the_recent_ones_is_logged_counted_and_alerted_with_its_slowest_stage() {
        PropertyTests.runs().forAll(MessySheets.sheets(0, 5), shortTimes(), baselines(), factors())
                .checkAssert((sheet, planned, baseline, factor) -> check(() -> degradationIsReported(sheet, planned,
                        baseline, factor)));
    }

    private static void degradationIsReported(MessySheet sheet, TimedRun.Times planned, Baseline baseline,
                                              double factor) throws Exception {
        TimedRun.Times times = reachable(planned, sheet);
        useFactor(factor);
        Instant now = CLOCK.instant();
        List<MetricsHistory.Run> history = baseline.runs(now, times.totalMs());
        WARNINGS.list.clear();
        // Nothing but this property's runs moves the counters between its examples.
        Prometheus before = lastScrape == null ? scrape() : lastScrape;
        lastScrape = null;

        RunSummary summary = runOn(sheet, times, history);

        Verdict verdict = Verdict.of(history, times, sheet.validRowCount() > 0, factor);
        List<String> logged = WARNINGS.list.stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains("syncId=" + summary.syncId() + " performance degraded"))
                .toList();
        Prometheus after = scrape();
        lastScrape = after;
        Map<String, Double> counted = new LinkedHashMap<>();
        for (String stage : STAGES) {
            String series = "sheet_sync_degraded_runs_total{bottleneck=\"" + stage + "\"}";
            double increase = after.value(series).orElse(0.0) - before.value(series).orElse(0.0);
            if (increase != 0) {
                counted.put(stage, increase);
            }
        }
        List<String> alerts = query("SELECT severity || '|' || (details->>'bottleneck') || '|'"
                + " || coalesce(audit_log_id::text, '') || '|' || message FROM sync_alerts"
                + " WHERE type = 'performance_degraded'");
        if (!verdict.degraded()) {
            assertThat(logged).as("warnings (%s)", verdict).isEmpty();
            assertThat(counted).as("sheet_sync_degraded_runs_total (%s)", verdict).isEmpty();
            assertThat(alerts).as("performance_degraded alerts (%s)", verdict).isEmpty();
            return;
        }
        assertThat(logged).as("warnings (%s)", verdict).hasSize(1);
        String stage = slowestStageNamedIn(logged.get(0), verdict);
        assertThat(logged.get(0)).contains("sync took " + times.totalMs() + " ms",
                "the mean of the last " + verdict.baselineRuns() + " completed runs ("
                        + Math.round(verdict.mean()) + " ms;",
                "slowest stage: " + stage + " (" + verdict.stageMs().get(stage) + " ms)");
        assertThat(counted).as("sheet_sync_degraded_runs_total (%s)", verdict)
                .isEqualTo(Map.of(stage, 1.0));
        assertThat(alerts).as("performance_degraded alerts (%s)", verdict).singleElement()
                .satisfies(alert -> assertThat(alert).startsWith(verdict.severity() + "|" + stage + "|"
                        + summary.syncId() + "|").contains("slowest stage: " + stage));
    }

    /**
     * The README's rule, in its words: a completed run slower than SYNC_DEGRADATION_FACTOR times the mean of the last
     * 10 completed runs logs a warning naming its slowest stage; no verdict before 3 completed runs; the run must also
     * be at least a second slower than the mean. The alert is low, medium from twice the factor.
     */
    record Verdict(boolean degraded, String severity, Set<String> slowest, Map<String, Long> stageMs, double mean,
                   int baselineRuns) {

        static Verdict of(List<MetricsHistory.Run> history, TimedRun.Times times, boolean completes, double factor) {
            List<Long> lastTen = history.stream().filter(MetricsHistory.Run::completed)
                    .sorted(Comparator.comparing(MetricsHistory.Run::end).reversed()).limit(10)
                    .map(MetricsHistory.Run::totalMs).toList();
            double mean = lastTen.stream().mapToLong(Long::longValue).average().orElse(0);
            long total = times.totalMs();
            boolean degraded = completes && lastTen.size() >= 3 && total > factor * mean && total - mean >= 1000;
            String severity = total >= 2 * factor * mean ? "medium" : "low";
            Map<String, Long> stageMs = new LinkedHashMap<>();
            stageMs.put("fetch", 0L);
            stageMs.put("compare", times.compareMs());
            stageMs.put("update", times.updateMs());
            stageMs.put("verify", times.verifyMs());
            long longest = stageMs.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            Set<String> slowest = stageMs.entrySet().stream().filter(entry -> entry.getValue() == longest)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            return new Verdict(degraded, severity, slowest, stageMs, mean, lastTen.size());
        }
    }

    /** The stage a warning names; it must be one of the slowest (a tie may name any of them). */
    private static String slowestStageNamedIn(String warning, Verdict verdict) {
        int at = warning.indexOf("slowest stage: ");
        assertThat(at).as("a warning names its slowest stage: %s", warning).isNotNegative();
        String stage = warning.substring(at + "slowest stage: ".length()).split(" ")[0];
        assertThat(verdict.slowest()).as("the slowest stages (%s)", verdict.stageMs()).contains(stage);
        return stage;
    }

    /**
     * Past runs for the degradation baseline, newest first: completed ones spread around a typical duration, failed
     * ones anywhere (they are no part of the baseline). The typical duration is the new run's total divided by
     * {@code slowdownPercent}/100, so the new run is anything from half as slow as usual to eight times slower.
     */
    record Baseline(long slowdownPercent, List<PastDuration> runs) {

        List<MetricsHistory.Run> runs(Instant now, long newRunMs) {
            long typicalMs = newRunMs * 100 / slowdownPercent;
            List<MetricsHistory.Run> history = new ArrayList<>();
            Instant end = now;
            for (PastDuration run : runs) {
                end = end.minus(Duration.ofMinutes(run.minutesBefore()));
                long totalMs = run.completed() ? run.spread() * typicalMs / 40 : run.spread() * 1000;
                history.add(new MetricsHistory.Run(end, run.completed(), totalMs, 5,
                        List.of(0, 0, 0, run.completed() ? 0 : 1)));
            }
            return history;
        }
    }

    /**
     * One past run of a baseline: minutes before the next newer one (or now), and its duration: for a completed run
     * {@code spread}/40 times the typical one (so the runs that count and those that do not differ), for a failed one
     * {@code spread} seconds.
     */
    record PastDuration(long minutesBefore, boolean completed, long spread) {
    }

    static Gen<Baseline> baselines() {
        Gen<PastDuration> run = Generate.longRange(1, 120).zip(
                Generate.frequency(Pair.of(4, Generate.constant(true)), Pair.of(1, Generate.constant(false))),
                Generate.longRange(0, 100), PastDuration::new);
        // Half the histories reach past the last 10 completed runs, so that what counts is decided by the rule.
        Gen<List<PastDuration>> runs = Generate.frequency(Pair.of(1, lists().of(run).ofSizeBetween(0, 9)),
                Pair.of(1, lists().of(run).ofSizeBetween(10, 24)));
        return Generate.longRange(50, 800).zip(runs, Baseline::new);
    }

    /** SYNC_DEGRADATION_FACTOR values from just above 1 to 4, in hundredths. */
    static Gen<Double> factors() {
        return Generate.range(101, 400).map(hundredths -> hundredths / 100.0);
    }

    /** Where a run's end lies against the window of the metrics query. */
    enum Age { INSIDE, JUST_INSIDE, JUST_OUTSIDE, LONG_BEFORE, AHEAD_OF_NOW }

    /**
     * One past run for the metrics query: where it ended ({@code seconds} places it within its {@link Age}), its
     * outcome, duration, rows read and error log entries (network, validation, database, unknown).
     */
    record PastRun(Age age, long seconds, boolean completed, long totalMs, int records, List<Integer> errors) {

        /** Seconds before now, never exactly on an edge of a window of {@code days}. */
        long ageSeconds(int days) {
            long window = days * 86_400L;
            return switch (age) {
                case INSIDE -> 1 + seconds % (window - 1);
                case JUST_INSIDE -> window - 1 - seconds % 600;
                case JUST_OUTSIDE -> window + 1 + seconds % 600;
                case LONG_BEFORE -> window + 601 + seconds % (400 * 86_400L);
                case AHEAD_OF_NOW -> -1 - seconds % 3_600;
            };
        }
    }

    /** A window of days and runs that ended in it, at its edges, long before it, or after now (a clock ahead). */
    record WindowedHistory(int days, List<PastRun> runs) {

        List<MetricsHistory.Run> runs(Instant now) {
            return runs.stream().map(run -> new MetricsHistory.Run(now.minusSeconds(run.ageSeconds(days)),
                    run.completed(), run.totalMs(), run.records(), run.errors())).toList();
        }
    }

    static Gen<WindowedHistory> windowedHistories() {
        Gen<Pair<Age, Long>> ends = Generate.enumValues(Age.class).zip(Generate.longRange(0, 40_000_000), Pair::of);
        Gen<Integer> records = Generate.frequency(Pair.of(3, Generate.constant(0)),
                Pair.of(7, Generate.range(1, 20_000)));
        Gen<Long> totalMs = Generate.frequency(Pair.of(1, Generate.constant(0L)),
                Pair.of(9, Generate.longRange(1, 600_000)));
        Gen<Boolean> completed = Generate.frequency(Pair.of(2, Generate.constant(true)),
                Pair.of(1, Generate.constant(false)));
        Gen<PastRun> run = ends.zip(completed, totalMs, records, lists().of(Generate.range(0, 5)).ofSize(4),
                (end, done, ms, rows, errors) -> new PastRun(end._1, end._2, done, ms, rows, errors));
        Gen<Integer> days = Generate.frequency(Pair.of(8, Generate.range(1, 20)), Pair.of(1, Generate.range(21, 365)));
        return days.zip(lists().of(run).ofSizeBetween(0, 10), WindowedHistory::new);
    }

    /** Times a run is to spend before its fetch and in compare, update and verify (0 in some, often). */
    static Gen<TimedRun.Times> plannedTimes() {
        Gen<Long> stage = Generate.frequency(Pair.of(3, Generate.constant(0L)),
                Pair.of(7, Generate.longRange(1, 300_000)));
        return Generate.longRange(1, 600_000).zip(stage, stage, stage, TimedRun.Times::new);
    }

    /** Times of a run of seconds, where the rule's "at least a second slower than the mean" can decide. */
    static Gen<TimedRun.Times> shortTimes() {
        Gen<Long> stage = Generate.frequency(Pair.of(3, Generate.constant(0L)),
                Pair.of(7, Generate.longRange(1, 4_000)));
        return Generate.longRange(1, 3_000).zip(stage, stage, stage, TimedRun.Times::new);
    }

    /**
     * The planned times a run of this sheet can be held for: compare only with invalid rows to log, update and verify
     * only with a valid row to write (a sheet without one fails before them).
     */
    static TimedRun.Times reachable(TimedRun.Times planned, MessySheet sheet) {
        boolean writes = sheet.validRowCount() > 0;
        return new TimedRun.Times(planned.beforeFetchMs(), sheet.invalidRows().isEmpty() ? 0 : planned.compareMs(),
                writes ? planned.updateMs() : 0, writes ? planned.verifyMs() : 0);
    }

    private static RunSummary runOn(MessySheet sheet, TimedRun.Times times) throws Exception {
        return runOn(sheet, times, List.of());
    }

    /** A run of the sheet after the given history, on an empty database without alerts. */
    private static RunSummary runOn(MessySheet sheet, TimedRun.Times times, List<MetricsHistory.Run> history)
            throws Exception {
        execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
        MetricsHistory.write(sql, history);
        service.sheet(sheet.csv());
        return timed.run(CLOCK::advance, times);
    }

    private static void useFactor(double factor) {
        Map<String, String> env = new HashMap<>(SETTINGS);
        env.put("SYNC_DEGRADATION_FACTOR", String.format(Locale.ROOT, "%.2f", factor));
        service.service().config().replace(SyncConfig.load(
                TestService.settings(database, service.sheetFile(), env), new Properties()));
    }

    private static JsonNode storedMetrics(String syncId) throws Exception {
        List<String> rows = query("SELECT json_build_object('execution_time', execution_time, 'throughput',"
                + " throughput, 'errors', errors)::text FROM sync_metrics WHERE audit_log_id = '" + syncId + "'");
        assertThat(rows).as("metrics row of run %s", syncId).hasSize(1);
        return JSON.readTree(rows.get(0));
    }

    private static void execute(String statements) throws SQLException {
        try (Statement statement = sql.createStatement()) {
            statement.execute(statements);
        }
    }

    /** The first column of every row, as text. */
    private static List<String> query(String select) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = sql.createStatement(); ResultSet rows = statement.executeQuery(select)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static Prometheus scrape() throws Exception {
        HttpResponse<String> answer = service.get("/observe/metrics", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        return new Prometheus(answer.body());
    }
}
