package io.sheetsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.sheetsync.support.ApiJson;
import io.sheetsync.support.RowBlocker;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a failed run's or record's error shows to each role, over real HTTP against runs the real database failed:
 * admins the sanitised text, viewers and operators only its category and SQLSTATE.
 */
class ErrorDisclosureTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(Map::of);

    static final String HEADER = "seller_number,name,inquiry_date";

    @Test
    void a_run_the_database_failed_shows_its_category_and_sqlstate_below_admin_and_its_text_to_admins()
            throws Exception {
        SYNC.service().sheet(List.of(HEADER, "AA1,One,2024-01-01"));
        // the run's read of the stored sellers fails with 42P01 undefined_table, whose text names the relation
        SYNC.database().execute("ALTER TABLE sellers RENAME TO sellers_elsewhere");
        RunSummary run;
        try {
            run = SYNC.service().syncNow();
        } finally {
            SYNC.database().execute("ALTER TABLE sellers_elsewhere RENAME TO sellers");
        }
        assertThat(run.status()).isEqualTo("failed");
        String path = "/api/sync/" + run.syncId();

        JsonNode admin = ApiJson.get(SYNC.service(), path, TestService.ADMIN, 200);
        assertThat(admin.get("error").asText()).contains("\"sellers\"");
        assertThat(admin.get("errorCategory").asText()).isEqualTo("database");
        assertThat(admin.get("sqlState").asText()).isEqualTo("42P01");

        for (String token : List.of(TestService.VIEWER, TestService.OPERATOR)) {
            JsonNode one = ApiJson.get(SYNC.service(), path, token, 200);
            assertThat(one.get("errorCategory").asText()).isEqualTo("database");
            assertThat(one.get("sqlState").asText()).isEqualTo("42P01");
            assertThat(one.get("error").asText()).contains("database error", "SQLSTATE 42P01");
            JsonNode last = ApiJson.get(SYNC.service(), "/api/sync/status", token, 200).get("lastSyncResult");
            assertThat(last.get("syncId").asText()).isEqualTo(run.syncId());
            assertThat(last.get("errorCategory").asText()).isEqualTo("database");
            assertThat(last.get("sqlState").asText()).isEqualTo("42P01");
            String dashboard = SYNC.service().get("/api/dashboard", token).body();
            assertThat(dashboard).contains("SQLSTATE 42P01");
            JsonNode alerts = ApiJson.get(SYNC.service(), "/api/alerts", token, 200);
            assertThat(alerts.findValuesAsText("message")).anyMatch(message -> message.contains("SQLSTATE 42P01"));
            for (String answer : List.of(one.toString(), last.toString(), dashboard, alerts.toString())) {
                assertThat(answer).doesNotContain("sellers", "relation", admin.get("error").asText());
            }
        }
        assertThat(ApiJson.get(SYNC.service(), "/api/sync/status", TestService.ADMIN, 200)
                .get("lastSyncResult").get("error").asText()).isEqualTo(admin.get("error").asText());
        assertThat(ApiJson.get(SYNC.service(), "/api/dashboard", TestService.ADMIN, 200)
                .get("statusReason").asText()).contains("\"sellers\"");
        assertThat(ApiJson.get(SYNC.service(), "/api/alerts", TestService.ADMIN, 200).findValuesAsText("message"))
                .anyMatch(message -> message.contains("\"sellers\""));
    }

    @Test
    void a_record_the_database_refused_shows_its_sqlstate_in_the_seller_history_and_its_text_to_admins()
            throws Exception {
        SYNC.service().sheet(List.of(HEADER, "AA7,Seven,2024-01-01"));
        // the batch writing AA7 waits on a row the test holds and is cancelled twice (57014 query_canceled): set aside
        RunSummary run;
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (RowBlocker blocker = RowBlocker.insert(SYNC.database(), "AA7")) {
            Future<RunSummary> running = runner.submit(SYNC.service()::syncNow);
            blocker.awaitWaiter(running);
            blocker.cancelWaiters();
            blocker.awaitWaiter(running);
            blocker.cancelWaiters();
            run = running.get(60, TimeUnit.SECONDS);
        } finally {
            runner.shutdown();
        }
        String path = "/api/sellers/AA7/history";

        // the admin reads PostgreSQL's text, the viewer the sentence of its category and SQLSTATE; both the state
        for (Map.Entry<String, String> role : Map.of(TestService.ADMIN, "canceling statement",
                TestService.VIEWER, "SQLSTATE 57014").entrySet()) {
            JsonNode seen = runOf(ApiJson.get(SYNC.service(), path, role.getKey(), 200), run.syncId());
            JsonNode error = seen.get("errors").get(0);
            assertThat(error.get("errorType").asText()).isEqualTo("database");
            assertThat(error.get("sqlState").asText()).isEqualTo("57014");
            assertThat(error.get("errorMessage").asText()).contains(role.getValue());
            assertThat(seen.get("records").get(0).get("result").asText()).isEqualTo("failure");
            assertThat(seen.get("records").get(0).get("errorMessage").asText()).contains(role.getValue());
        }
        JsonNode viewer = runOf(ApiJson.get(SYNC.service(), path, TestService.VIEWER, 200), run.syncId());
        assertThat(viewer.toString()).doesNotContain("canceling", "stackTrace");
    }

    @Test
    void a_run_failed_before_categories_were_stored_shows_unknown_and_no_sqlstate() throws Exception {
        UUID id = UUID.randomUUID();
        // as V9 left it: a failed run with its text and no category, an error log without an SQLSTATE
        SYNC.database().execute("INSERT INTO sync_audit_logs (id, start_time, end_time, trigger_source, status,"
                + " error_message) VALUES ('" + id + "', '2020-01-01 10:00', '2020-01-01 10:01', 'scheduled', 'failed',"
                + " 'connection to db.internal:5432 refused')");
        SYNC.database().execute("INSERT INTO sync_error_logs (audit_log_id, seller_number, error_message, error_type,"
                + " timestamp) VALUES ('" + id + "', 'AA8', 'row 2 of /srv/sheets/x.csv', 'validation', '2020-01-01 10:00')");
        SYNC.database().execute("INSERT INTO sync_record_logs (audit_log_id, seller_number, operation, result,"
                + " error_message, timestamp) VALUES ('" + id + "', 'AA8', 'skip', 'failure', 'row 2 of /srv/sheets/x.csv',"
                + " '2020-01-01 10:00')");

        JsonNode viewer = ApiJson.get(SYNC.service(), "/api/sync/" + id, TestService.VIEWER, 200);
        assertThat(viewer.get("errorCategory").asText()).isEqualTo("unknown");
        assertThat(viewer.get("sqlState").isNull()).isTrue();
        assertThat(viewer.get("error").asText()).startsWith("unclassified error").doesNotContain("db.internal");
        JsonNode admin = ApiJson.get(SYNC.service(), "/api/sync/" + id, TestService.ADMIN, 200);
        assertThat(admin.get("errorCategory").asText()).isEqualTo("unknown");
        assertThat(admin.get("error").asText()).isEqualTo("connection to db.internal:5432 refused");

        JsonNode history = runOf(ApiJson.get(SYNC.service(), "/api/sellers/AA8/history", TestService.VIEWER, 200),
                id.toString());
        assertThat(history.get("errors").get(0).get("errorType").asText()).isEqualTo("validation");
        assertThat(history.get("errors").get(0).get("sqlState").isNull()).isTrue();
        assertThat(history.toString()).doesNotContain("/srv/sheets");
    }

    @Test
    void a_completed_run_has_no_error_fields_set() throws Exception {
        SYNC.service().sheet(List.of(HEADER, "AA1,One,2024-01-01"));
        RunSummary run = SYNC.service().syncNow();

        JsonNode viewer = ApiJson.get(SYNC.service(), "/api/sync/" + run.syncId(), TestService.VIEWER, 200);

        assertThat(run.status()).isEqualTo("completed");
        assertThat(List.of(viewer.get("error"), viewer.get("errorCategory"), viewer.get("sqlState")))
                .allMatch(JsonNode::isNull);
    }

    private static JsonNode runOf(JsonNode history, String syncId) {
        for (JsonNode run : history.get("runs")) {
            if (run.get("syncId").asText().equals(syncId)) {
                return run;
            }
        }
        throw new AssertionError("run " + syncId + " is not in the history " + history);
    }
}
