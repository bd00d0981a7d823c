package io.sheetsync.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** /observe/health and its live and ready variants, with the database, source and scheduler checks, up and down. */
class HealthTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(() -> Map.of());

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SHEET = List.of("seller_number,name,inquiry_date", "AA1,One,2024-01-01");

    @Test
    void a_healthy_service_is_up_with_its_own_checks_in_the_right_probes() throws Exception {
        SYNC.service().sheet(SHEET);
        SYNC.service().syncNow();

        HttpResponse<String> all = SYNC.service().get("/observe/health", null);
        assertThat(all.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(all.body());
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(check(body, "sheet-sync-database").get("status").asText()).isEqualTo("UP");
        assertThat(check(body, "sheet-sync-source").get("status").asText()).isEqualTo("UP");
        assertThat(check(body, "sheet-sync-scheduler").get("message").asText()).contains("SYNC_SCHEDULE_ENABLED=false");

        assertThat(names(probe("/observe/health/ready", 200))).contains("sheet-sync-database", "sheet-sync-scheduler")
                .doesNotContain("sheet-sync-source");
        assertThat(names(probe("/observe/health/live", 200))).doesNotContain("sheet-sync-database",
                "sheet-sync-source", "sheet-sync-scheduler");
    }

    @Test
    void a_failed_fetch_takes_the_source_down_until_the_next_fetch_succeeds() throws Exception {
        Files.deleteIfExists(SYNC.service().sheetFile());
        assertThat(SYNC.service().syncNow().status()).isEqualTo("failed");

        JsonNode down = probe("/observe/health", 503);
        assertThat(down.get("status").asText()).isEqualTo("DOWN");
        assertThat(check(down, "sheet-sync-source").get("status").asText()).isEqualTo("DOWN");
        assertThat(check(down, "sheet-sync-source").get("message").asText())
                .startsWith("the last fetch of the sheet failed: ");
        probe("/observe/health/ready", 200);
        probe("/observe/health/live", 200);

        SYNC.service().sheet(SHEET);
        assertThat(SYNC.service().syncNow().status()).isEqualTo("completed");

        assertThat(check(probe("/observe/health", 200), "sheet-sync-source").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void an_unreachable_database_makes_the_service_unready_but_alive_until_it_is_back() throws Exception {
        SYNC.database().allowConnections(false);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> SYNC.service().get("/observe/health/ready", null).statusCode() == 503);
            JsonNode ready = JSON.readTree(SYNC.service().get("/observe/health/ready", null).body());
            assertThat(ready.get("status").asText()).isEqualTo("DOWN");
            assertThat(check(ready, "sheet-sync-database").get("status").asText()).isEqualTo("DOWN");
            assertThat(check(ready, "sheet-sync-database").get("message").asText()).isNotBlank();
            assertThat(SYNC.service().get("/observe/health/live", null).statusCode()).isEqualTo(200);
        } finally {
            SYNC.database().allowConnections(true);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> SYNC.service().get("/observe/health/ready", null).statusCode() == 200);
    }

    private static JsonNode probe(String path, int status) throws Exception {
        HttpResponse<String> answer = SYNC.service().get(path, null);
        assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(status);
        return JSON.readTree(answer.body());
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (name.equals(check.get("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    private static List<String> names(JsonNode health) {
        List<String> names = new ArrayList<>();
        health.get("checks").forEach(check -> names.add(check.get("name").asText()));
        return names;
    }
}
