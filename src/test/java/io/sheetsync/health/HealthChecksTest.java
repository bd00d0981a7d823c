package io.sheetsync.health;

import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.sheet.SheetData;
import io.sheetsync.sheet.SheetUnavailableException;
import io.sheetsync.support.TestService;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The health checks on their own, without the service. */
class HealthChecksTest {

    static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");

    final SourceStatus status = new SourceStatus();
    final SourceHealth health = new SourceHealth(status, new ErrorClassifier(), Clock.fixed(NOW, ZoneOffset.UTC));
    final SheetSourceHealthCheck sourceCheck = new SheetSourceHealthCheck(status);

    @Test
    void the_source_is_up_before_any_fetch_down_after_a_failed_one_and_up_again_after_a_good_one() {
        HealthCheck.Result before = sourceCheck.call();
        assertThat(before.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(before.getMessage()).hasValue("no fetch yet since start-up");

        health.failed(new SheetUnavailableException("Google said \"403\" for access_token=sekret", null));
        HealthCheck.Result down = sourceCheck.call();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValueSatisfying(message -> assertThat(message)
                .startsWith("the last fetch of the sheet failed: Google said '403'").doesNotContain("sekret", "\""));
        assertThat(down.getDetails()).containsEntry("lastFailure", NOW.toString());

        health.fetched(new SheetData(List.of("seller_number"), List.of()));
        HealthCheck.Result up = sourceCheck.call();
        assertThat(up.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(up.getDetails()).containsEntry("lastSuccess", NOW.toString()).containsEntry("rows", 0);
    }

    @Test
    void the_source_check_is_in_no_probe_and_the_database_and_scheduler_checks_only_in_readiness() {
        assertThat(sourceCheck.isReadiness()).isFalse();
        assertThat(sourceCheck.isLiveness()).isFalse();
        DatabaseHealthCheck database = new DatabaseHealthCheck(new PGSimpleDataSource(), Duration.ofSeconds(1),
                new ErrorClassifier());
        assertThat(database.isReadiness()).isTrue();
        assertThat(database.isLiveness()).isFalse();
        SchedulerHealthCheck scheduler = new SchedulerHealthCheck(null, () -> null);
        assertThat(scheduler.isReadiness()).isTrue();
        assertThat(scheduler.isLiveness()).isFalse();
    }

    @Test
    void a_database_nobody_answers_for_is_down_with_the_reason() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setServerNames(new String[] {"127.0.0.1"});
        nowhere.setPortNumbers(new int[] {TestService.freePort()});
        nowhere.setDatabaseName("none");
        nowhere.setConnectTimeout(1);

        HealthCheck.Result result = new DatabaseHealthCheck(nowhere, Duration.ofSeconds(5), new ErrorClassifier())
                .call();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(message -> assertThat(message).startsWith("SELECT 1 failed: "));
    }

    @Test
    void health_text_is_one_short_line_without_quotes() {
        assertThat(HealthText.of("a \"quoted\"\n\tpath\\x")).isEqualTo("a 'quoted' path/x");
        assertThat(HealthText.of("x".repeat(500))).hasSize(300).endsWith("...");
        assertThat(HealthText.of(null)).isEmpty();
    }
}
