package io.sheetsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.MutableClock;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Named tokens over real HTTP: the audit trail names the person (config changes, acknowledgements, manual runs),
 * and an address that keeps presenting wrong tokens is slowed down, then let in again.
 */
class CallerIdentityTest {

    static final String TARO = "taro-admin-named-token-00000001";
    static final String HANAKO = "hanako-operator-named-token-001";
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-05T00:00:00Z"));

    @RegisterExtension
    static final RunningService SYNC = new RunningService(() -> Map.of("SYNC_TOKENS_FILE", tokensFile().toString()),
            CLOCK);

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_audit_trail_names_the_person_behind_a_named_token() throws Exception {
        SYNC.service().sheet(List.of("seller_number,name,inquiry_date", "AA1,One,2024-01-01"));

        HttpResponse<String> change = SYNC.service().put("/api/config", TARO, "{\"syncGapThreshold\": 7}");
        JsonNode history = json(SYNC.service().get("/api/config/history?limit=1", TARO));
        String alertId = json(SYNC.service().get("/api/alerts?acknowledged=false", HANAKO)).get(0).get("id").asText();
        JsonNode acknowledged = json(SYNC.service().post("/api/alerts/" + alertId + "/acknowledge", HANAKO));
        String syncId = json(SYNC.service().post("/api/sync", HANAKO)).get("syncId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> SYNC.service().service().coordinator().current().isEmpty());
        JsonNode run = json(SYNC.service().get("/api/sync/" + syncId, TestService.VIEWER));
        JsonNode audit = json(SYNC.service().get("/api/audit/" + syncId, TARO));

        assertThat(change.statusCode()).isEqualTo(200);
        assertThat(history.get("changes").get(0).get("changedBy").asText()).isEqualTo("taro.yamada");
        assertThat(acknowledged.get("acknowledgedBy").asText()).isEqualTo("hanako.sato");
        assertThat(run.get("triggeredBy").asText()).isEqualTo("hanako.sato");
        assertThat(audit.get("triggeredBy").asText()).isEqualTo("hanako.sato");
        // the role tokens still work beside the named ones
        assertThat(json(SYNC.service().post("/api/sync/" + syncId + "/cancel", TestService.OPERATOR))
                .get("error").asText()).isEqualTo("sync_not_running");
    }

    @Test
    void an_address_presenting_wrong_tokens_is_slowed_down_then_let_in_again() throws Exception {
        for (int i = 1; i <= AuthThrottle.FREE_FAILURES; i++) {
            assertThat(SYNC.service().get("/api/sync/status", "wrong-token-" + i).statusCode()).as("try " + i)
                    .isEqualTo(401);
        }
        HttpResponse<String> refused = SYNC.service().get("/api/sync/status", TestService.VIEWER);
        HttpResponse<String> refusedAgain = SYNC.service().get("/api/sync/status", "wrong-token-6");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).get("error").asText()).isEqualTo("too_many_failures");
        assertThat(json(refused).get("message").asText()).doesNotContain("wrong-token", TestService.VIEWER);
        assertThat(refusedAgain.statusCode()).isEqualTo(429);

        CLOCK.advance(AuthThrottle.MAX_WAIT);
        assertThat(SYNC.service().get("/api/sync/status", TestService.VIEWER).statusCode()).isEqualTo(200);
        assertThat(SYNC.service().get("/api/sync/status", "wrong-token-7").statusCode()).isEqualTo(401);
        assertThat(SYNC.service().get("/api/sync/status", TestService.VIEWER).statusCode()).isEqualTo(200);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static Path tokensFile() {
        try {
            Path file = Files.createTempFile("tokens", ".yaml");
            Files.writeString(file, """
                    - name: taro.yamada
                      role: admin
                      sha256: %s
                    - name: hanako.sato
                      role: operator
                      sha256: %s
                    """.formatted(AuthDecisionsTest.sha256(TARO), AuthDecisionsTest.sha256(HANAKO)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
