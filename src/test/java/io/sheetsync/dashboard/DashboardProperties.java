package io.sheetsync.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.alert.Alert;
import io.sheetsync.alert.AlertRepository;
import io.sheetsync.audit.AuditRepository;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.support.History;
import io.sheetsync.db.Database;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.sync.SyncCoordinator;
import io.sheetsync.sync.SyncLock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed properties 18 to 22: what the dashboard shows for any history. */
class DashboardProperties {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final Instant NEXT = NOW.plus(Duration.ofMinutes(4));

    static TestDatabase database;
    static Database pool;
    static DashboardService dashboard;

    /** A past run: minutes before now, duration, outcome, rows failed, sellers left missing. */
    record PastRun(int minutesAgo, int durationMs, boolean completed, int failedRows, int gaps) {
    }

    /** A past alert: minutes before now, severity, acknowledged. */
    record PastAlert(int minutesAgo, String severity, boolean acknowledged) {
    }

    @BeforeContainer
    static void migrate() {
        database = TestDatabase.create(DashboardProperties.class);
        pool = database.open();
        javax.sql.DataSource dataSource = pool.dataSource();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        AuditRepository audit = new AuditRepository(dataSource);
        ConfigProvider config = new ConfigProvider(SyncConfig.load(Map.of(), new Properties()));
        dashboard = new DashboardService(audit, new AlertRepository(dataSource, new ObjectMapper(), clock),
                new SyncCoordinator(new SyncLock(dataSource), audit, config, clock), () -> Optional.of(NEXT), clock);
    }

    @AfterContainer
    static void drop() {
        pool.close();
        database.close();
    }

    @BeforeTry
    void emptyTables() {
        database.execute("DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 18: for any dashboard access, the system displays last"
            + " successful sync time and next scheduled sync time")
    void shows_last_success_and_next_run(@ForAll("histories") List<PastRun> runs) throws Exception {
        seed(runs, List.of());

        HealthDashboard shown = dashboard.dashboard();

        Optional<Instant> lastSuccess = runs.stream().filter(PastRun::completed)
                .map(run -> start(run).plusMillis(run.durationMs())).max(Comparator.naturalOrder());
        assertThat(Optional.ofNullable(shown.lastSuccessfulSync())).isEqualTo(lastSuccess);
        assertThat(shown.nextScheduledSync()).isEqualTo(NEXT);
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 19: for any dashboard access, the system displays"
            + " success rates for the last 24 hours and the last 7 days")
    void shows_success_rates(@ForAll("histories") List<PastRun> runs) throws Exception {
        seed(runs, List.of());

        HealthDashboard shown = dashboard.dashboard();

        assertThat(shown.successRate24h()).isEqualTo(rate(runs, 24 * 60));
        assertThat(shown.successRate7d()).isEqualTo(rate(runs, 7 * 24 * 60));
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 20: for any dashboard access, the system displays the"
            + " current count of sync gaps")
    void shows_current_gap_count(@ForAll("histories") List<PastRun> runs) throws Exception {
        seed(runs, List.of());

        int expected = runs.stream().min(Comparator.comparingInt(PastRun::minutesAgo)).map(PastRun::gaps).orElse(0);
        assertThat(dashboard.dashboard().currentGapCount()).isEqualTo(expected);
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 21: for any dashboard access, the system displays recent"
            + " alerts with severity and timestamp")
    void shows_recent_alerts(@ForAll("alerts") List<PastAlert> alerts) throws Exception {
        seed(List.of(), alerts);

        List<Alert> shown = dashboard.dashboard().recentAlerts();

        assertThat(shown).hasSize(Math.min(alerts.size(), DashboardService.RECENT_ALERTS));
        assertThat(shown).allSatisfy(alert -> {
            assertThat(alert.severity()).isIn("high", "medium", "low");
            assertThat(alert.timestamp()).isNotNull();
        });
        assertThat(shown).extracting(Alert::timestamp).isSortedAccordingTo(Comparator.reverseOrder());
        alerts.stream().min(Comparator.comparingInt(PastAlert::minutesAgo)).ifPresent(newest ->
                assertThat(shown.get(0).timestamp()).isEqualTo(NOW.minus(Duration.ofMinutes(newest.minutesAgo()))));
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 22: for any dashboard access, the system provides trend"
            + " data for sync operations over time")
    void shows_trend(@ForAll("histories") List<PastRun> runs) throws Exception {
        seed(runs, List.of());

        List<HealthDashboard.TrendPoint> trend = dashboard.dashboard().syncTrend();

        assertThat(trend).hasSize(Math.min(runs.size(), DashboardService.TREND_RUNS));
        assertThat(trend).extracting(HealthDashboard.TrendPoint::timestamp).isSorted();
        for (HealthDashboard.TrendPoint point : trend) {
            PastRun run = runs.stream().filter(candidate -> start(candidate).equals(point.timestamp())).findFirst()
                    .orElseThrow();
            assertThat(point.duration()).isEqualTo(run.durationMs());
            assertThat(point.failureCount()).isEqualTo(run.failedRows());
            assertThat(point.status()).isEqualTo(run.completed() ? "completed" : "failed");
        }
    }

    @Provide
    Arbitrary<List<PastRun>> histories() {
        Arbitrary<PastRun> run = Combinators.combine(Arbitraries.integers().between(1, 14 * 24 * 60),
                Arbitraries.integers().between(0, 600_000), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 50), Arbitraries.integers().between(0, 3)).as(PastRun::new);
        return run.list().ofMaxSize(60).uniqueElements(PastRun::minutesAgo);
    }

    @Provide
    Arbitrary<List<PastAlert>> alerts() {
        Arbitrary<PastAlert> alert = Combinators.combine(Arbitraries.integers().between(1, 100_000),
                Arbitraries.of("high", "medium", "low"), Arbitraries.of(true, false)).as(PastAlert::new);
        return alert.list().ofMaxSize(20).uniqueElements(PastAlert::minutesAgo);
    }

    private static void seed(List<PastRun> runs, List<PastAlert> alerts) {
        History history = new History(database);
        runs.forEach(run -> history.run(start(run), run.durationMs(), run.completed(), 10, run.failedRows(),
                run.gaps()));
        alerts.forEach(alert -> history.alert(alert.severity(), "sync_gap",
                NOW.minus(Duration.ofMinutes(alert.minutesAgo())), alert.acknowledged()));
        history.save();
    }

    private static Instant start(PastRun run) {
        return NOW.minus(Duration.ofMinutes(run.minutesAgo()));
    }

    private static Double rate(List<PastRun> runs, int windowMinutes) {
        List<PastRun> inWindow = runs.stream().filter(run -> run.minutesAgo() <= windowMinutes).toList();
        if (inWindow.isEmpty()) {
            return null;
        }
        return inWindow.stream().filter(PastRun::completed).count() / (double) inWindow.size();
    }
}
