package io.sheetsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.audit.TriggerSource;
import io.sheetsync.support.Csv;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.sync.RunSummary;
import io.sheetsync.sync.SyncRun;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Seed properties 13 to 17 of the manual sync, over the REST API of a running service. */
class ManualSyncProperties {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> HEADER = List.of("seller_number", "name", "inquiry_date");

    static TestDatabase database;
    static TestService service;

    @BeforeContainer
    static void start() throws Exception {
        database = TestDatabase.create(ManualSyncProperties.class);
        // Small batches, so a run has several and its progress moves in steps. The generated sheets shrink at will
        // from one run to the next: the shrink guard (tested on its own) is off here.
        service = TestService.start(database, Files.createTempDirectory("manual-sync-properties"),
                Map.of("SYNC_BATCH_SIZE", "3", "SYNC_MAX_SHRINK_PERCENT", "100"));
    }

    @AfterContainer
    static void stop() {
        service.close();
        database.close();
    }

    @BeforeTry
    void emptyTables() {
        // DELETE, not TRUNCATE: on a few rows it is many times faster, and the foreign keys cascade to the logs
        database.execute("DELETE FROM sync_audit_logs; DELETE FROM sellers");
    }

    /** A sheet row: its key (unique in the sheet), its name, and whether its date is valid. */
    record Row(int key, String name, boolean valid) {
        List<String> cells() {
            return List.of("AA" + key, name, valid ? "2024-01-0" + (1 + key % 9) : "2024-13-45");
        }
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 13: for any manual sync interface access, the system"
            + " returns last sync time and current sync status")
    void the_status_shows_the_last_run_and_whether_one_is_going(@ForAll("sheets") List<List<Row>> sheets,
                                                                @ForAll boolean oneRunning) throws Exception {
        RunSummary last = null;
        for (List<Row> sheet : sheets) {
            write(sheet);
            last = service.syncNow();
        }
        SyncRun running = oneRunning ? service.service().coordinator().begin(TriggerSource.MANUAL) : null;
        try {
            JsonNode status = json(service.get("/api/sync/status", TestService.VIEWER), 200);

            assertThat(status.get("isRunning").asBoolean()).isEqualTo(oneRunning);
            if (oneRunning) {
                assertThat(status.get("syncId").asText()).isEqualTo(running.id().toString());
                assertThat(status.get("progress").get("currentPhase").asText()).isEqualTo("detecting");
            }
            JsonNode result = status.get("lastSyncResult");
            assertThat(result.get("syncId").asText()).isEqualTo(last.syncId());
            assertThat(result.get("status").asText()).isEqualTo(last.status());
            assertThat(result.get("createdCount").asInt()).isEqualTo(last.counts().created());
            assertThat(result.get("failureCount").asInt()).isEqualTo(last.counts().failed());
            assertThat(status.get("lastSyncTime").asText()).isEqualTo(result.get("endTime").asText());
            assertThat(database.query("SELECT count(*) FROM sync_audit_logs WHERE id = '" + last.syncId()
                    + "' AND end_time IS NOT NULL")).containsExactly("1");
        } finally {
            if (running != null) {
                service.service().coordinator().finish(running);
            }
        }
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 14: for any manual sync trigger, the system executes a full"
            + " sync operation with verification")
    void a_manual_trigger_runs_a_full_sync_with_verification(@ForAll("sheet") List<Row> sheet) throws Exception {
        write(sheet);

        String syncId = trigger();
        JsonNode run = awaitEnd(syncId);

        assertThat(run.get("status").asText()).isEqualTo("completed");
        assertThat(run.get("triggerSource").asText()).isEqualTo("manual");
        Set<String> valid = new HashSet<>();
        sheet.stream().filter(Row::valid).forEach(row -> valid.add("AA" + row.key()));
        assertThat(new HashSet<>(database.query("SELECT seller_number FROM sellers"))).isEqualTo(valid);
        assertThat(database.query("SELECT (execution_time->>'verify') IS NOT NULL FROM sync_metrics"
                + " WHERE audit_log_id = '" + syncId + "'")).as("the run went through verification").containsExactly("t");
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 15: for any in-progress manual sync, the system provides"
            + " progress updates including records processed and errors encountered")
    void a_running_sync_reports_its_progress(@ForAll("sheet") List<Row> sheet) throws Exception {
        write(sheet);
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        String syncId;
        // Holding the sellers table stops the run at its first batch, with the sheet read and checked.
        try (Connection blocker = database.connect(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE sellers IN EXCLUSIVE MODE");
            syncId = trigger();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
                JsonNode status = json(service.get("/api/sync/status", TestService.VIEWER), 200);
                seen.set(status);
                return status.get("isRunning").asBoolean() && status.get("progress").isObject()
                        && "syncing".equals(status.get("progress").get("currentPhase").asText());
            });
            blocker.rollback();
        }
        JsonNode run = awaitEnd(syncId);

        JsonNode progress = seen.get().get("progress");
        assertThat(seen.get().get("syncId").asText()).isEqualTo(syncId);
        int invalid = (int) sheet.stream().filter(row -> !row.valid()).count();
        assertThat(progress.get("totalRecords").asInt()).isEqualTo(sheet.size());
        assertThat(progress.get("errorCount").asInt()).isEqualTo(invalid);
        assertThat(progress.get("processedRecords").asInt()).isEqualTo(invalid);
        assertThat(progress.get("successCount").asInt()).isZero();
        assertThat(run.get("failureCount").asInt()).isEqualTo(invalid);
        assertThat(run.get("createdCount").asInt()).isEqualTo(sheet.size() - invalid);
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 16: for any completed manual sync, the summary includes new"
            + " records count, updated records count and errors")
    void a_finished_sync_sums_up_what_it_created_updated_and_failed(@ForAll("sheet") List<Row> before,
                                                                   @ForAll("sheet") List<Row> after) throws Exception {
        write(before);
        service.syncNow();
        Map<Integer, String> stored = new LinkedHashMap<>();
        before.stream().filter(Row::valid).forEach(row -> stored.put(row.key(), row.name()));
        write(after);

        String syncId = trigger();
        JsonNode run = awaitEnd(syncId);

        List<Row> valid = after.stream().filter(Row::valid).toList();
        long created = valid.stream().filter(row -> !stored.containsKey(row.key())).count();
        long updated = valid.stream().filter(row -> stored.containsKey(row.key())
                && !stored.get(row.key()).equals(row.name())).count();
        long failed = after.size() - valid.size();
        assertThat(run.get("createdCount").asLong()).isEqualTo(created);
        assertThat(run.get("updatedCount").asLong()).isEqualTo(updated);
        assertThat(run.get("unchangedCount").asLong()).isEqualTo(valid.size() - created - updated);
        assertThat(run.get("failureCount").asLong()).isEqualTo(failed);
        JsonNode last = json(service.get("/api/sync/status", TestService.VIEWER), 200).get("lastSyncResult");
        assertThat(last.get("syncId").asText()).isEqualTo(syncId);
        assertThat(last.get("createdCount").asLong()).isEqualTo(created);
        assertThat(last.get("updatedCount").asLong()).isEqualTo(updated);
        assertThat(last.get("failureCount").asLong()).isEqualTo(failed);
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 17: for any sync trigger when a sync is already running,"
            + " the system prevents the duplicate operation and returns current status")
    void a_trigger_during_a_run_is_refused_with_the_running_status(@ForAll @IntRange(min = 1, max = 4) int manual,
                                                                    @ForAll @IntRange(min = 0, max = 2) int scheduled)
            throws Exception {
        write(List.of(new Row(1, "One", true)));
        SyncRun running = service.service().coordinator().begin(TriggerSource.MANUAL);
        try {
            for (int i = 0; i < manual; i++) {
                JsonNode conflict = json(service.post("/api/sync", TestService.OPERATOR), 409);
                assertThat(conflict.get("error").asText()).isEqualTo("sync_in_progress");
                assertThat(conflict.get("status").get("isRunning").asBoolean()).isTrue();
                assertThat(conflict.get("status").get("syncId").asText()).isEqualTo(running.id().toString());
            }
            for (int i = 0; i < scheduled; i++) {
                assertThat(service.service().coordinator().beginScheduled()).isNull();
            }
            assertThat(database.query("SELECT count(*) FROM sync_audit_logs")).containsExactly("1");
        } finally {
            service.service().coordinator().finish(running);
        }
        assertThat(awaitEnd(trigger()).get("status").asText()).isEqualTo("completed");
    }

    private static void write(List<Row> sheet) throws Exception {
        service.sheet(Csv.sheet(HEADER, sheet.stream().map(Row::cells).toList()));
    }

    private static String trigger() throws Exception {
        return json(service.post("/api/sync", TestService.OPERATOR), 202).get("syncId").asText();
    }

    private static JsonNode awaitEnd(String syncId) {
        AtomicReference<JsonNode> run = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
            run.set(json(service.get("/api/sync/" + syncId, TestService.VIEWER), 200));
            return !"in_progress".equals(run.get().get("status").asText())
                    && service.service().coordinator().current().isEmpty();
        });
        return run.get();
    }

    private static JsonNode json(HttpResponse<String> answer, int status) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return JSON.readTree(answer.body());
    }

    /** Sheets with unique keys, valid and invalid rows, and at least one valid row. */
    @Provide
    Arbitrary<List<Row>> sheet() {
        Arbitrary<String> name = Arbitraries.of("One", "Two", "山田", "O'Brien");
        return Arbitraries.integers().between(1, 12).set().ofMinSize(1).ofMaxSize(8).flatMap(keys -> {
            List<Arbitrary<Row>> rows = new ArrayList<>();
            boolean first = true;
            for (int key : keys) {
                rows.add(Combinators.combine(name, first ? Arbitraries.just(true) : Arbitraries.of(true, true, false))
                        .as((n, valid) -> new Row(key, n, valid)));
                first = false;
            }
            return Combinators.combine(rows).as(List::copyOf);
        });
    }

    @Provide
    Arbitrary<List<List<Row>>> sheets() {
        return sheet().list().ofMinSize(1).ofMaxSize(2);
    }
}
