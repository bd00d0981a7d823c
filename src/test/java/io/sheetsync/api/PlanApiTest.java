package io.sheetsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.AllTables;
import io.sheetsync.support.RowBlocker;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/sync/plan over real HTTP: roles, the plan's shape, nothing written, 409 while a sync runs. */
class PlanApiTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(Map::of);

    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void syncedSheet() throws Exception {
        SYNC.database().execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
        SYNC.service().sheet(List.of("seller_number,name,inquiry_date,phone",
                "AA1,One,2024-01-01,03-1111", "AA2,Two,2024-01-02,03-2222", "AA3,Three,2024-01-03,03-3333"));
        assertThat(SYNC.service().syncNow().status()).isEqualTo("completed");
    }

    @Test
    void an_operator_gets_the_plan_of_the_edited_sheet_field_by_field() throws Exception {
        SYNC.service().sheet(List.of("seller_number,name,inquiry_date,phone",
                "AA1,One,2024-01-01,03-1111", "aa2,Two Renamed,2024/1/2,", "AA4,Four,2024-01-04,03-4444",
                "AA5,,2024-01-05,"));

        HttpResponse<String> answer = SYNC.service().post("/api/sync/plan", TestService.OPERATOR);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode plan = JSON.readTree(answer.body());
        assertThat(plan.get("generatedAt").asText()).isNotBlank();
        assertThat(plan.get("inStep").asBoolean()).isFalse();
        assertThat(plan.get("truncated").asBoolean()).isFalse();
        assertThat(plan.get("guards")).isEmpty();
        JsonNode counts = plan.get("counts");
        assertThat(counts.get("create").asInt()).isEqualTo(1);
        assertThat(counts.get("update").asInt()).isEqualTo(1);
        assertThat(counts.get("unchanged").asInt()).isEqualTo(1);
        assertThat(counts.get("invalid").asInt()).isEqualTo(1);
        assertThat(counts.get("duplicates").asInt()).isZero();
        assertThat(counts.get("orphans").asInt()).as("AA3 is no longer in the sheet").isEqualTo(1);
        JsonNode update = plan.get("changes").get(0);
        assertThat(update.get("sellerNumber").asText()).isEqualTo("AA2");
        assertThat(update.get("operation").asText()).isEqualTo("update");
        assertThat(update.get("row").asInt()).isEqualTo(3);
        assertThat(update.get("fields").toString()).isEqualTo("[{\"field\":\"name\",\"from\":\"Two\","
                + "\"to\":\"Two Renamed\",\"blanking\":false},{\"field\":\"phone\",\"from\":\"03-2222\",\"to\":null,"
                + "\"blanking\":true},{\"field\":\"raw.seller_number\",\"from\":\"AA2\",\"to\":\"aa2\","
                + "\"blanking\":false},{\"field\":\"raw.inquiry_date\",\"from\":\"2024-01-02\",\"to\":\"2024/1/2\","
                + "\"blanking\":false}]");
        JsonNode create = plan.get("changes").get(1);
        assertThat(create.get("sellerNumber").asText()).isEqualTo("AA4");
        assertThat(create.get("operation").asText()).isEqualTo("create");
        assertThat(create.get("fields").toString()).isEqualTo("[{\"field\":\"seller_number\",\"from\":null,"
                + "\"to\":\"AA4\",\"blanking\":false},{\"field\":\"name\",\"from\":null,\"to\":\"Four\","
                + "\"blanking\":false},{\"field\":\"inquiry_date\",\"from\":null,\"to\":\"2024-01-04\","
                + "\"blanking\":false},{\"field\":\"phone\",\"from\":null,\"to\":\"03-4444\",\"blanking\":false}]");
        assertThat(plan.get("changes")).hasSize(2);
    }

    @Test
    void a_plan_leaves_every_table_exactly_as_it_was() throws Exception {
        SYNC.service().sheet(List.of("seller_number,name,inquiry_date,phone", "AA1,One again,2024-01-01,",
                "AA2,Two,2024-01-02,03-2222", "AA9,Nine,2024-01-09,", "bad,Bad,2024-01-01,", "AA9,Nine twice,x,"));
        List<String> before = AllTables.snapshot(SYNC.database());

        assertThat(SYNC.service().post("/api/sync/plan", TestService.OPERATOR).statusCode()).isEqualTo(200);
        assertThat(SYNC.service().post("/api/sync/plan", TestService.ADMIN).statusCode()).isEqualTo(200);

        assertThat(AllTables.snapshot(SYNC.database())).isEqualTo(before);
        assertThat(RowBlocker.syncLockHeld(SYNC.database())).as("the sync lock after the plan").isFalse();
    }

    @Test
    void a_viewer_is_refused_with_403_and_a_caller_without_token_with_401() throws Exception {
        assertThat(SYNC.service().post("/api/sync/plan", TestService.VIEWER).statusCode()).isEqualTo(403);
        assertThat(SYNC.service().post("/api/sync/plan", null).statusCode()).isEqualTo(401);
        assertThat(SYNC.service().post("/api/sync/plan?dryRun=true", TestService.OPERATOR).statusCode())
                .as("an unknown parameter").isEqualTo(400);
    }

    @Test
    void a_plan_asked_for_while_a_sync_runs_here_answers_409_with_its_status() throws Exception {
        SYNC.service().sheet(List.of("seller_number,name,inquiry_date,phone", "AA1,One,2024-01-01,03-1111",
                "AA2,Two,2024-01-02,03-2222", "AA3,Three,2024-01-03,03-3333", "AA7,Seven,2024-01-07,"));
        try (RowBlocker blocker = RowBlocker.insert(SYNC.database(), "AA7")) {
            Future<?> run = CompletableFuture.runAsync(() -> {
                try {
                    SYNC.service().syncNow();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            blocker.awaitWaiter(run);

            HttpResponse<String> answer = SYNC.service().post("/api/sync/plan", TestService.OPERATOR);

            assertThat(answer.statusCode()).isEqualTo(409);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.get("error").asText()).isEqualTo("sync_in_progress");
            assertThat(body.get("status").get("isRunning").asBoolean()).isTrue();
            blocker.rollback();
            run.get();
        }
    }

    @Test
    void a_plan_asked_for_while_another_instance_holds_the_sync_lock_answers_409() throws Exception {
        try (Connection other = SYNC.database().connect(); Statement statement = other.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + 0x73_68_74_73_79_6E_63L + ")");

            HttpResponse<String> answer = SYNC.service().post("/api/sync/plan", TestService.OPERATOR);

            assertThat(answer.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(answer.body()).get("message").asText()).contains("another instance");
            // released here, not by closing the session: a closed session's backend frees its locks a moment later
            statement.execute("SELECT pg_advisory_unlock(" + 0x73_68_74_73_79_6E_63L + ")");
        }
        assertThat(SYNC.service().post("/api/sync/plan", TestService.OPERATOR).statusCode()).isEqualTo(200);
    }

    @Test
    void a_sheet_that_cannot_be_read_answers_503_with_the_reason() throws Exception {
        Files.delete(SYNC.service().sheetFile());
        try {
            HttpResponse<String> answer = SYNC.service().post("/api/sync/plan", TestService.OPERATOR);

            assertThat(answer.statusCode()).isEqualTo(503);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.get("error").asText()).isEqualTo("plan_failed");
            assertThat(body.get("message").asText()).contains("sellers.csv");
        } finally {
            SYNC.service().sheet(List.of("seller_number,name,inquiry_date"));
        }
    }
}
