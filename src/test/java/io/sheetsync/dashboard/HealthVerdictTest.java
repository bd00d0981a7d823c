package io.sheetsync.dashboard;

import io.sheetsync.alert.Alert;
import io.sheetsync.audit.AuditLog;
import io.sheetsync.audit.ErrorKind;
import io.sheetsync.audit.RunCounts;
import io.sheetsync.audit.RunStatus;
import io.sheetsync.audit.TriggerSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The status card's verdict and the sentence that says why. */
class HealthVerdictTest {

    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void no_finished_run_is_unknown() {
        assertThat(HealthVerdict.of(Optional.empty(), 0, 0, List.of(), true))
                .isEqualTo(new HealthVerdict("unknown", "no run has finished yet"));
    }

    @Test
    void a_single_failure_quotes_its_error_on_one_line() {
        HealthVerdict verdict = HealthVerdict.of(run(RunStatus.FAILED, "sheet unavailable:\n  503 from Google"), 1, 0,
                List.of(), true);

        assertThat(verdict).isEqualTo(new HealthVerdict("failing",
                "the last run failed: sheet unavailable: 503 from Google"));
    }

    @Test
    void below_admin_a_failure_shows_its_category_and_sqlstate_never_its_text() {
        Optional<AuditLog> failed = run(RunStatus.FAILED, "ERROR: relation \"sellers\" does not exist at db.internal",
                new ErrorKind("database", "42P01"));

        HealthVerdict verdict = HealthVerdict.of(failed, 1, 0, List.of(), false);

        assertThat(verdict).isEqualTo(new HealthVerdict("failing", "the last run failed: database error: the database"
                + " refused or failed an operation (SQLSTATE 42P01); the full text is shown to admins"));
        assertThat(HealthVerdict.of(failed, 1, 0, List.of(), true).reason()).contains("db.internal");
    }

    @Test
    void a_failure_streak_is_counted_and_gaps_are_named_too() {
        HealthVerdict verdict = HealthVerdict.of(run(RunStatus.FAILED, null), 3, 1, List.of(), true);

        assertThat(verdict.status()).isEqualTo("failing");
        assertThat(verdict.reason())
                .isEqualTo("the last 3 runs failed; 1 seller is still missing or out of step after the resync");
    }

    @Test
    void gaps_after_a_completed_run_still_fail_and_say_how_many() {
        HealthVerdict verdict = HealthVerdict.of(run(RunStatus.COMPLETED, null), 0, 4, List.of(alert(false, "x")), true);

        assertThat(verdict).isEqualTo(new HealthVerdict("failing",
                "4 sellers are still missing or out of step after the resync"));
    }

    @Test
    void a_long_error_is_cut_to_fit_the_card() {
        String error = "e".repeat(1000);

        String reason = HealthVerdict.of(run(RunStatus.FAILED, error), 1, 0, List.of(), true).reason();

        assertThat(reason).startsWith("the last run failed: eee").endsWith("…");
        assertThat(reason).hasSize("the last run failed: ".length() + HealthVerdict.MAX_QUOTED);
    }

    @Test
    void open_alerts_degrade_and_closed_ones_do_not() {
        List<Alert> alerts = List.of(alert(true, "acknowledged one"), alert(false, "newest open"),
                alert(false, "older open"));

        assertThat(HealthVerdict.of(run(RunStatus.COMPLETED, null), 0, 0, alerts, true)).isEqualTo(
                new HealthVerdict("degraded", "2 open alerts, the newest medium sync_gap: newest open"));
        assertThat(HealthVerdict.of(run(RunStatus.COMPLETED, null), 0, 0, List.of(alerts.get(0)), true)).isEqualTo(
                new HealthVerdict("healthy", "the last run completed and no alert is open"));
    }

    private static Optional<AuditLog> run(RunStatus status, String error) {
        return run(status, error, status == RunStatus.FAILED ? ErrorKind.UNKNOWN : null);
    }

    private static Optional<AuditLog> run(RunStatus status, String error, ErrorKind kind) {
        return Optional.of(new AuditLog(UUID.randomUUID(), TriggerSource.SCHEDULED, status, AT, AT.plusSeconds(5),
                RunCounts.NONE, "file", error, kind, null, null, null));
    }

    private static Alert alert(boolean acknowledged, String message) {
        return new Alert(UUID.randomUUID().toString(), "medium", "sync_gap", message, "{}", AT, acknowledged,
                acknowledged ? AT : null, acknowledged ? "operator" : null, null, 1, null);
    }
}
