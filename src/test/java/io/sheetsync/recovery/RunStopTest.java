package io.sheetsync.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.MutableClock;
import io.sheetsync.support.RowBlocker;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs that end before their last batch: cancelled through the API, or past SYNC_RUN_TIMEOUT_MINUTES. Batches
 * committed before stay whole, the audit log says why the run ended, the lock is free, and the next run completes.
 */
class RunStopTest {

    static final int SELLERS = 150;
    static final String IN_SECOND_BATCH = "AA1075";
    static final ObjectMapper JSON = new ObjectMapper();
    static final MutableClock CLOCK = new MutableClock();
    static final ExecutorService RUNNER = Executors.newSingleThreadExecutor();

    static TestDatabase database;
    static TestService service;

    @TempDir
    static Path directory;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create(RunStopTest.class);
        service = TestService.start(database, directory, Map.of("SYNC_BATCH_SIZE", "50",
                "SYNC_RUN_TIMEOUT_MINUTES", "30"), CLOCK);
        List<String> lines = new ArrayList<>(List.of("seller_number,name,inquiry_date"));
        for (int i = 1; i <= SELLERS; i++) {
            lines.add("AA" + (1000 + i) + ",Seller " + i + ",2024-01-01");
        }
        service.sheet(lines);
    }

    @AfterAll
    static void stop() {
        RUNNER.shutdownNow();
        service.close();
        database.close();
    }

    @BeforeEach
    void emptyTables() {
        database.execute("TRUNCATE sellers, properties, sync_audit_logs, sync_retry_queue CASCADE");
    }

    @Test
    void a_cancelled_run_stops_after_its_current_batch_and_keeps_the_batches_it_committed() throws Exception {
        String syncId;
        try (RowBlocker blocker = RowBlocker.insert(database, IN_SECOND_BATCH)) {
            HttpResponse<String> started = service.post("/api/sync", TestService.OPERATOR);
            syncId = JSON.readTree(started.body()).get("syncId").asText();
            blocker.awaitWaiter();

            assertThat(service.post("/api/sync/" + syncId + "/cancel", TestService.VIEWER).statusCode()).isEqualTo(403);
            HttpResponse<String> cancel = service.post("/api/sync/" + syncId + "/cancel", TestService.OPERATOR);

            assertThat(cancel.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(cancel.body()).get("syncId").asText()).isEqualTo(syncId);
            blocker.rollback(); // the batch in progress goes on to its commit
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !"in_progress".equals(run(syncId).get("status").asText()));

        JsonNode run = run(syncId);
        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.get("errorCategory").asText()).isEqualTo("stopped");
        assertThat(run.get("outcome").asText()).isEqualTo("cancelled");
        // the reason in words is an error text: admins read it
        assertThat(JSON.readTree(service.get("/api/sync/" + syncId, TestService.ADMIN).body()).get("error").asText())
                .isEqualTo("cancelled by operator");
        assertThat(database.query("SELECT outcome || '|' || stop_requested_by FROM sync_audit_logs WHERE id = '"
                + syncId + "'")).containsExactly("cancelled|operator");
        assertThat(database.query("SELECT seller_number FROM sellers ORDER BY 1")).containsExactlyElementsOf(keys(100));
        assertThat(database.query("SELECT count(*)::text FROM sync_record_logs WHERE audit_log_id = '" + syncId + "'"))
                .containsExactly("100");
        assertThat(RowBlocker.syncLockHeld(database)).isFalse();
        HttpResponse<String> again = service.post("/api/sync/" + syncId + "/cancel", TestService.OPERATOR);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).get("error").asText()).isEqualTo("sync_not_running");

        RunSummary next = service.syncNow();

        assertThat(next.status()).isEqualTo("completed");
        assertThat(next.counts().created()).isEqualTo(50);
        assertThat(database.query("SELECT seller_number FROM sellers ORDER BY 1")).containsExactlyElementsOf(keys(SELLERS));
    }

    @Test
    void cancelling_an_unknown_or_malformed_id_answers_404_or_400() throws Exception {
        assertThat(service.post("/api/sync/" + UUID.randomUUID() + "/cancel", TestService.OPERATOR).statusCode())
                .isEqualTo(404);
        assertThat(service.post("/api/sync/not-a-uuid/cancel", TestService.OPERATOR).statusCode()).isEqualTo(400);
        assertThat(service.post("/api/sync/" + UUID.randomUUID() + "/cancel", null).statusCode()).isEqualTo(401);
    }

    @Test
    void cancelling_a_run_left_in_progress_by_a_dead_process_marks_it_failed_and_answers_409() throws Exception {
        String abandoned = UUID.randomUUID().toString();
        database.execute("INSERT INTO sync_audit_logs (id, start_time, trigger_source, status) VALUES ('" + abandoned
                + "', now(), 'scheduled', 'in_progress')");

        HttpResponse<String> cancel = service.post("/api/sync/" + abandoned + "/cancel", TestService.ADMIN);

        assertThat(cancel.statusCode()).isEqualTo(409);
        assertThat(database.query("SELECT status || '|' || error_type FROM sync_audit_logs WHERE id = '" + abandoned
                + "'")).containsExactly("failed|stopped");
    }

    @Test
    void a_run_past_its_time_limit_is_stopped_even_while_it_waits_inside_a_batch() throws Exception {
        Future<RunSummary> running;
        RunSummary summary;
        try (RowBlocker blocker = RowBlocker.insert(database, IN_SECOND_BATCH)) {
            running = RUNNER.submit(service::syncNow);
            blocker.awaitWaiter(running);

            CLOCK.advance(Duration.ofMinutes(31));
            summary = running.get(30, TimeUnit.SECONDS); // the watchdog cancels the statement it waits on
        }

        assertThat(summary.status()).isEqualTo("failed");
        assertThat(summary.error()).startsWith("timed out").contains("SYNC_RUN_TIMEOUT_MINUTES");
        assertThat(database.query("SELECT outcome FROM sync_audit_logs WHERE id = '" + summary.syncId() + "'"))
                .containsExactly("timed_out");
        assertThat(database.query("SELECT seller_number FROM sellers ORDER BY 1")).containsExactlyElementsOf(keys(50));
        assertThat(RowBlocker.syncLockHeld(database)).isFalse();

        RunSummary next = service.syncNow();

        assertThat(next.status()).isEqualTo("completed");
        assertThat(database.query("SELECT seller_number FROM sellers ORDER BY 1")).containsExactlyElementsOf(keys(SELLERS));
    }

    private static JsonNode run(String syncId) throws Exception {
        return JSON.readTree(service.get("/api/sync/" + syncId, TestService.VIEWER).body());
    }

    private static List<String> keys(int count) {
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            keys.add("AA" + (1000 + i));
        }
        return keys;
    }
}
