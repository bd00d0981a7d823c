package io.sheetsync.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Alerts through the running service: thresholds, the watchdog on a test clock, the alert API and acknowledging. */
class AlertFlowTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));

    @RegisterExtension
    @Order(2)
    static final RunningService SYNC = new RunningService(() -> Map.of("SYNC_CONSECUTIVE_FAILURE_THRESHOLD", "2",
                "SYNC_NO_SYNC_ALERT_MINUTES", "30"), CLOCK);

    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void emptyTables() {
        SYNC.database().execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
    }

    @Test
    void failures_in_a_row_reach_the_configured_threshold_and_a_success_resolves_them() throws Exception {
        SYNC.service().sheet("no header here\n");
        SYNC.service().syncNow();
        assertThat(openTypes()).containsExactly("sync_failed");

        SYNC.service().syncNow();
        assertThat(openTypes()).containsExactlyInAnyOrder("sync_failed", "consecutive_failures");

        SYNC.service().sheet(List.of("seller_number,name,inquiry_date", "AA1,One,2024-01-01"));
        SYNC.service().syncNow();
        assertThat(openTypes()).isEmpty();
        assertThat(SYNC.database().query("SELECT count(*)::text FROM sync_alerts WHERE resolved_at IS NOT NULL"))
                .containsExactly("2");
    }

    @Test
    void the_watchdog_raises_no_sync_after_the_threshold_once_and_a_sync_resolves_it() throws Exception {
        SYNC.service().sheet(List.of("seller_number,name,inquiry_date", "AA1,One,2024-01-01"));
        SYNC.service().syncNow();

        CLOCK.advance(Duration.ofMinutes(29));
        SYNC.service().request("direct:no-sync-check", null);
        assertThat(openTypes()).isEmpty();

        CLOCK.advance(Duration.ofMinutes(2));
        SYNC.service().request("direct:no-sync-check", null);
        SYNC.service().request("direct:no-sync-check", null);
        assertThat(SYNC.database().query("SELECT type || '|' || severity || '|' || occurrences FROM sync_alerts"))
                .containsExactly("no_sync|high|2");

        SYNC.service().syncNow();
        assertThat(openTypes()).isEmpty();
    }

    @Test
    void alerts_are_listed_newest_first_and_an_operator_acknowledges_one() throws Exception {
        SYNC.service().sheet("no header here\n");
        SYNC.service().syncNow();
        JsonNode alerts = JSON.readTree(SYNC.service().get("/api/alerts?acknowledged=false", TestService.VIEWER).body());
        String id = alerts.get(0).get("id").asText();

        HttpResponse<String> byViewer = SYNC.service().post("/api/alerts/" + id + "/acknowledge", TestService.VIEWER);
        HttpResponse<String> byOperator = SYNC.service().post("/api/alerts/" + id + "/acknowledge", TestService.OPERATOR);

        assertThat(byViewer.statusCode()).isEqualTo(403);
        assertThat(byOperator.statusCode()).isEqualTo(200);
        JsonNode acknowledged = JSON.readTree(byOperator.body());
        assertThat(acknowledged.get("acknowledged").asBoolean()).isTrue();
        assertThat(acknowledged.get("acknowledgedBy").asText()).isEqualTo("operator");
        assertThat(acknowledged.get("acknowledgedAt").asText()).isEqualTo(CLOCK.instant().toString());
        assertThat(JSON.readTree(SYNC.service().get("/api/alerts?acknowledged=true", TestService.VIEWER).body()))
                .extracting(node -> node.get("id").asText()).containsExactly(id);
        assertThat(JSON.readTree(SYNC.service().get("/api/alerts?acknowledged=false", TestService.VIEWER).body())).isEmpty();

        // Once acknowledged, the same condition raises a new alert instead of counting on the old one.
        SYNC.service().syncNow();
        assertThat(openTypes()).contains("sync_failed");
        assertThat(SYNC.database().query("SELECT acknowledged::text FROM sync_alerts WHERE type = 'sync_failed' ORDER BY"
                + " created_at, acknowledged DESC")).containsExactly("true", "false");
    }

    @Test
    void the_alert_api_validates_its_parameters() throws Exception {
        assertThat(SYNC.service().get("/api/alerts?limit=0", TestService.VIEWER).statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(SYNC.service().get("/api/alerts?acknowledged=maybe", TestService.VIEWER).body())
                .get("message").asText()).startsWith("acknowledged:");
        assertThat(SYNC.service().post("/api/alerts/not-an-id/acknowledge", TestService.OPERATOR).statusCode()).isEqualTo(400);
        assertThat(SYNC.service().post("/api/alerts/00000000-0000-0000-0000-000000000000/acknowledge", TestService.OPERATOR)
                .statusCode()).isEqualTo(404);
        assertThat(SYNC.service().get("/api/alerts", null).statusCode()).isEqualTo(401);
    }

    private static List<String> openTypes() {
        return SYNC.database().query("SELECT type FROM sync_alerts WHERE NOT acknowledged AND resolved_at IS NULL");
    }
}
