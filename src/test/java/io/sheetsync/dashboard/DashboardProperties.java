package io.sheetsync.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.sheetsync.alert.AlertType;
import io.sheetsync.alert.Severity;
import io.sheetsync.support.ApiJson;
import io.sheetsync.support.History;
import io.sheetsync.support.MutableClock;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.sheetsync.support.Unchecked.checked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed properties 18 to 22: what GET /api/dashboard shows for any history of runs and alerts, each checked against
 * what the generated history says.
 */
class DashboardProperties {

    /** The service's clock stands still, so the 24-hour and 7-day windows have exact edges the history can hit. */
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));

    /** README, "Dashboard": {@code recentAlerts} (10 newest), {@code syncTrend} (the last 50 runs, oldest first). */
    static final int RECENT_ALERTS = 10;
    static final int TREND_RUNS = 50;

    static final Duration DAY = Duration.ofDays(1);
    static final Duration WEEK = Duration.ofDays(7);

    @RegisterExtension
    static final RunningService SYNC = new RunningService(() -> Map.of("SYNC_SCHEDULE_ENABLED", "false"), CLOCK);

    /** How a past run ended: verified (completed or failed), failed before its verification, or still running. */
    enum Outcome { COMPLETED, FAILED, FAILED_UNVERIFIED, IN_PROGRESS }

    /** A past run: when it started, how long it took, how it ended, its row counts and the sellers it left missing. */
    record PastRun(Instant start, long durationMs, Outcome outcome, int succeeded, int failedRows, int gaps) {

        Instant end() {
            return start.plusMillis(durationMs);
        }

        boolean finished() {
            return outcome != Outcome.IN_PROGRESS;
        }

        boolean verified() {
            return outcome == Outcome.COMPLETED || outcome == Outcome.FAILED;
        }

        String status() {
            return switch (outcome) {
                case COMPLETED -> "completed";
                case IN_PROGRESS -> "in_progress";
                default -> "failed";
            };
        }

        @Override
        public String toString() {
            return start + " " + outcome + " " + durationMs + "ms ok=" + succeeded + " failed=" + failedRows
                    + " gaps=" + gaps;
        }
    }

    /** A past alert. */
    record PastAlert(Instant at, String severity, String type, boolean acknowledged) {

        @Override
        public String toString() {
            return at + " " + severity + " " + type + (acknowledged ? " acknowledged" : "");
        }
    }

    /** Where the schedule stands: off, or on at an interval (a service of its own, on the same database). */
    enum Schedule {
        OFF(0), EVERY_MINUTE(1), WEEKLY(7 * 24 * 60);

        final int minutes;

        Schedule(int minutes) {
            this.minutes = minutes;
        }
    }

    @BeforeEach
    void emptyTables() {
        clear();
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 18: Dashboard sync times — for any dashboard access,"
            + " the system should display last successful sync time and next scheduled sync time")
    void the_dashboard_shows_the_newest_success_and_a_next_run_within_one_interval() throws Exception {
        Map<Schedule, TestService> services = new EnumMap<>(Schedule.class);
        Map<Schedule, Instant> firstNext = new EnumMap<>(Schedule.class);
        services.put(Schedule.OFF, SYNC.service());
        try {
            for (Schedule schedule : List.of(Schedule.EVERY_MINUTE, Schedule.WEEKLY)) {
                services.put(schedule, TestService.start(SYNC.database(), Files.createTempDirectory("dashboard-18"),
                        Map.of("SYNC_SCHEDULE_ENABLED", "true",
                                "SYNC_INTERVAL_MINUTES", Integer.toString(schedule.minutes)), CLOCK));
            }
            // Each scheduled service runs once at start-up (on an empty sheet: it fails); let those runs end first.
            await().atMost(Duration.ofSeconds(60)).until(() -> services.values().stream()
                    .allMatch(service -> service.service().coordinator().current().isEmpty())
                    && SYNC.database().query("SELECT 1 FROM sync_audit_logs WHERE trigger_source = 'scheduled'"
                    + " AND status <> 'in_progress'").size() >= 2);
            for (Schedule schedule : List.of(Schedule.EVERY_MINUTE, Schedule.WEEKLY)) {
                firstNext.put(schedule, ApiJson.instant(dashboard(services.get(schedule)).get("nextScheduledSync")));
            }

            Gen<Pair<Schedule, List<PastRun>>> examples = Generate.enumValues(Schedule.class).zip(runs(0, 30),
                    Pair::of);
            PropertyTests.runs().forAll(examples).checkAssert(checked(example -> {
                Schedule schedule = example._1;
                List<PastRun> runs = example._2;
                clear();
                seed(runs, List.of());

                Instant before = Instant.now();
                JsonNode shown = dashboard(services.get(schedule));
                Instant after = Instant.now();

                Instant newestSuccess = runs.stream().filter(run -> run.outcome() == Outcome.COMPLETED)
                        .map(PastRun::end).max(Comparator.naturalOrder()).orElse(null);
                assertThat(ApiJson.instant(shown.get("lastSuccessfulSync"))).isEqualTo(newestSuccess);
                Instant next = ApiJson.instant(shown.get("nextScheduledSync"));
                if (schedule == Schedule.OFF) {
                    assertThat(next).isNull();
                    return;
                }
                Duration interval = Duration.ofMinutes(schedule.minutes);
                // At the very moment a run fires, Quartz still names it as the next for a few milliseconds.
                assertThat(next).isAfter(before.minusSeconds(1)).isBeforeOrEqualTo(after.plus(interval));
                // Runs start every interval from the first one: the next is a whole number of intervals on.
                assertThat(Duration.between(firstNext.get(schedule), next).toMillis() % interval.toMillis())
                        .as("next %s, first seen %s", next, firstNext.get(schedule)).isZero();
            }));
        } finally {
            services.remove(Schedule.OFF);
            services.values().forEach(TestService::close);
        }
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 19: Dashboard success rates — for any dashboard"
            + " access, the system should display calculated success rates for last 24 hours and last 7 days")
    void the_dashboard_shows_the_share_of_completed_runs_over_a_day_and_a_week() {
        PropertyTests.runs().forAll(runs(0, 40)).checkAssert(checked(runs -> {
            clear();
            seed(runs, List.of());

            JsonNode shown = dashboard(SYNC.service());

            assertThat(rate(shown.get("successRate24h"))).isEqualTo(expectedRate(runs, DAY));
            assertThat(rate(shown.get("successRate7d"))).isEqualTo(expectedRate(runs, WEEK));
        }));
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 20: Dashboard gap count — for any dashboard access,"
            + " the system should display the current count of sync gaps if any exist")
    void the_dashboard_shows_the_gaps_the_newest_verified_run_left() {
        PropertyTests.runs().forAll(runs(0, 30)).checkAssert(checked(runs -> {
            clear();
            seed(runs, List.of());

            int expected = runs.stream().filter(PastRun::verified).max(Comparator.comparing(PastRun::start))
                    .map(PastRun::gaps).orElse(0);
            assertThat(dashboard(SYNC.service()).get("currentGapCount").asInt()).isEqualTo(expected);
        }));
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 21: Dashboard recent alerts — for any dashboard"
            + " access, the system should display recent alerts with severity and timestamp")
    void the_dashboard_shows_the_newest_alerts_with_severity_and_time() {
        PropertyTests.runs().forAll(alerts()).checkAssert(checked(alerts -> {
            clear();
            seed(List.of(), alerts);

            List<String> expected = alerts.stream().sorted(Comparator.comparing(PastAlert::at).reversed())
                    .limit(RECENT_ALERTS).map(PastAlert::toString).toList();
            List<String> shown = new ArrayList<>();
            dashboard(SYNC.service()).get("recentAlerts").forEach(alert -> shown.add(new PastAlert(
                    ApiJson.instant(alert.get("timestamp")), alert.get("severity").asText(), alert.get("type").asText(),
                    alert.get("acknowledged").asBoolean()).toString()));
            assertThat(shown).isEqualTo(expected);
        }));
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 22: Dashboard trend data — for any dashboard access,"
            + " the system should provide trend data for sync operations over time")
    void the_dashboard_trend_is_the_newest_finished_runs_oldest_first() {
        PropertyTests.runs().forAll(runs(0, 70)).checkAssert(checked(runs -> {
            clear();
            seed(runs, List.of());

            List<PastRun> finished = runs.stream().filter(PastRun::finished)
                    .sorted(Comparator.comparing(PastRun::start).reversed()).limit(TREND_RUNS).toList();
            List<String> expected = new ArrayList<>();
            for (int i = finished.size() - 1; i >= 0; i--) {
                PastRun run = finished.get(i);
                expected.add(point(run.start(), run.status(), run.succeeded(), run.failedRows(), run.durationMs()));
            }
            List<String> shown = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            dashboard(SYNC.service()).get("syncTrend").forEach(point -> {
                shown.add(point(ApiJson.instant(point.get("timestamp")), point.get("status").asText(),
                        point.get("successCount").asInt(), point.get("failureCount").asInt(),
                        point.get("duration").asLong()));
                ids.add(point.get("syncId").asText());
            });
            assertThat(shown).isEqualTo(expected);
            assertThat(ids).as("one point per run").hasSize(expected.size());
        }));
    }

    private static String point(Instant start, String status, int succeeded, int failed, long durationMs) {
        return start + " " + status + " ok=" + succeeded + " failed=" + failed + " " + durationMs + "ms";
    }

    private static Double expectedRate(List<PastRun> runs, Duration window) {
        Instant since = CLOCK.instant().minus(window);
        List<PastRun> finished = runs.stream().filter(PastRun::finished)
                .filter(run -> !run.start().isBefore(since)).toList();
        if (finished.isEmpty()) {
            return null;
        }
        return finished.stream().filter(run -> run.outcome() == Outcome.COMPLETED).count() / (double) finished.size();
    }

    private static Double rate(JsonNode value) {
        return value == null || value.isNull() ? null : value.asDouble();
    }

    private static JsonNode dashboard(TestService service) throws Exception {
        return ApiJson.get(service, "/api/dashboard", TestService.VIEWER, 200);
    }

    private static void clear() {
        SYNC.database().execute("DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
    }

    /**
     * Writes the history: verified runs through {@link History}; runs without a verification (failed before it, or
     * still running) as rows of their own.
     */
    private static void seed(List<PastRun> runs, List<PastAlert> alerts) {
        History history = new History(SYNC.database());
        List<String> unverified = new ArrayList<>();
        for (PastRun run : runs) {
            if (run.verified()) {
                history.run(run.start(), run.durationMs(), run.outcome() == Outcome.COMPLETED, run.succeeded(),
                        run.failedRows(), run.gaps());
            } else {
                unverified.add("(" + utc(run.start()) + ", "
                        + (run.finished() ? utc(run.end()) : "NULL") + ", 'scheduled', '" + run.status() + "', "
                        + run.succeeded() + ", " + run.failedRows() + ", " + run.succeeded() + ", "
                        + (run.succeeded() + run.failedRows()) + ")");
            }
        }
        alerts.forEach(alert -> history.alert(alert.severity(), alert.type(), alert.at(), alert.acknowledged()));
        history.save();
        if (!unverified.isEmpty()) {
            SYNC.database().execute("INSERT INTO sync_audit_logs (start_time, end_time, trigger_source, status,"
                    + " success_count, failure_count, unchanged_count, total_records) VALUES "
                    + String.join(", ", unverified));
        }
    }

    private static String utc(Instant instant) {
        return "TIMESTAMP '" + LocalDateTime.ofInstant(instant, ZoneOffset.UTC) + "'";
    }

    /**
     * Histories of two weeks: runs at distinct seconds, some exactly on or a second either side of the 24-hour and
     * 7-day edges, each ended by now.
     */
    private static Gen<List<PastRun>> runs(int min, int max) {
        long day = DAY.toSeconds();
        long week = WEEK.toSeconds();
        Gen<Long> secondsAgo = Generate.frequency(
                Pair.of(8, Generate.longRange(1, 2 * week)),
                Pair.of(2, Generate.pick(List.of(day - 1, day, day + 1, week - 1, week, week + 1))));
        Gen<Outcome> outcomes = Generate.frequency(
                Pair.of(5, Generate.constant(Outcome.COMPLETED)),
                Pair.of(3, Generate.constant(Outcome.FAILED)),
                Pair.of(1, Generate.constant(Outcome.FAILED_UNVERIFIED)),
                Pair.of(1, Generate.constant(Outcome.IN_PROGRESS)));
        Gen<List<PastRun>> runs = in -> {
            int size = Generate.range(min, max).generate(in);
            Set<Long> taken = new HashSet<>();
            List<PastRun> history = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                long ago = secondsAgo.generate(in);
                Outcome outcome = outcomes.generate(in);
                long duration = Generate.longRange(0, Math.min(ago * 1000, 600_000)).generate(in);
                int succeeded = Generate.range(0, 60).generate(in);
                int failed = Generate.range(0, 5).generate(in);
                int gaps = Generate.frequency(Pair.of(3, Generate.constant(0)), Pair.of(1, Generate.range(1, 4)))
                        .generate(in);
                if (taken.add(ago)) {
                    history.add(new PastRun(CLOCK.instant().minusSeconds(ago), duration, outcome, succeeded, failed,
                            gaps));
                }
            }
            return history;
        };
        return runs.describedAs(history -> history.stream().map(PastRun::toString)
                .collect(Collectors.joining("\n  ", "runs:\n  ", "")));
    }

    /** Up to 25 alerts of any severity, type and acknowledgement, at distinct seconds of the last month. */
    private static Gen<List<PastAlert>> alerts() {
        List<String> severities = Arrays.stream(Severity.values()).map(Severity::code).toList();
        List<String> types = Arrays.stream(AlertType.values()).map(AlertType::code).toList();
        Gen<List<PastAlert>> alerts = in -> {
            int size = Generate.range(0, 25).generate(in);
            Set<Integer> taken = new HashSet<>();
            List<PastAlert> list = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int ago = Generate.range(0, 30 * 24 * 3600).generate(in);
                PastAlert alert = new PastAlert(CLOCK.instant().minusSeconds(ago),
                        Generate.pick(severities).generate(in), Generate.pick(types).generate(in),
                        Generate.booleans().generate(in));
                if (taken.add(ago)) {
                    list.add(alert);
                }
            }
            return list;
        };
        return alerts.describedAs(list -> list.stream().map(PastAlert::toString)
                .collect(Collectors.joining("\n  ", "alerts:\n  ", "")));
    }
}
