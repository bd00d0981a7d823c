package io.sheetsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit endpoints over HTTP, against the history of three real runs. */
class AuditApiTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static TestDatabase database;
    static TestService service;
    /** Newest first: a failed fetch, an update of AA1, the first run (AA1, AA2 created; two rows rejected). */
    static String failed;
    static String updated;
    static String first;

    @TempDir
    static Path directory;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create(AuditApiTest.class);
        service = TestService.start(database, directory, Map.of());
        service.sheet(List.of("seller_number,name,inquiry_date", "AA1,One,2024-01-01", "AA2,Two,2024-01-02",
                "XX9,Bad Key,2024-01-03", "AA3,Bad Date,2024-13-45"));
        first = service.syncNow().syncId();
        service.sheet(List.of("seller_number,name,inquiry_date", "AA1,One renamed,2024-01-01", "AA2,Two,2024-01-02"));
        updated = service.syncNow().syncId();
        Files.delete(directory.resolve("sellers.csv"));
        RunSummary broken = service.syncNow();
        assertThat(broken.status()).isEqualTo("failed");
        failed = broken.syncId();
    }

    @AfterAll
    static void stop() {
        service.close();
        database.close();
    }

    @Test
    void every_run_is_listed_newest_first_with_its_counts() throws Exception {
        JsonNode answer = ok("/api/audit");

        assertThat(ids(answer)).containsExactly(failed, updated, first);
        assertThat(answer.get("count").asInt()).isEqualTo(3);
        assertThat(answer.get("limit").asInt()).isEqualTo(100);
        JsonNode oldest = answer.get("auditLogs").get(2);
        assertThat(oldest.get("status").asText()).isEqualTo("completed");
        assertThat(oldest.get("triggerSource").asText()).isEqualTo("manual");
        assertThat(oldest.get("createdCount").asInt()).isEqualTo(2);
        assertThat(oldest.get("failureCount").asInt()).isEqualTo(2);
        assertThat(answer.get("auditLogs").get(0).get("error").asText()).isNotBlank();
    }

    @Test
    void filters_by_outcome_seller_dates_and_limit_combine() throws Exception {
        assertThat(ids(ok("/api/audit?success=true"))).containsExactly(updated, first);
        assertThat(ids(ok("/api/audit?success=false"))).containsExactly(failed);
        assertThat(ids(ok("/api/audit?sellerNumber=AA2"))).containsExactly(first);
        assertThat(ids(ok("/api/audit?sellerNumber=" + encode("ａａ１")))).containsExactly(updated, first);
        assertThat(ok("/api/audit?sellerNumber=" + encode(" aa1")).get("filters").get("sellerNumber").asText())
                .isEqualTo("AA1");
        assertThat(ids(ok("/api/audit?sellerNumber=AA3"))).as("a rejected row's seller").containsExactly(first);
        assertThat(ids(ok("/api/audit?limit=1"))).containsExactly(failed);

        String middle = startTime(updated);
        assertThat(ids(ok("/api/audit?startDate=" + middle))).containsExactly(failed, updated);
        assertThat(ids(ok("/api/audit?endDate=" + middle))).as("the end is inclusive").containsExactly(updated, first);
        assertThat(ids(ok("/api/audit?startDate=" + middle + "&endDate=" + middle + "&success=true&sellerNumber=AA1")))
                .containsExactly(updated);
        assertThat(ids(ok("/api/audit?startDate=2999-01-01"))).isEmpty();
        assertThat(ids(ok("/api/audit?endDate=2000-01-01"))).isEmpty();
    }

    @Test
    void every_bad_filter_is_a_400_naming_its_field() throws Exception {
        Map<String, String> cases = Map.of(
                "startDate=soon", "startDate",
                "endDate=2024-01-01&startDate=2024-02-01", "endDate",
                "success=maybe", "success",
                "sellerNumber=XX1", "sellerNumber",
                "limit=0", "limit",
                "limit=1001", "limit",
                "limit=all", "limit",
                "sucess=true", "sucess",
                "limit=1&limit=2", "limit");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            HttpResponse<String> answer = service.get("/api/audit?" + bad.getKey(), TestService.ADMIN);
            assertThat(answer.statusCode()).as(bad.getKey()).isEqualTo(400);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.get("error").asText()).isEqualTo("invalid_request");
            assertThat(body.get("field").asText()).as(bad.getKey()).isEqualTo(bad.getValue());
            assertThat(body.get("message").asText()).startsWith(bad.getValue() + ": ");
        }
    }

    @Test
    void audit_queries_are_for_admins_only() throws Exception {
        assertThat(service.get("/api/audit", null).statusCode()).isEqualTo(401);
        assertThat(service.get("/api/audit", TestService.VIEWER).statusCode()).isEqualTo(403);
        assertThat(service.get("/api/audit", TestService.OPERATOR).statusCode()).isEqualTo(403);
        assertThat(service.get("/api/audit/" + first, TestService.OPERATOR).statusCode()).isEqualTo(403);
    }

    @Test
    void one_audit_log_comes_with_its_record_logs_and_error_logs() throws Exception {
        JsonNode log = ok("/api/audit/" + first);

        assertThat(log.get("id").asText()).isEqualTo(first);
        assertThat(log.get("recordCount").asInt()).isEqualTo(4);
        assertThat(log.get("errorCount").asInt()).isEqualTo(2);
        List<String> records = new ArrayList<>();
        log.get("records").forEach(record -> records.add(record.get("sellerNumber").asText() + "|"
                + record.get("operation").asText() + "|" + record.get("result").asText()));
        assertThat(records).containsExactlyInAnyOrder("AA1|create|success", "AA2|create|success",
                "AA3|skip|failure", "XX9|skip|failure");
        assertThat(log.get("errors")).allSatisfy(error -> {
            assertThat(error.get("errorType").asText()).isEqualTo("validation");
            assertThat(error.get("errorMessage").asText()).startsWith("row ");
        });
        assertThat(ok("/api/audit/" + failed).get("errors").get(0).get("errorType").asText()).isEqualTo("network");

        JsonNode page = ok("/api/audit/" + first + "?limit=1&offset=1");
        assertThat(page.get("records")).hasSize(1);
        assertThat(page.get("errors")).hasSize(1);
        assertThat(page.get("recordCount").asInt()).isEqualTo(4);
    }

    @Test
    void an_unknown_audit_log_is_404_and_a_malformed_id_or_page_is_400() throws Exception {
        HttpResponse<String> unknown = service.get("/api/audit/00000000-0000-0000-0000-000000000000", TestService.ADMIN);
        HttpResponse<String> malformed = service.get("/api/audit/last-tuesday", TestService.ADMIN);
        HttpResponse<String> badPage = service.get("/api/audit/" + first + "?offset=-1", TestService.ADMIN);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("not_found");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).get("field").asText()).isEqualTo("id");
        assertThat(badPage.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badPage.body()).get("field").asText()).isEqualTo("offset");
    }

    @Test
    void a_sellers_history_tells_what_each_run_did_to_it_newest_first() throws Exception {
        HttpResponse<String> answer = service.get("/api/sellers/" + encode("ａａ１") + "/history", TestService.VIEWER);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode history = JSON.readTree(answer.body());
        assertThat(history.get("sellerNumber").asText()).isEqualTo("AA1");
        assertThat(history.get("runs")).hasSize(2);
        JsonNode latest = history.get("runs").get(0);
        assertThat(latest.get("syncId").asText()).isEqualTo(updated);
        assertThat(latest.get("records").get(0).get("operation").asText()).isEqualTo("update");
        assertThat(latest.get("records").get(0).get("result").asText()).isEqualTo("success");
        assertThat(history.get("runs").get(1).get("records").get(0).get("operation").asText()).isEqualTo("create");

        JsonNode rejected = JSON.readTree(service.get("/api/sellers/AA3/history", TestService.VIEWER).body());
        assertThat(rejected.get("runs")).hasSize(1);
        JsonNode run = rejected.get("runs").get(0);
        assertThat(run.get("records").get(0).get("result").asText()).isEqualTo("failure");
        // a viewer learns the category, an admin the row's message
        assertThat(run.get("records").get(0).get("errorMessage").asText()).startsWith("validation error")
                .doesNotContain("inquiry_date");
        assertThat(run.get("errors").get(0).get("errorType").asText()).isEqualTo("validation");
        assertThat(run.get("errors").get(0).has("stackTrace")).as("viewers get no stack traces").isFalse();
        JsonNode admin = JSON.readTree(service.get("/api/sellers/AA3/history", TestService.ADMIN).body());
        assertThat(admin.get("runs").get(0).get("records").get(0).get("errorMessage").asText()).contains("inquiry_date");
        assertThat(admin.get("runs").get(0).get("errors").get(0).get("errorMessage").asText()).contains("inquiry_date");

        JsonNode never = JSON.readTree(service.get("/api/sellers/AA404/history", TestService.VIEWER).body());
        assertThat(never.get("runs")).isEmpty();
    }

    @Test
    void a_history_needs_a_valid_seller_number_and_a_token() throws Exception {
        HttpResponse<String> bad = service.get("/api/sellers/XX1/history", TestService.VIEWER);

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("field").asText()).isEqualTo("sellerNumber");
        assertThat(JSON.readTree(bad.body()).get("message").asText()).contains("'XX1' is not a seller number");
        assertThat(service.get("/api/sellers/AA1/history?limit=0", TestService.VIEWER).statusCode()).isEqualTo(400);
        assertThat(service.get("/api/sellers/AA1/history", null).statusCode()).isEqualTo(401);
    }

    private static JsonNode ok(String path) throws Exception {
        HttpResponse<String> answer = service.get(path, TestService.ADMIN);
        assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("auditLogs").forEach(log -> ids.add(log.get("id").asText()));
        return ids;
    }

    private static String startTime(String syncId) throws Exception {
        return ok("/api/audit/" + syncId).get("startTime").asText();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
