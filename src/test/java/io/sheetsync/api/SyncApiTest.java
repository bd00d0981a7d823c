package io.sheetsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sync endpoints over real HTTP: roles, answers, errors, and one run at a time. */
class SyncApiTest {

    @RegisterExtension
    @Order(2)
    static final RunningService SYNC = new RunningService(() -> Map.of());

    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        SYNC.service().sheet(List.of("seller_number,name,inquiry_date", "AA1,One,2024-01-01", "AA2,Two,2024-01-02"));
    }

    @Test
    void a_manual_sync_answers_202_and_its_run_can_be_followed_to_the_end() throws Exception {
        HttpResponse<String> accepted = SYNC.service().post("/api/sync", TestService.OPERATOR);

        assertThat(accepted.statusCode()).isEqualTo(202);
        String syncId = JSON.readTree(accepted.body()).get("syncId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !"in_progress".equals(json(SYNC.service().get("/api/sync/" + syncId, TestService.VIEWER)).get("status").asText()));
        JsonNode run = json(SYNC.service().get("/api/sync/" + syncId, TestService.VIEWER));
        assertThat(run.get("status").asText()).isEqualTo("completed");
        assertThat(run.get("triggerSource").asText()).isEqualTo("manual");
        assertThat(run.get("endTime").isNull()).isFalse();
        assertThat(run.get("createdCount").asInt() + run.get("unchangedCount").asInt()).isEqualTo(2);

        // the run's record is complete before it releases the lock: its metrics and alerts come in between
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !json(SYNC.service().get("/api/sync/status", TestService.VIEWER)).get("isRunning").asBoolean());
        JsonNode status = json(SYNC.service().get("/api/sync/status", TestService.VIEWER));
        assertThat(status.get("lastSyncResult").get("syncId").asText()).isEqualTo(syncId);
        assertThat(status.get("lastSyncTime").isNull()).isFalse();
    }

    @Test
    void calls_without_a_valid_token_get_401_and_a_json_error() throws Exception {
        HttpResponse<String> none = SYNC.service().get("/api/sync/status", null);
        HttpResponse<String> wrong = SYNC.service().post("/api/sync", "not-a-token");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(none).get("error").asText()).isEqualTo("unauthorized");
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
    }

    @Test
    void a_viewer_cannot_start_a_sync() throws Exception {
        HttpResponse<String> forbidden = SYNC.service().post("/api/sync", TestService.VIEWER);

        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(json(forbidden).get("error").asText()).isEqualTo("forbidden");
    }

    @Test
    void an_unknown_run_is_404_and_a_malformed_id_is_400_naming_the_field() throws Exception {
        HttpResponse<String> unknown = SYNC.service().get("/api/sync/00000000-0000-0000-0000-000000000000", TestService.VIEWER);
        HttpResponse<String> malformed = SYNC.service().get("/api/sync/not-a-uuid", TestService.VIEWER);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("not_found");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("message").asText()).startsWith("id:");
    }

    @Test
    void concurrent_triggers_start_one_run_and_the_others_get_409_with_the_running_status() throws Exception {
        // Hold the sellers table so the first run cannot finish while the others knock.
        try (Connection blocker = SYNC.database().connect(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE sellers IN EXCLUSIVE MODE");
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Callable<HttpResponse<String>>> triggers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                triggers.add(() -> SYNC.service().post("/api/sync", TestService.OPERATOR));
            }
            List<Integer> codes = new ArrayList<>();
            List<HttpResponse<String>> conflicts = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : pool.invokeAll(triggers)) {
                codes.add(answer.get().statusCode());
                if (answer.get().statusCode() == 409) {
                    conflicts.add(answer.get());
                }
            }
            pool.shutdown();

            assertThat(codes).containsOnly(202, 409);
            assertThat(codes.stream().filter(code -> code == 202)).hasSize(1);
            JsonNode conflict = json(conflicts.get(0));
            assertThat(conflict.get("error").asText()).isEqualTo("sync_in_progress");
            assertThat(conflict.get("status").get("isRunning").asBoolean()).isTrue();
            blocker.rollback();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> SYNC.service().service().coordinator().current().isEmpty());
        assertThat(SYNC.service().post("/api/sync", TestService.OPERATOR).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> SYNC.service().service().coordinator().current().isEmpty());
    }

    @Test
    void error_answers_never_carry_stack_traces_or_secrets() throws Exception {
        HttpResponse<String> answer = SYNC.service().get("/api/sync/'%3B%20DROP%20TABLE", TestService.VIEWER);

        assertThat(answer.body()).doesNotContain("Exception", "at io.", TestService.ADMIN, "SELECT");
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
