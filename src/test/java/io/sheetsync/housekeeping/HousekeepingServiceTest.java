package io.sheetsync.housekeeping;

import com.fasterxml.jackson.databind.JsonNode;
import io.sheetsync.config.ConfigException;
import io.sheetsync.support.ApiJson;
import io.sheetsync.support.MutableClock;
import io.sheetsync.support.Prometheus;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.TriggerKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Housekeeping in the running service: its route and schedule, POST /api/housekeeping, its meters, its settings. */
class HousekeepingServiceTest {

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    static TestDatabase database;

    @TempDir
    Path directory;

    @BeforeAll
    static void open() {
        database = TestDatabase.create(HousekeepingServiceTest.class);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void emptyTables() {
        // the first test's service migrates the schema; later ones start from empty tables
        if (!database.query("SELECT to_regclass('sync_audit_logs')::text").contains(null)) {
            database.execute("TRUNCATE sync_audit_logs, sync_alerts, sync_metrics_daily CASCADE");
        }
    }

    TestService start(Map<String, String> settings) throws Exception {
        return TestService.start(database, directory, settings, new MutableClock(NOW));
    }

    @Test
    void post_housekeeping_is_for_admins_and_answers_what_it_removed_archived_rolled_up_and_acknowledged()
            throws Exception {
        Path archive = directory.resolve("archive");
        try (TestService service = start(Map.of("SYNC_ARCHIVE_DIR", archive.toString()))) {
            OldRuns seed = new OldRuns(database);
            UUID old = seed.run(NOW.minus(Duration.ofDays(100)), "failed");
            UUID recent = seed.run(NOW.minus(Duration.ofDays(1)), "completed");
            database.execute("INSERT INTO sync_alerts (severity, type, condition_key, message, created_at)"
                    + " VALUES ('high', 'no_sync', 'no_sync', 'm', TIMESTAMP '2026-01-01')");

            assertThat(service.post("/api/housekeeping", null).statusCode()).isEqualTo(401);
            assertThat(service.post("/api/housekeeping", TestService.VIEWER).statusCode()).isEqualTo(403);
            assertThat(service.post("/api/housekeeping", TestService.OPERATOR).statusCode()).isEqualTo(403);
            assertThat(database.query("SELECT count(*) FROM sync_audit_logs")).containsExactly("2");

            JsonNode answer = ApiJson.post(service, "/api/housekeeping", TestService.ADMIN, 200);

            assertThat(answer.get("removed").get("runs").asInt()).isEqualTo(1);
            assertThat(answer.get("removed").get("recordLogs").asInt()).isEqualTo(OldRuns.RECORD_LOGS);
            assertThat(answer.get("removed").get("errorLogs").asInt()).isEqualTo(OldRuns.ERROR_LOGS);
            assertThat(answer.get("removed").get("gaps").asInt()).isEqualTo(OldRuns.GAPS);
            assertThat(answer.get("removed").get("recoveryActions").asInt()).isEqualTo(OldRuns.RECOVERY_ACTIONS);
            assertThat(answer.get("removed").get("archived").asInt()).isEqualTo(1);
            assertThat(answer.get("alertsAcknowledged").asInt()).isEqualTo(1);
            assertThat(answer.has("metricsRolledUp")).isTrue();
            assertThat(answer.has("skipped")).isFalse();
            assertThat(database.query("SELECT id FROM sync_audit_logs")).containsExactly(recent.toString());
            assertThat(database.query("SELECT acknowledged_by FROM sync_alerts")).containsExactly("housekeeping");
            assertThat(Files.list(archive).toList()).hasSize(1);
            assertThat(database.query("SELECT id FROM sync_audit_logs WHERE id = '" + old + "'")).isEmpty();

            Prometheus scrape = new Prometheus(service.get("/observe/metrics", null).body());
            assertThat(scrape.get("sheet_sync_housekeeping_runs_total{outcome=\"completed\"}")).isEqualTo(1.0);
            assertThat(scrape.get("sheet_sync_housekeeping_runs_total{outcome=\"skipped\"}")).isEqualTo(0.0);
            assertThat(scrape.get("sheet_sync_housekeeping_rows_total{kind=\"runs_removed\"}")).isEqualTo(1.0);
            assertThat(scrape.get("sheet_sync_housekeeping_rows_total{kind=\"alerts_acknowledged\"}")).isEqualTo(1.0);
        }
    }

    @Test
    void while_another_instance_housekeeps_the_call_answers_409_and_changes_nothing() throws Exception {
        try (TestService service = start(Map.of());
             Connection otherInstance = database.connect(); Statement statement = otherInstance.createStatement()) {
            new OldRuns(database).run(NOW.minus(Duration.ofDays(100)), "failed");
            statement.execute("SELECT pg_advisory_lock(" + HousekeepingLock.LOCK_KEY + ")");

            JsonNode answer = ApiJson.post(service, "/api/housekeeping", TestService.ADMIN, 409);

            assertThat(answer.get("error").asText()).isEqualTo("housekeeping_in_progress");
            assertThat(database.query("SELECT count(*) FROM sync_audit_logs")).containsExactly("1");
            statement.execute("SELECT pg_advisory_unlock(" + HousekeepingLock.LOCK_KEY + ")");
            assertThat(ApiJson.post(service, "/api/housekeeping", TestService.ADMIN, 200)
                    .get("removed").get("runs").asInt()).isEqualTo(1);
        }
    }

    @Test
    void a_changed_retention_applies_to_the_next_run_without_a_restart() throws Exception {
        try (TestService service = start(Map.of())) {
            UUID old = new OldRuns(database).run(NOW.minus(Duration.ofDays(100)), "failed");
            retention(service, 200);
            assertThat(ApiJson.post(service, "/api/housekeeping", TestService.ADMIN, 200)
                    .get("removed").get("runs").asInt()).isZero();

            retention(service, 99);
            assertThat(ApiJson.post(service, "/api/housekeeping", TestService.ADMIN, 200)
                    .get("removed").get("runs").asInt()).isEqualTo(1);
            assertThat(database.query("SELECT id FROM sync_audit_logs WHERE id = '" + old + "'")).isEmpty();
        }
    }

    @Test
    void the_daily_schedule_is_the_configured_cron_in_the_sync_time_zone() throws Exception {
        try (TestService service = start(Map.of("SYNC_HOUSEKEEPING_CRON", "0 15 4 * * ?",
                "SYNC_TIME_ZONE", "Europe/Berlin"))) {
            CronTrigger trigger = (CronTrigger) service.service().camelContext()
                    .getComponent("quartz", QuartzComponent.class).getScheduler()
                    .getTrigger(TriggerKey.triggerKey("housekeeping", "sheet-sync"));

            assertThat(trigger.getCronExpression()).isEqualTo("0 15 4 * * ?");
            assertThat(trigger.getTimeZone()).isEqualTo(TimeZone.getTimeZone("Europe/Berlin"));
            assertThat(service.service().camelContext().getRouteController().getRouteStatus("housekeeping-scheduled")
                    .isStarted()).isTrue();
        }
    }

    @Test
    void a_bad_housekeeping_setting_stops_start_up_naming_the_key() throws Exception {
        Path notADirectory = Files.writeString(directory.resolve("file"), "x");
        for (Map.Entry<String, String> bad : Map.of("SYNC_RETENTION_DAYS", "0", "SYNC_METRICS_ROLLUP_DAYS", "many",
                "SYNC_ALERT_AUTO_ACK_DAYS", "-3", "SYNC_HOUSEKEEPING_CRON", "daily at 3",
                "SYNC_ARCHIVE_DIR", notADirectory.toString()).entrySet()) {
            assertThatThrownBy(() -> start(Map.of(bad.getKey(), bad.getValue())).close()).as(bad.getKey())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(bad.getKey() + ":")
                    .extracting(e -> ((ConfigException) e).key()).isEqualTo(bad.getKey());
        }
    }

    /** Changes the retention in force through the runtime configuration API. */
    private static void retention(TestService service, int days) throws Exception {
        ApiJson.put(service, "/api/config", TestService.ADMIN, "{\"retention\": {\"retentionDays\": " + days + "}}", 200);
    }
}
