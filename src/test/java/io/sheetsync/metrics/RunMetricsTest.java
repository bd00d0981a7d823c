package io.sheetsync.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.MutableClock;
import io.sheetsync.support.Prometheus;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import io.sheetsync.support.TimedRun;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Metrics of real runs: what lands in sync_metrics, at /observe/metrics and at GET /api/metrics. */
class RunMetricsTest {

    static final MutableClock CLOCK = new MutableClock();

    @RegisterExtension
    static final RunningService SYNC = new RunningService(() -> Map.of(), CLOCK);

    static final ObjectMapper JSON = new ObjectMapper();
    static final String HEADER = "seller_number,name,inquiry_date";

    @Test
    void a_run_with_known_outcomes_stores_its_metrics_and_counts_them_for_prometheus() throws Exception {
        SYNC.database().execute("TRUNCATE sellers, properties CASCADE");
        Prometheus before = scrape();
        SYNC.service().sheet(List.of(HEADER, "AA1,One,2024-01-01", "AA2,Two,2024-01-02", "AA3,Three,2024-01-03",
                "XX9,Bad Key,2024-01-04"));

        RunSummary first = SYNC.service().syncNow();

        JsonNode metrics = storedMetrics(first.syncId());
        JsonNode time = metrics.get("execution_time");
        for (String stage : new String[] {"fetch", "compare", "update", "verify"}) {
            assertThat(time.get(stage).isIntegralNumber()).as(stage).isTrue();
            assertThat(time.get("total").asLong()).as(stage).isGreaterThanOrEqualTo(time.get(stage).asLong());
        }
        assertThat(metrics.get("throughput").get("totalRecords").asInt()).isEqualTo(4);
        assertThat(metrics.get("throughput").get("recordsPerSecond").asDouble()).isPositive();
        assertThat(metrics.get("errors")).isEqualTo(JSON.readTree(
                "{\"network\":0,\"validation\":1,\"database\":0,\"unknown\":0}"));
        Prometheus after = scrape();
        assertThat(delta(before, after, "sheet_sync_runs_total{status=\"completed\"}")).isEqualTo(1);
        assertThat(delta(before, after, "sheet_sync_rows_total{outcome=\"created\"}")).isEqualTo(3);
        assertThat(delta(before, after, "sheet_sync_rows_total{outcome=\"failed\"}")).isEqualTo(1);
        assertThat(delta(before, after, "sheet_sync_errors_total{type=\"validation\"}")).isEqualTo(1);
        assertThat(delta(before, after, "sheet_sync_phase_duration_seconds_count{phase=\"update\"}")).isEqualTo(1);

        SYNC.service().sheet(List.of(HEADER, "AA1,One,2024-01-01", "AA2,Two renamed,2024-01-02", "AA3,Three,2024-01-03"));
        RunSummary second = SYNC.service().syncNow();

        Prometheus later = scrape();
        assertThat(delta(after, later, "sheet_sync_rows_total{outcome=\"updated\"}")).isEqualTo(1);
        assertThat(delta(after, later, "sheet_sync_rows_total{outcome=\"unchanged\"}")).isEqualTo(2);
        assertThat(storedMetrics(second.syncId()).get("errors").get("validation").asInt()).isZero();
        assertThat(later.get("sheet_sync_seconds_since_last_success")).isGreaterThanOrEqualTo(0);
        assertThat(later.get("sheet_sync_running")).isZero();
    }

    @Test
    void a_run_that_fails_to_fetch_records_the_fetch_time_a_network_error_and_no_later_stages() throws Exception {
        Prometheus before = scrape();
        Files.deleteIfExists(SYNC.service().sheetFile());

        RunSummary failed = SYNC.service().syncNow();

        assertThat(failed.status()).isEqualTo("failed");
        JsonNode metrics = storedMetrics(failed.syncId());
        assertThat(metrics.get("execution_time").get("fetch").isIntegralNumber()).isTrue();
        assertThat(metrics.get("execution_time").get("compare").isNull()).isTrue();
        assertThat(metrics.get("execution_time").get("update").isNull()).isTrue();
        assertThat(metrics.get("execution_time").get("verify").isNull()).isTrue();
        assertThat(metrics.get("errors").get("network").asInt()).isEqualTo(1);
        Prometheus after = scrape();
        assertThat(delta(before, after, "sheet_sync_runs_total{status=\"failed\"}")).isEqualTo(1);
        assertThat(delta(before, after, "sheet_sync_errors_total{type=\"network\"}")).isEqualTo(1);
        assertThat(delta(before, after, "sheet_sync_phase_duration_seconds_count{phase=\"verify\"}")).isZero();
        SYNC.service().sheet(List.of(HEADER, "AA1,One,2024-01-01"));
    }

    @Test
    void camel_route_metrics_are_exported_next_to_the_sync_metrics() throws Exception {
        SYNC.service().sheet(List.of(HEADER, "AA1,One,2024-01-01"));
        SYNC.service().syncNow();

        HttpResponse<String> answer = SYNC.service().get("/observe/metrics", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("camel_exchanges_total{", "routeId=\"sync-execute\"",
                "sheet_sync_gaps_total", "sheet_sync_last_run_records_per_second");
        assertThat(new Prometheus(answer.body()).get(
                "camel_exchanges_succeeded_total{camelContext=\"sheet-sync\",eventType=\"route\",kind=\"CamelRoute\","
                        + "routeId=\"sync-execute\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_run_held_up_in_its_update_is_reported_as_degraded_with_update_as_the_bottleneck() throws Exception {
        // Paused, the clock makes every duration exact: the quick runs take 0 ms, the slow one what the test adds.
        // The runs of the other tests (real durations) leave the baseline, which is then this test's runs alone.
        CLOCK.pause();
        try {
            SYNC.database().execute("DELETE FROM sync_audit_logs");
            SYNC.service().sheet(List.of(HEADER, "AA1,One,2024-01-01", "AA2,Two,2024-01-02"));
            for (int i = 0; i < 3; i++) {
                assertThat(SYNC.service().syncNow().status()).isEqualTo("completed");
            }
            assertThat(SYNC.database().query("SELECT id FROM sync_alerts WHERE type = 'performance_degraded'"))
                    .isEmpty();
            double degradedBefore = scrape().value("sheet_sync_degraded_runs_total{bottleneck=\"update\"}")
                    .orElse(0.0);

            // Held in its update for 2.5 s of the service's clock: more than both 1.5x the quick runs' mean and
            // their mean plus one second. A changed row, since a run writes only the sellers that differ.
            SYNC.service().sheet(List.of(HEADER, "AA1,One,2024-01-01", "AA2,Two,2024-01-03"));
            RunSummary slow;
            try (TimedRun timed = TimedRun.on(SYNC.service(), SYNC.database())) {
                slow = timed.run(CLOCK::advance, new TimedRun.Times(0, 0, 2_500, 0));
            }

            assertThat(slow.status()).isEqualTo("completed");
            assertThat(SYNC.database().query("SELECT details->>'syncId' || '|' || (details->>'bottleneck') || '|'"
                    + " || (details->>'factor') FROM sync_alerts WHERE type = 'performance_degraded'"))
                    .containsExactly(slow.syncId() + "|update|1.5");
            assertThat(scrape().get("sheet_sync_degraded_runs_total{bottleneck=\"update\"}") - degradedBefore)
                    .isEqualTo(1);
            assertThat(SYNC.database().query("SELECT severity || '|' || type || '|' || (message LIKE"
                    + " '%slowest stage: update%') FROM sync_alerts WHERE type = 'performance_degraded'"))
                    .singleElement()
                    .satisfies(alert -> assertThat(alert).matches("(low|medium)\\|performance_degraded\\|true"));
        } finally {
            CLOCK.resume();
        }
    }

    @Test
    void the_metrics_api_answers_window_statistics_from_the_stored_runs() throws Exception {
        SYNC.service().sheet(List.of(HEADER, "AA1,One,2024-01-01"));
        SYNC.service().syncNow();

        HttpResponse<String> answer = SYNC.service().get("/api/metrics?days=1", TestService.VIEWER);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        int runs = Integer.parseInt(SYNC.database().query("SELECT count(*) FROM sync_metrics").get(0));
        int failed = Integer.parseInt(SYNC.database().query("SELECT count(*) FROM sync_metrics m JOIN sync_audit_logs a"
                + " ON a.id = m.audit_log_id WHERE a.status = 'failed'").get(0));
        long peak = Long.parseLong(SYNC.database().query("SELECT max((execution_time->>'total')::bigint) FROM sync_metrics")
                .get(0));
        assertThat(body.get("days").asInt()).isEqualTo(1);
        assertThat(body.get("runs").asInt()).isEqualTo(runs);
        assertThat(body.get("failedRuns").asInt()).isEqualTo(failed);
        assertThat(body.get("peakSyncTime").asLong()).isEqualTo(peak);
        assertThat(body.get("averageSyncTime").asDouble()).isBetween(0.0, (double) peak);
        assertThat(body.get("errorRate").asDouble()).isEqualTo((double) failed / runs);
        assertThat(body.get("averageThroughput").asDouble()).isPositive();
        assertThat(body.get("errors").has("validation")).isTrue();
        assertThat(JSON.readTree(SYNC.service().get("/api/metrics", TestService.VIEWER).body()).get("days").asInt())
                .isEqualTo(7);
    }

    @Test
    void the_metrics_api_refuses_a_bad_window_naming_the_field_and_needs_a_token() throws Exception {
        for (String days : new String[] {"0", "366", "abc", "1.5", "", "-1", "99999999999"}) {
            HttpResponse<String> answer = SYNC.service().get("/api/metrics?days=" + days, TestService.VIEWER);
            assertThat(answer.statusCode()).as(days).isEqualTo(400);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.get("error").asText()).isEqualTo("invalid_request");
            assertThat(body.get("field").asText()).isEqualTo("days");
            assertThat(body.get("message").asText()).startsWith("days:").contains("1", "365");
        }
        assertThat(SYNC.service().get("/api/metrics?days=7&days=8", TestService.VIEWER).statusCode()).isEqualTo(400);
        assertThat(SYNC.service().get("/api/metrics?weeks=1", TestService.VIEWER).statusCode()).isEqualTo(400);
        assertThat(SYNC.service().get("/api/metrics", null).statusCode()).isEqualTo(401);
    }

    private static JsonNode storedMetrics(String syncId) throws Exception {
        List<String> rows = SYNC.database().query("SELECT json_build_object('execution_time', execution_time, 'throughput',"
                + " throughput, 'errors', errors)::text FROM sync_metrics WHERE audit_log_id = '" + syncId + "'");
        assertThat(rows).as("metrics row of run %s", syncId).hasSize(1);
        return JSON.readTree(rows.get(0));
    }

    private static Prometheus scrape() throws Exception {
        HttpResponse<String> answer = SYNC.service().get("/observe/metrics", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        return new Prometheus(answer.body());
    }

    private static double delta(Prometheus before, Prometheus after, String series) {
        return after.get(series) - before.value(series).orElse(0.0);
    }
}
