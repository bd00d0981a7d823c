package io.sheetsync.alert;

import io.sheetsync.audit.ErrorKind;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.sheet.SheetField;
import io.sheetsync.sync.ColumnChange;
import io.sheetsync.verify.IntegrityIssue;
import io.sheetsync.verify.Verification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AlertPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    static final UUID RUN = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private final AlertPolicy policy = new AlertPolicy();
    private final SyncConfig.Alerts settings = SyncConfig.load(Map.of(), new Properties()).alerts();

    @Test
    void defaults_are_three_failures_five_gaps_and_thirty_minutes() {
        assertThat(settings.consecutiveFailureThreshold()).isEqualTo(3);
        assertThat(settings.gapThreshold()).isEqualTo(5);
        assertThat(settings.noSyncMinutes()).isEqualTo(30);
        assertThat(settings.autoResync()).isTrue();
    }

    @Test
    void a_clean_run_raises_nothing_and_clears_every_run_condition() {
        RunOutcome clean = outcome(RunOutcome.Failure.NONE, 0, verification(List.of(), List.of(), List.of()));

        assertThat(policy.alertsFor(clean, settings)).isEmpty();
        assertThat(policy.clearedBy(clean, settings)).contains("sync_failed", "consecutive_failures", "no_sync",
                "source_shrunk", "column_vanished", "data_integrity", AlertPolicy.GAPS_REMAINING, AlertPolicy.GAPS_HEALED);
    }

    @Test
    void the_third_failure_in_a_row_is_high_and_the_second_is_not() {
        assertThat(policy.alertsFor(outcome(RunOutcome.Failure.ERROR, 2, null), settings))
                .extracting(NewAlert::type).containsExactly(AlertType.SYNC_FAILED);
        assertThat(policy.alertsFor(outcome(RunOutcome.Failure.ERROR, 3, null), settings))
                .extracting(NewAlert::type, NewAlert::severity)
                .contains(org.assertj.core.groups.Tuple.tuple(AlertType.CONSECUTIVE_FAILURES, Severity.HIGH));
    }

    @Test
    void healed_gaps_warn_only_from_the_threshold_and_remaining_gaps_are_always_high() {
        List<String> four = List.of("AA1", "AA2", "AA3", "AA4");
        List<String> five = List.of("AA1", "AA2", "AA3", "AA4", "AA5");

        assertThat(policy.alertsFor(outcome(RunOutcome.Failure.NONE, 0, verification(four, List.of(), List.of())),
                settings)).isEmpty();
        assertThat(policy.alertsFor(outcome(RunOutcome.Failure.NONE, 0, verification(five, List.of(), List.of())),
                settings)).singleElement().satisfies(alert -> {
                    assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
                    assertThat(alert.conditionKey()).isEqualTo(AlertPolicy.GAPS_HEALED);
                });
        assertThat(policy.alertsFor(outcome(RunOutcome.Failure.GAPS, 1,
                verification(List.of("AA9"), List.of("AA9"), List.of())), settings)).singleElement()
                .satisfies(alert -> {
                    assertThat(alert.severity()).isEqualTo(Severity.HIGH);
                    assertThat(alert.type()).isEqualTo(AlertType.SYNC_GAP);
                    assertThat(alert.message()).contains("AA9");
                    assertThat(alert.details()).containsEntry("sellerNumbers", List.of("AA9"))
                            .containsEntry("syncId", RUN.toString());
                });
    }

    @Test
    void integrity_issues_raise_one_data_integrity_alert_listing_them() {
        IntegrityIssue issue = new IntegrityIssue(null, "AA3", "invalid_format", "inquiry_date", "row 4: bad date");

        List<NewAlert> alerts = policy.alertsFor(outcome(RunOutcome.Failure.NONE, 0,
                new Verification(true, 1, 1, List.of(), List.of(issue), false, false, List.of(), List.of(), List.of(),
                        NOW)), settings);

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.DATA_INTEGRITY);
            assertThat(alert.message()).contains("row 4: bad date");
            assertThat(alert.details()).containsEntry("issueCount", 1);
        });
    }

    @Test
    void a_shrunk_sheet_is_high_and_not_also_a_plain_failure() {
        assertThat(policy.alertsFor(outcome(RunOutcome.Failure.SOURCE_SHRUNK, 1, null), settings))
                .extracting(NewAlert::type, NewAlert::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertType.SOURCE_SHRUNK, Severity.HIGH));
    }

    @Test
    void a_lost_column_is_high_and_its_details_name_each_field_its_header_and_how_it_was_lost() {
        RunOutcome refused = new RunOutcome(RUN, RunOutcome.Failure.COLUMN_VANISHED, "the sheet lost 2 column(s)",
                new ErrorKind("validation", null),
                null, 1, List.of(new ColumnChange(SheetField.PHONE, "電話番号", ColumnChange.Kind.VANISHED),
                        new ColumnChange(SheetField.LAND_AREA, "土地面積", ColumnChange.Kind.EMPTIED)));

        assertThat(policy.alertsFor(refused, settings)).singleElement().satisfies(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.COLUMN_VANISHED);
            assertThat(alert.severity()).isEqualTo(Severity.HIGH);
            assertThat(alert.message()).contains("the sheet lost 2 column(s)");
            assertThat(alert.details()).containsEntry("columns", List.of(
                    Map.of("field", "phone", "header", "電話番号", "change", "vanished"),
                    Map.of("field", "land_area", "header", "土地面積", "change", "emptied")));
        });
    }

    @Test
    void a_degraded_run_is_low_and_medium_from_twice_the_factor() {
        NewAlert slow = policy.degraded(RUN, 2.0, 1.5, "update", "sync took 3000 ms; slowest stage: update");
        NewAlert crawling = policy.degraded(RUN, 3.0, 1.5, "fetch", "sync took 9000 ms; slowest stage: fetch");

        assertThat(slow.severity()).isEqualTo(Severity.LOW);
        assertThat(crawling.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(slow.type()).isEqualTo(AlertType.PERFORMANCE_DEGRADED);
        assertThat(slow.message()).contains("slowest stage: update");
        assertThat(crawling.details()).containsEntry("bottleneck", "fetch").containsEntry("ratio", 3.0);
    }

    @Test
    void no_sync_alerts_only_after_the_threshold() {
        assertThat(policy.noSync(NOW.minus(Duration.ofMinutes(29)), NOW, settings)).isEmpty();
        assertThat(policy.noSync(NOW.minus(Duration.ofMinutes(30)), NOW, settings)).singleElement()
                .satisfies(alert -> {
                    assertThat(alert.type()).isEqualTo(AlertType.NO_SYNC);
                    assertThat(alert.severity()).isEqualTo(Severity.HIGH);
                    assertThat(alert.message()).contains("30 minutes");
                });
    }

    private static RunOutcome outcome(RunOutcome.Failure failure, int consecutiveFailures, Verification verification) {
        return new RunOutcome(RUN, failure, failure == RunOutcome.Failure.NONE ? null : "boom",
                failure == RunOutcome.Failure.NONE ? null : ErrorKind.UNKNOWN, verification,
                consecutiveFailures, List.of());
    }

    private static Verification verification(List<String> gaps, List<String> remaining, List<String> drift) {
        return new Verification(remaining.isEmpty(), 10, 10, gaps, List.of(), !gaps.isEmpty(), remaining.isEmpty(),
                remaining, List.of(), drift, NOW);
    }
}
