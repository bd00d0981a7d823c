package io.sheetsync.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.support.ApiJson;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sheetsync.support.Unchecked.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Seed properties 42 and 46 through the running service's config API: the interval a PUT takes (README: an integer of
 * minutes from 1 to 10080, a week) and moves the schedule with, and generated sequences of changes, each in force at
 * once without a restart. The expected settings are folded from the generated changes over README's defaults; the
 * service is only asked what it did.
 */
class ConfigReloadProperties {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(() -> Map.of("SYNC_SCHEDULE_ENABLED", "true"));

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** README's defaults of the runtime settings, in the API's names. */
    static final Map<String, Object> DEFAULTS = defaults();

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 42: Sync interval validation — for any sync interval"
            + " configuration, the system should accept values in minutes with a minimum of 1 minute")
    void an_interval_is_taken_exactly_when_it_is_a_whole_number_of_minutes_from_1_to_a_week_and_moves_the_schedule() {
        PropertyTests.pure().forAll(intervals()).checkAssert(value -> check(() -> intervalFollowsTheRule(value)));
    }

    private static void intervalFollowsTheRule(JsonNode value) throws Exception {
        reset();
        boolean valid = value.isIntegralNumber() && value.asLong() >= 1 && value.asLong() <= 7 * 24 * 60;
        Instant before = Instant.now();

        HttpResponse<String> answer = SYNC.service().put("/api/config", TestService.ADMIN,
                "{\"syncIntervalMinutes\": " + value + "}");

        Instant after = Instant.now();
        JsonNode config = ApiJson.get(SYNC.service(), "/api/config", TestService.ADMIN, 200);
        if (!valid) {
            JsonNode refused = ApiJson.read(answer, 400);
            assertThat(refused.get("field").asText()).isEqualTo("syncIntervalMinutes");
            assertThat(config.get("syncIntervalMinutes").asDouble()).isEqualTo(DEFAULTS.get("syncIntervalMinutes"));
            return;
        }
        ApiJson.read(answer, 200);
        assertThat(config.get("syncIntervalMinutes").asLong()).isEqualTo(value.asLong());
        assertThat(config.get("sources").get("syncIntervalMinutes").asText()).isEqualTo("api");
        Instant next = ApiJson.instant(ApiJson.get(SYNC.service(), "/api/dashboard", TestService.VIEWER, 200)
                .get("nextScheduledSync"));
        Duration period = Duration.ofMinutes(value.asLong());
        assertThat(next).as("the next run, one new period after the change")
                .isBetween(before.plus(period).minusSeconds(1), after.plus(period).plusSeconds(1));
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 46: Hot configuration reload — for any configuration"
            + " change, the system should apply new settings without requiring a server restart")
    void every_change_of_a_generated_sequence_is_in_force_at_once_and_a_refused_one_changes_nothing() {
        PropertyTests.pure().forAll(lists().of(changes()).ofSizeBetween(1, 6))
                .checkAssert(sequence -> check(() -> eachChangeIsInForce(sequence)));
    }

    private static void eachChangeIsInForce(List<Map<String, JsonNode>> sequence) throws Exception {
        reset();
        Map<String, Object> expected = new LinkedHashMap<>(DEFAULTS);
        for (Map<String, JsonNode> change : sequence) {
            Map<String, Object> next = new LinkedHashMap<>(expected);
            change.forEach((setting, value) -> next.put(setting, value.isNull() ? DEFAULTS.get(setting)
                    : JSON.convertValue(value, Object.class)));
            // README: the longest wait between two attempts is at least the first one
            boolean valid = ((Number) next.get("retryConfig.maxDelayMs")).longValue()
                    >= ((Number) next.get("retryConfig.initialDelayMs")).longValue();

            HttpResponse<String> answer = SYNC.service().put("/api/config", TestService.ADMIN, body(change));

            ApiJson.read(answer, valid ? 200 : 400);
            if (valid) {
                expected = next;
            }
            assertThat(inForce(ApiJson.get(SYNC.service(), "/api/config", TestService.ADMIN, 200)))
                    .as("after %s", change).isEqualTo(normalised(expected));
            assertThat(inForce(SYNC.service().service().config().current())).as("the settings the beans read")
                    .isEqualTo(normalised(expected));
        }
    }

    /** Every setting back at its start-up value. */
    private static void reset() {
        SYNC.database().execute("DELETE FROM sync_config; DELETE FROM sync_config_history");
        SYNC.service().service().settings().refresh();
    }

    private static Gen<JsonNode> intervals() {
        Gen<JsonNode> whole = integers().between(-3, 10_100).map(value -> (JsonNode) NODES.numberNode(value));
        Gen<JsonNode> edges = Generate.pick(List.of(0, 1, 2, 10_079, 10_080, 10_081, Integer.MAX_VALUE, -1))
                .map(value -> (JsonNode) NODES.numberNode(value));
        Gen<JsonNode> others = Generate.pick(List.of(NODES.numberNode(2.5), NODES.numberNode(1.0),
                NODES.textNode("10"), NODES.booleanNode(true), NODES.arrayNode().add(5), NODES.objectNode()));
        return Generate.frequency(Pair.of(4, whole), Pair.of(2, edges), Pair.of(1, others));
    }

    /** A change of one to four settings, each a valid value in README's range or null (reset). */
    private static Gen<Map<String, JsonNode>> changes() {
        List<Map.Entry<String, Gen<JsonNode>>> settings = List.of(
                Map.entry("syncIntervalMinutes", numbers(1, 10_080)),
                Map.entry("consecutiveFailureThreshold", numbers(1, 1_000)),
                Map.entry("syncGapThreshold", numbers(1, 1_000)),
                Map.entry("noSyncThresholdMinutes", numbers(1, 10_080)),
                Map.entry("autoRecoveryEnabled", Generate.booleans().map(flag -> (JsonNode) NODES.booleanNode(flag))),
                Map.entry("retryConfig.maxRetries", numbers(0, 10)),
                Map.entry("retryConfig.initialDelayMs", numbers(1, 60_000)),
                Map.entry("retryConfig.maxDelayMs", numbers(1, 60_000)),
                Map.entry("retryConfig.backoffMultiplier", integers().between(10, 100)
                        .map(tenths -> (JsonNode) NODES.numberNode(tenths / 10.0))),
                Map.entry("alertConfig.emailEnabled", Generate.booleans().map(flag -> (JsonNode) NODES.booleanNode(flag))),
                Map.entry("alertConfig.emailRecipients", lists().of(Generate.pick(List.of("ops@example.com",
                        "a.b@example.co.jp", "oncall@example.org"))).ofSizeBetween(0, 3)
                        .map(addresses -> (JsonNode) JSON.valueToTree(addresses))),
                Map.entry("maxShrinkPercent", numbers(0, 100)),
                Map.entry("runTimeoutMinutes", numbers(1, 1_440)),
                Map.entry("retention.retentionDays", numbers(1, 36_500)),
                Map.entry("retention.alertAutoAckDays", numbers(1, 36_500)));
        Gen<Integer> indexes = integers().between(0, settings.size() - 1);
        return in -> {
            int count = integers().between(1, 4).generate(in);
            Map<String, JsonNode> change = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                Map.Entry<String, Gen<JsonNode>> setting = settings.get(indexes.generate(in));
                boolean reset = integers().between(1, 5).generate(in) == 1;
                change.put(setting.getKey(), reset ? NODES.nullNode() : setting.getValue().generate(in));
            }
            return change;
        };
    }

    private static Gen<JsonNode> numbers(int min, int max) {
        return integers().between(min, max).map(value -> (JsonNode) NODES.numberNode(value));
    }

    /** A change as the API's nested JSON. */
    private static String body(Map<String, JsonNode> change) {
        Map<String, Object> body = new LinkedHashMap<>();
        change.forEach((setting, value) -> {
            int dot = setting.indexOf('.');
            if (dot < 0) {
                body.put(setting, value);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> group = (Map<String, Object>) body.computeIfAbsent(setting.substring(0, dot),
                        name -> new LinkedHashMap<String, Object>());
                group.put(setting.substring(dot + 1), value);
            }
        });
        return JSON.valueToTree(body).toString();
    }

    /** The runtime settings the API shows, flattened to the names of {@link #DEFAULTS}. */
    private static Map<String, Object> inForce(JsonNode config) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String setting : DEFAULTS.keySet()) {
            int dot = setting.indexOf('.');
            JsonNode value = dot < 0 ? config.get(setting)
                    : config.get(setting.substring(0, dot)).get(setting.substring(dot + 1));
            values.put(setting, JSON.convertValue(value, Object.class));
        }
        return normalised(values);
    }

    /** The runtime settings a configuration holds, by the same names. */
    private static Map<String, Object> inForce(SyncConfig config) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("syncIntervalMinutes", config.intervalMinutes());
        values.put("consecutiveFailureThreshold", config.alerts().consecutiveFailureThreshold());
        values.put("syncGapThreshold", config.alerts().gapThreshold());
        values.put("noSyncThresholdMinutes", config.alerts().noSyncMinutes());
        values.put("autoRecoveryEnabled", config.alerts().autoResync());
        values.put("retryConfig.maxRetries", config.recovery().retryMax());
        values.put("retryConfig.initialDelayMs", config.recovery().initialDelayMs());
        values.put("retryConfig.maxDelayMs", config.recovery().maxDelayMs());
        values.put("retryConfig.backoffMultiplier", config.recovery().backoffMultiplier());
        values.put("alertConfig.emailEnabled", config.mail().alertsEnabled());
        values.put("alertConfig.emailRecipients", config.mail().recipients());
        values.put("maxShrinkPercent", config.maxShrinkPercent());
        values.put("runTimeoutMinutes", config.runTimeoutMinutes());
        values.put("retention.retentionDays", config.retention().retentionDays());
        values.put("retention.alertAutoAckDays", config.retention().alertAutoAckDays());
        return normalised(values);
    }

    /** Numbers compared as numbers (2 and 2.0, int and long alike). */
    private static Map<String, Object> normalised(Map<String, Object> values) {
        Map<String, Object> plain = new LinkedHashMap<>();
        values.forEach((key, value) -> plain.put(key, value instanceof Number number
                ? (Object) Double.valueOf(number.doubleValue()) : value instanceof List<?> list ? new ArrayList<>(list)
                : value));
        return plain;
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("syncIntervalMinutes", 5);
        defaults.put("consecutiveFailureThreshold", 3);
        defaults.put("syncGapThreshold", 5);
        defaults.put("noSyncThresholdMinutes", 30);
        defaults.put("autoRecoveryEnabled", true);
        defaults.put("retryConfig.maxRetries", 3);
        defaults.put("retryConfig.initialDelayMs", 1_000);
        defaults.put("retryConfig.maxDelayMs", 30_000);
        defaults.put("retryConfig.backoffMultiplier", 2.0);
        defaults.put("alertConfig.emailEnabled", true);
        defaults.put("alertConfig.emailRecipients", List.of());
        defaults.put("maxShrinkPercent", 50);
        defaults.put("runTimeoutMinutes", 30);
        defaults.put("retention.retentionDays", 90);
        defaults.put("retention.alertAutoAckDays", 30);
        return normalised(defaults);
    }
}
