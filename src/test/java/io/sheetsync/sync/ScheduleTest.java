package io.sheetsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Quartz schedule: a run at start-up, then every SYNC_INTERVAL_MINUTES, and the dashboard knows the next one. */
class ScheduleTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(() -> Map.of("SYNC_SCHEDULE_ENABLED", "true",
            "SYNC_INTERVAL_MINUTES", "60"));

    @Test
    void the_schedule_runs_a_sync_at_start_and_reports_the_next_fire_time() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                SYNC.database().query("SELECT trigger_source FROM sync_audit_logs WHERE status <> 'in_progress'")
                        .contains("scheduled"));

        JsonNode dashboard = new ObjectMapper().readTree(SYNC.service().get("/api/dashboard", TestService.VIEWER)
                .body());

        Instant next = Instant.parse(dashboard.get("nextScheduledSync").asText());
        assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofMinutes(61)));
    }
}
