package io.sheetsync.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.History;
import io.sheetsync.support.MutableClock;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/dashboard against seeded history, and how fast it answers on 90 days of it. */
class DashboardTest {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final MutableClock CLOCK = new MutableClock(NOW);
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    @Order(1)
    static final RunningService SYNC = new RunningService(Map::of, CLOCK);

    @BeforeEach
    void emptyTables() {
        SYNC.database().execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
    }

    @Test
    void the_dashboard_sums_up_the_seeded_history() throws Exception {
        new History(SYNC.database())
                .run(NOW.minus(Duration.ofDays(3)), 1000, true, 10, 0, 0)
                .run(NOW.minus(Duration.ofHours(30)), 2000, false, 0, 10, 0)
                .run(NOW.minus(Duration.ofHours(5)), 3000, true, 10, 1, 0)
                .run(NOW.minus(Duration.ofHours(2)), 4000, true, 10, 0, 0)
                .run(NOW.minus(Duration.ofHours(1)), 5000, false, 8, 2, 2)
                .alert("high", "sync_gap", NOW.minus(Duration.ofHours(1)), false)
                .alert("low", "sync_failed", NOW.minus(Duration.ofHours(30)), true)
                .save();

        JsonNode dashboard = JSON.readTree(SYNC.service().get("/api/dashboard", TestService.VIEWER).body());

        assertThat(dashboard.get("status").asText()).isEqualTo("failing");
        assertThat(Instant.parse(dashboard.get("lastSuccessfulSync").asText()))
                .isEqualTo(NOW.minus(Duration.ofHours(2)).plusMillis(4000));
        assertThat(dashboard.get("successRate24h").asDouble()).isEqualTo(2 / 3.0);
        assertThat(dashboard.get("successRate7d").asDouble()).isEqualTo(3 / 5.0);
        assertThat(dashboard.get("currentGapCount").asInt()).isEqualTo(2);
        assertThat(dashboard.get("recentAlerts")).extracting(node -> node.get("type").asText())
                .containsExactly("sync_gap", "sync_failed");
        assertThat(dashboard.get("recentAlerts").get(0).get("severity").asText()).isEqualTo("high");
        assertThat(dashboard.get("syncTrend")).hasSize(5);
        assertThat(dashboard.get("syncTrend").get(0).get("duration").asLong()).isEqualTo(1000);
        assertThat(dashboard.get("syncTrend").get(4).get("failureCount").asInt()).isEqualTo(2);
        assertThat(dashboard.get("nextScheduledSync").isNull()).isTrue();
        assertThat(dashboard.get("syncRunning").asBoolean()).isFalse();
    }

    @Test
    void a_service_that_never_ran_says_so() throws Exception {
        JsonNode dashboard = JSON.readTree(SYNC.service().get("/api/dashboard", TestService.VIEWER).body());

        assertThat(dashboard.get("status").asText()).isEqualTo("unknown");
        assertThat(dashboard.get("lastSuccessfulSync").isNull()).isTrue();
        assertThat(dashboard.get("successRate24h").isNull()).isTrue();
        assertThat(dashboard.get("syncTrend")).isEmpty();
    }

    @Test
    void the_dashboard_answers_within_500_ms_on_90_days_of_runs() throws Exception {
        new History(SYNC.database()).ninetyDays(NOW);
        SYNC.database().execute("ANALYZE sync_audit_logs");

        long best = Long.MAX_VALUE;
        HttpResponse<String> answer = null;
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            answer = SYNC.service().get("/api/dashboard", TestService.VIEWER);
            best = Math.min(best, Duration.ofNanos(System.nanoTime() - started).toMillis());
        }

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).get("successRate7d").asDouble()).isEqualTo(0.9, org.assertj.core.data.Offset.offset(0.001));
        assertThat(best).as("best of five dashboard answers, ms").isLessThan(500);
    }

    @Test
    void the_dashboard_needs_a_token() throws Exception {
        assertThat(SYNC.service().get("/api/dashboard", null).statusCode()).isEqualTo(401);
    }
}
