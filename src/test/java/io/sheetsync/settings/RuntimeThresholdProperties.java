package io.sheetsync.settings;

import io.sheetsync.support.ApiJson;
import io.sheetsync.support.LosingTrigger;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sheetsync.support.Unchecked.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Seed properties 43, 44 and 45 on real runs: a threshold or the recovery switch set through the config API is in force
 * for the very next run, without a restart. What each run must raise follows from the generated setting and the
 * generated situation (failures in a row, sellers whose inserts the database drops) and README's alert table.
 */
class RuntimeThresholdProperties {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(() -> Map.of("SYNC_SCHEDULE_ENABLED", "false",
            "SYNC_MAX_SHRINK_PERCENT", "100"));

    static final String HEADER = "seller_number,name,inquiry_date";
    static LosingTrigger trigger;

    @BeforeAll
    static void install() {
        trigger = LosingTrigger.install(SYNC.database());
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 43: Failure threshold configuration — for any"
            + " consecutive failure threshold configuration, the system should accept and apply the value")
    void failed_runs_in_a_row_raise_consecutive_failures_exactly_from_the_threshold_set_through_the_api() {
        PropertyTests.runs().forAll(integers().between(1, 6), integers().between(0, 6))
                .checkAssert((threshold, failures) -> check(() -> thresholdApplies(threshold, failures)));
    }

    private static void thresholdApplies(int threshold, int failures) throws Exception {
        reset("{\"consecutiveFailureThreshold\": " + threshold + "}");
        Files.deleteIfExists(SYNC.service().sheetFile());
        try {
            for (int i = 0; i < failures; i++) {
                assertThat(SYNC.service().syncNow().status()).isEqualTo("failed");
            }
        } finally {
            sellers(1);
        }

        assertThat(alerts("consecutive_failures")).as("%d failures in a row, threshold %d", failures, threshold)
                .isEqualTo(failures >= threshold ? List.of("high") : List.of());
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 44: Gap threshold configuration — for any sync gap"
            + " threshold configuration, the system should accept and apply the value")
    void healed_gaps_raise_sync_gap_exactly_from_the_threshold_set_through_the_api() {
        PropertyTests.runs().forAll(integers().between(1, 8), integers().between(0, 8))
                .checkAssert((threshold, lost) -> check(() -> gapThresholdApplies(threshold, lost)));
    }

    private static void gapThresholdApplies(int threshold, int lost) throws Exception {
        reset("{\"syncGapThreshold\": " + threshold + "}");
        sellers(8);
        for (int i = 1; i <= lost; i++) {
            trigger.drop("AA" + i, 1);
        }

        RunSummary run = SYNC.service().syncNow();

        assertThat(run.status()).as("every lost insert healed by the resync").isEqualTo("completed");
        assertThat(alerts("sync_gap")).as("%d gaps, threshold %d", lost, threshold)
                .isEqualTo(lost >= threshold ? List.of("medium") : List.of());
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 45: Recovery toggle configuration — for any"
            + " automatic recovery configuration, the system should accept enable/disable values")
    void gaps_are_resynced_exactly_while_auto_recovery_is_on_and_fail_the_run_with_an_alert_when_it_is_off() {
        PropertyTests.runs().forAll(booleans().all(), integers().between(1, 5))
                .checkAssert((enabled, lost) -> check(() -> recoveryToggleApplies(enabled, lost)));
    }

    private static void recoveryToggleApplies(boolean enabled, int lost) throws Exception {
        // the healed-gaps alert kept out of the way: this property is about the switch
        reset("{\"autoRecoveryEnabled\": " + enabled + ", \"syncGapThreshold\": 1000}");
        sellers(5);
        for (int i = 1; i <= lost; i++) {
            trigger.drop("AA" + i, 1);
        }

        RunSummary run = SYNC.service().syncNow();

        assertThat(run.status()).isEqualTo(enabled ? "completed" : "failed");
        assertThat(SYNC.database().query("SELECT count(*)::text FROM sellers"))
                .containsExactly(Integer.toString(enabled ? 5 : 5 - lost));
        assertThat(alerts("sync_gap")).as("auto recovery %s, %d lost", enabled, lost)
                .isEqualTo(enabled ? List.of() : List.of("high"));
        assertThat(SYNC.database().query("SELECT count(*)::text FROM sync_record_logs WHERE audit_log_id = '"
                + run.syncId() + "' AND result = 'success'")).as("no resync writes while it is off")
                .containsExactly(Integer.toString(enabled ? 5 : 5 - lost));
    }

    /** A clean database, the settings at their start-up values but for {@code change}, set through the API. */
    private static void reset(String change) throws Exception {
        trigger.clear();
        SYNC.database().execute("DELETE FROM sync_alerts; DELETE FROM sync_audit_logs; DELETE FROM sellers;"
                + " DELETE FROM sync_config; DELETE FROM sync_config_history; DELETE FROM sync_retry_queue");
        SYNC.service().service().settings().refresh();
        ApiJson.put(SYNC.service(), "/api/config", TestService.ADMIN, change, 200);
    }

    /** A sheet of {@code count} valid sellers AA1, AA2, ... */
    private static void sellers(int count) throws Exception {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        for (int i = 1; i <= count; i++) {
            lines.add("AA" + i + ",Seller " + i + ",2024-01-0" + (1 + i % 9));
        }
        SYNC.service().sheet(lines);
    }

    /** The severities of the alerts of a type, oldest first. */
    private static List<String> alerts(String type) {
        return SYNC.database().query("SELECT severity FROM sync_alerts WHERE type = '" + type + "' ORDER BY created_at");
    }
}
