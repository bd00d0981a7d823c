package io.sheetsync.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.support.ApiJson;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The runtime configuration API (CONTRACT section 3: GET/PUT /api/config, GET /api/config/history) on a running service:
 * its shape and sources, partial updates, every validation rule and bad body (all or nothing), history with who made
 * each change, the config_changed alert, the schedule following a new interval, a restart keeping API values, and a
 * second instance on the same database picking a change up.
 */
class ConfigApiTest {

    static TestDatabase database;
    static Path directory;
    static TestService service;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create(ConfigApiTest.class);
        directory = Files.createTempDirectory("config-api");
        service = TestService.start(database, directory, Map.of("SYNC_INTERVAL_MINUTES", "5", "SYNC_SCHEDULE_ENABLED", "true",
                "SYNC_ALERT_EMAILS", "ops@example.com"));
    }

    @AfterAll
    static void stop() {
        service.close();
        database.close();
    }

    @BeforeEach
    void startupValues() {
        database.execute("DELETE FROM sync_config; DELETE FROM sync_config_history; DELETE FROM sync_alerts");
        service.service().settings().refresh();
    }

    @Test
    void the_settings_are_shown_in_the_seeds_shape_with_where_each_comes_from() throws Exception {
        JsonNode config = ApiJson.get(service, "/api/config", TestService.ADMIN, 200);

        assertThat(config.get("syncIntervalMinutes").asInt()).isEqualTo(5);
        assertThat(config.get("consecutiveFailureThreshold").asInt()).isEqualTo(3);
        assertThat(config.get("syncGapThreshold").asInt()).isEqualTo(5);
        assertThat(config.get("noSyncThresholdMinutes").asInt()).isEqualTo(30);
        assertThat(config.get("autoRecoveryEnabled").asBoolean()).isTrue();
        assertThat(config.get("retryConfig").toString())
                .isEqualTo("{\"maxRetries\":3,\"initialDelayMs\":1000,\"maxDelayMs\":30000,\"backoffMultiplier\":2.0}");
        assertThat(config.get("alertConfig").toString())
                .isEqualTo("{\"emailEnabled\":true,\"emailRecipients\":[\"ops@example.com\"]}");
        assertThat(config.get("sources").get("syncIntervalMinutes").asText()).isEqualTo("startup");
        assertThat(config.get("updatedAt").isNull()).isTrue();
        assertThat(ApiJson.get(service, "/api/config", TestService.OPERATOR, 403).get("error").asText())
                .isEqualTo("forbidden");
        assertThat(service.get("/api/config", null).statusCode()).isEqualTo(401);
    }

    @Test
    void a_partial_update_changes_only_what_it_names_nested_objects_partial_too() throws Exception {
        JsonNode after = ApiJson.put(service, "/api/config", TestService.ADMIN,
                "{\"consecutiveFailureThreshold\": 7, \"retryConfig\": {\"maxRetries\": 5}}", 200);

        assertThat(after.get("consecutiveFailureThreshold").asInt()).isEqualTo(7);
        assertThat(after.get("retryConfig").get("maxRetries").asInt()).isEqualTo(5);
        assertThat(after.get("retryConfig").get("initialDelayMs").asInt()).isEqualTo(1000);
        assertThat(after.get("syncGapThreshold").asInt()).isEqualTo(5);
        assertThat(after.get("sources").get("consecutiveFailureThreshold").asText()).isEqualTo("api");
        assertThat(after.get("sources").get("retryConfig.maxRetries").asText()).isEqualTo("api");
        assertThat(after.get("sources").get("retryConfig.initialDelayMs").asText()).isEqualTo("startup");
        assertThat(after.get("updatedBy").asText()).isEqualTo("admin");
        assertThat(service.service().config().current().alerts().consecutiveFailureThreshold()).isEqualTo(7);
        assertThat(service.service().config().current().recovery().retryMax()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0} is refused naming {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"syncIntervalMinutes\": 0}|syncIntervalMinutes",
        "{\"syncIntervalMinutes\": 2.5}|syncIntervalMinutes",
        "{\"syncIntervalMinutes\": \"10\"}|syncIntervalMinutes",
        "{\"consecutiveFailureThreshold\": 0}|consecutiveFailureThreshold",
        "{\"syncGapThreshold\": -1}|syncGapThreshold",
        "{\"noSyncThresholdMinutes\": 0}|noSyncThresholdMinutes",
        "{\"autoRecoveryEnabled\": \"yes\"}|autoRecoveryEnabled",
        "{\"retryConfig\": {\"initialDelayMs\": 0}}|retryConfig.initialDelayMs",
        "{\"retryConfig\": {\"maxDelayMs\": 10}}|retryConfig.maxDelayMs",
        "{\"retryConfig\": {\"backoffMultiplier\": 0.5}}|retryConfig.backoffMultiplier",
        "{\"retryConfig\": {\"maxRetries\": 11}}|retryConfig.maxRetries",
        "{\"retryConfig\": {\"maxRetries\": -1}}|retryConfig.maxRetries",
        "{\"retryConfig\": 3}|retryConfig",
        "{\"retryConfig\": {\"retries\": 3}}|retryConfig.retries",
        "{\"alertConfig\": {\"emailRecipients\": [\"not an address\"]}}|alertConfig.emailRecipients",
        "{\"alertConfig\": {\"emailRecipients\": \"ops@example.com\"}}|alertConfig.emailRecipients",
        "{\"alertConfig\": {\"emailRecipients\": [1]}}|alertConfig.emailRecipients",
        "{\"batchSize\": 10}|batchSize"})
    void an_invalid_value_or_unknown_setting_is_refused_naming_it_and_changes_nothing(String body, String field)
            throws Exception {
        String change = "{\"syncGapThreshold\": 9, " + body.substring(1);

        JsonNode refused = ApiJson.put(service, "/api/config", TestService.ADMIN, change, 400);

        assertThat(refused.get("error").asText()).isEqualTo("invalid_config");
        assertThat(refused.get("field").asText()).isEqualTo(field);
        assertThat(refused.get("message").asText()).contains(field);
        assertThat(ApiJson.get(service, "/api/config", TestService.ADMIN, 200).get("syncGapThreshold").asInt())
                .as("all or nothing: the valid part of the body is not applied either").isEqualTo(5);
        assertThat(database.query("SELECT count(*)::text FROM sync_config_history")).containsExactly("0");
    }

    @Test
    void a_body_that_is_not_a_json_object_or_too_large_is_refused() throws Exception {
        assertThat(ApiJson.put(service, "/api/config", TestService.ADMIN, "{\"syncIntervalMinutes\": ", 400)
                .get("field").isNull()).isTrue();
        assertThat(ApiJson.put(service, "/api/config", TestService.ADMIN, "[1, 2]", 400).get("error").asText())
                .isEqualTo("invalid_config");
        assertThat(ApiJson.put(service, "/api/config", TestService.ADMIN, "", 400).get("error").asText())
                .isEqualTo("invalid_config");
        String large = "{\"alertConfig\": {\"emailRecipients\": [" + "\"a@example.com\",".repeat(2_000)
                + "\"b@example.com\"]}}";
        assertThat(ApiJson.put(service, "/api/config", TestService.ADMIN, large, 413).get("error").asText())
                .isEqualTo("payload_too_large");
        assertThat(ApiJson.put(service, "/api/config?force=true", TestService.ADMIN, "{}", 400).get("field")
                .asText()).isEqualTo("force");
        assertThat(service.put("/api/config", TestService.OPERATOR, "{\"syncGapThreshold\": 9}").statusCode())
                .isEqualTo(403);
        assertThat(database.query("SELECT count(*)::text FROM sync_config")).containsExactly("0");
    }

    @Test
    void every_change_is_recorded_per_setting_with_who_and_raises_a_low_alert() throws Exception {
        ApiJson.put(service, "/api/config", TestService.ADMIN,
                "{\"syncGapThreshold\": 9, \"alertConfig\": {\"emailEnabled\": false}}", 200);
        ApiJson.put(service, "/api/config", TestService.ADMIN, "{\"syncGapThreshold\": 9}", 200);
        ApiJson.put(service, "/api/config", TestService.ADMIN, "{\"syncGapThreshold\": null}", 200);

        JsonNode changes = ApiJson.get(service, "/api/config/history?limit=10", TestService.ADMIN, 200).get("changes");

        assertThat(changes).hasSize(3);
        assertThat(changes.get(0).get("setting").asText()).isEqualTo("syncGapThreshold");
        assertThat(changes.get(0).get("oldValue").asInt()).isEqualTo(9);
        assertThat(changes.get(0).get("newValue").asInt()).as("reset to the start-up value").isEqualTo(5);
        assertThat(changes.get(0).get("changedBy").asText()).isEqualTo("admin");
        assertThat(ApiJson.instant(changes.get(0).get("changedAt"))).isAfter(Instant.now().minusSeconds(60));
        assertThat(List.of(changes.get(1).get("setting").asText(), changes.get(2).get("setting").asText()))
                .containsExactlyInAnyOrder("syncGapThreshold", "alertConfig.emailEnabled");
        assertThat(service.service().config().current().mail().enabled()).as("mail switched off").isFalse();
        assertThat(database.query("SELECT severity || '|' || type FROM sync_alerts WHERE type = 'config_changed'"))
                .as("one alert per change that changed something; the repeat of a value in force is none")
                .containsExactly("low|config_changed", "low|config_changed");
        assertThat(database.query("SELECT message FROM sync_alerts WHERE type = 'config_changed' ORDER BY created_at")
                .get(0))
                .contains("by admin", "syncGapThreshold 5 -> 9", "alertConfig.emailEnabled true -> false");
    }

    @Test
    void a_new_interval_moves_the_next_scheduled_run() throws Exception {
        Instant before = ApiJson.instant(ApiJson.get(service, "/api/dashboard", TestService.VIEWER, 200)
                .get("nextScheduledSync"));
        assertThat(before).isBetween(Instant.now(), Instant.now().plus(Duration.ofMinutes(5)));

        ApiJson.put(service, "/api/config", TestService.ADMIN, "{\"syncIntervalMinutes\": 120}", 200);

        Instant after = ApiJson.instant(ApiJson.get(service, "/api/dashboard", TestService.VIEWER, 200)
                .get("nextScheduledSync"));
        assertThat(after).isBetween(Instant.now().plus(Duration.ofMinutes(119)), Instant.now()
                .plus(Duration.ofMinutes(120)));
        ApiJson.put(service, "/api/config", TestService.ADMIN, "{\"syncIntervalMinutes\": null}", 200);
        assertThat(ApiJson.instant(ApiJson.get(service, "/api/dashboard", TestService.VIEWER, 200)
                .get("nextScheduledSync"))).isBefore(Instant.now().plus(Duration.ofMinutes(5)));
    }

    @Test
    void the_refresh_puts_only_a_change_of_the_stored_values_in_force() throws Exception {
        SyncConfig before = service.service().config().current();
        SyncConfig replaced = SyncConfig.load(TestService.settings(database, service.sheetFile(),
                Map.of("SYNC_GAP_ALERT_THRESHOLD", "77")), new Properties());
        try {
            service.service().config().replace(replaced);
            service.service().settings().refresh();
            assertThat(service.service().config().current()).as("nothing stored changed").isSameAs(replaced);

            database.execute("INSERT INTO sync_config (config_key, config_value, updated_at, updated_by)"
                    + " VALUES ('syncGapThreshold', '12', now(), 'another instance')");
            service.service().settings().refresh();
            assertThat(service.service().config().current().alerts().gapThreshold()).isEqualTo(12);
        } finally {
            service.service().config().replace(before);
        }
    }

    @Test
    void values_set_through_the_api_survive_a_restart_and_reach_another_instance() throws Exception {
        ApiJson.put(service, "/api/config", TestService.ADMIN, "{\"noSyncThresholdMinutes\": 45}", 200);

        try (TestService second = TestService.start(database, Files.createTempDirectory("config-api-second"),
                Map.of("SYNC_INTERVAL_MINUTES", "5"))) {
            assertThat(ApiJson.get(second, "/api/config", TestService.ADMIN, 200).get("noSyncThresholdMinutes")
                    .asInt()).as("read at start-up").isEqualTo(45);

            ApiJson.put(second, "/api/config", TestService.ADMIN, "{\"noSyncThresholdMinutes\": 50}", 200);

            await().atMost(Duration.ofSeconds(SyncConfigService.REFRESH_SECONDS * 3L))
                    .until(() -> service.service().config().current().alerts().noSyncMinutes() == 50);
        }
    }
}
