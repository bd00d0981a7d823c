package io.sheetsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.sheetsync.audit.TriggerSource;
import io.sheetsync.support.ApiJson;
import io.sheetsync.support.IntendedSeller;
import io.sheetsync.support.LosingTrigger;
import io.sheetsync.support.MessySheet;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.MutableClock;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RowBlocker;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.SheetEdit;
import io.sheetsync.support.TestService;
import io.sheetsync.support.UnrecordedColumns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.sheetsync.support.Unchecked.checked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed properties 13 to 17: manual syncs of generated messy sheets, started and watched through the REST API of a
 * running service, each checked against what the generated sheets say.
 */
class ManualSyncProperties {

    /** The service's batch size: small, so a run of a generated sheet has several batches and can be held in one. */
    static final int BATCH = 3;
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));
    static final Pattern ROW = Pattern.compile("^row (\\d+):");

    // The generated sheets shrink and change their columns at will from one run to the next: the shrink guard and the
    // column guard (each tested on its own) are off. One batch writer: the progress of a run held in a batch is then
    // exactly the batches before it (with two, the held batch's partner may or may not be written when it is read).
    @RegisterExtension
    static final RunningService SYNC = new RunningService(() -> Map.of("SYNC_BATCH_SIZE", Integer.toString(BATCH),
            "SYNC_BATCH_WRITERS", "1", "SYNC_MAX_SHRINK_PERCENT", "100", "SYNC_SCHEDULE_ENABLED", "false"), CLOCK);

    static LosingTrigger losing;

    @BeforeAll
    static void installLosingTrigger() {
        losing = LosingTrigger.install(SYNC.database());
        UnrecordedColumns.install(SYNC.database());
    }

    /** What a run must report while it waits inside a batch. */
    record Progress(int totalRecords, int processedRecords, int successCount, int errorCount) {

        static Progress of(JsonNode progress) {
            return new Progress(progress.get("totalRecords").asInt(), progress.get("processedRecords").asInt(),
                    progress.get("successCount").asInt(), progress.get("errorCount").asInt());
        }
    }

    /** A run held inside the batch that writes one seller, until {@link #release()}. */
    record HeldRun(String syncId, RowBlocker blocker) {

        void release() throws Exception {
            blocker.close();
        }
    }

    /**
     * Earlier runs (each of a sheet, some seconds apart) and perhaps one run going, held in a batch when the status is
     * read at the seller at {@code position} among its sellers not stored yet.
     */
    record StatusScenario(List<MessySheet> earlier, List<Integer> secondsApart, MessySheet running, int position) {

        @Override
        public String toString() {
            return "earlier runs, " + secondsApart + " s apart:" + earlier + (running == null ? "no run going"
                    : "going, held at seller #" + position + " of:" + running);
        }
    }

    /** A sheet, and the seller (by its place among the sheet's sellers) whose write the run is held at. */
    record HoldScenario(MessySheet sheet, int position) {

        @Override
        public String toString() {
            return "held at seller #" + position + " of:" + sheet;
        }
    }

    /** An edit, and which new seller's first insert the database silently drops (none when negative). */
    record LosingScenario(SheetEdit edit, int lost) {

        @Override
        public String toString() {
            return edit + (lost < 0 ? "" : "\nthe first insert of added seller #" + lost + " is lost");
        }
    }

    /** A run held in a batch, and the triggers that knock meanwhile; perhaps one earlier run. */
    record ConflictScenario(MessySheet earlier, MessySheet sheet, int position, int manual, int scheduled) {

        @Override
        public String toString() {
            return (earlier == null ? "no earlier run" : "earlier run of:" + earlier) + "\nheld at seller #" + position
                    + " of:" + sheet + manual + " manual and " + scheduled + " scheduled triggers meanwhile";
        }
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 13: Manual sync status display — for any manual"
            + " sync interface access, the system should return last sync time and current sync status")
    void the_status_shows_the_last_finished_run_and_the_one_going() {
        PropertyTests.runs().forAll(statusScenarios()).checkAssert(checked(scenario -> {
            reset();
            Set<String> stored = new TreeSet<>();
            Set<String> storedBeforeLast = Set.of();
            String lastId = null;
            Instant lastTime = null;
            for (int i = 0; i < scenario.earlier().size(); i++) {
                MessySheet sheet = scenario.earlier().get(i);
                CLOCK.advance(Duration.ofSeconds(scenario.secondsApart().get(i)));
                storedBeforeLast = Set.copyOf(stored);
                lastId = syncNow(sheet);
                lastTime = CLOCK.instant();
                if (completes(sheet)) {
                    stored.addAll(sheet.expectedKeys());
                }
            }
            MessySheet last = scenario.earlier().get(scenario.earlier().size() - 1);
            String blocked = scenario.running() == null ? null
                    : newSellers(scenario.running(), stored).get(scenario.position());
            HeldRun held = blocked == null ? null : hold(scenario.running(), blocked);
            try {
                JsonNode status = ApiJson.get(SYNC.service(), "/api/sync/status", TestService.VIEWER, 200);

                assertThat(status.get("isRunning").asBoolean()).isEqualTo(held != null);
                if (held != null) {
                    assertThat(status.get("syncId").asText()).isEqualTo(held.syncId());
                    assertThat(Progress.of(status.get("progress")))
                            .isEqualTo(progressHeldAt(scenario.running(), sellerIndex(scenario.running(), blocked)));
                } else {
                    assertThat(status.get("syncId").isNull()).isTrue();
                    assertThat(status.get("progress").isNull()).isTrue();
                }
                assertThat(ApiJson.instant(status.get("lastSyncTime"))).isEqualTo(lastTime);
                JsonNode result = status.get("lastSyncResult");
                assertThat(result.get("syncId").asText()).isEqualTo(lastId);
                assertThat(result.get("status").asText()).isEqualTo(completes(last) ? "completed" : "failed");
                assertThat(ApiJson.instant(result.get("startTime"))).isEqualTo(lastTime);
                assertThat(ApiJson.instant(result.get("endTime"))).isEqualTo(lastTime);
                Set<String> created = new TreeSet<>(last.expectedKeys());
                created.removeAll(storedBeforeLast);
                assertThat(result.get("createdCount").asInt()).isEqualTo(completes(last) ? created.size() : 0);
                assertThat(result.get("createdCount").asInt() + result.get("updatedCount").asInt()
                        + result.get("unchangedCount").asInt())
                        .isEqualTo(completes(last) ? last.expectedKeys().size() : 0);
                assertThat(result.get("failureCount").asInt()).isEqualTo(rejected(last));
            } finally {
                if (held != null) {
                    held.release();
                    awaitEnd(held.syncId());
                }
            }
        }));
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 14: Manual sync execution — for any manual sync"
            + " trigger, the system should execute a full sync operation with verification")
    void a_manual_trigger_runs_a_full_sync_and_verifies_it() {
        PropertyTests.runs().forAll(losingScenarios()).checkAssert(checked(scenario -> {
            reset();
            SheetEdit edit = scenario.edit();
            syncNow(edit.before());
            Map<String, IntendedSeller> expected = new TreeMap<>();
            if (completes(edit.before())) {
                expected.putAll(edit.before().expectedSellers());
            }
            Set<String> storedBefore = Set.copyOf(expected.keySet());
            List<String> added = added(edit);
            String lost = scenario.lost() < 0 || added.isEmpty() ? null : added.get(scenario.lost() % added.size());
            if (lost != null) {
                losing.drop(lost, 1);
            }
            SYNC.service().sheet(edit.after().csv());

            JsonNode run = awaitEnd(trigger());

            assertThat(run.get("triggerSource").asText()).isEqualTo("manual");
            if (!completes(edit.after())) {
                assertThat(run.get("status").asText()).isEqualTo("failed");
                assertThat(sellersStored()).isEqualTo(names(expected));
                return;
            }
            expected.putAll(edit.after().expectedSellers());
            assertThat(run.get("status").asText()).isEqualTo("completed");
            JsonNode verification = run.get("verification");
            assertThat(verification.get("spreadsheetCount").asInt()).isEqualTo(edit.after().expectedKeys().size());
            assertThat(verification.get("databaseCount").asInt()).isEqualTo(expected.size());
            assertThat(texts(verification.get("gapsDetected"))).isEqualTo(lost == null ? Set.of() : Set.of(lost));
            assertThat(verification.get("autoResyncAttempted").asBoolean()).isEqualTo(lost != null);
            assertThat(texts(verification.get("remainingGaps"))).isEmpty();
            Set<String> orphans = new TreeSet<>(storedBefore);
            orphans.removeAll(edit.after().expectedKeys());
            assertThat(texts(verification.get("orphans"))).isEqualTo(orphans);
            assertThat(verification.get("success").asBoolean()).isTrue();
            assertThat(sellersStored()).isEqualTo(names(expected));
            assertThat(SYNC.database().query("SELECT (execution_time->>'verify') IS NOT NULL FROM sync_metrics"
                    + " WHERE audit_log_id = '" + run.get("id").asText() + "'")).containsExactly("t");
        }));
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 15: Sync progress reporting — for any in-progress"
            + " manual sync, the system should provide progress updates including records processed and errors"
            + " encountered")
    void a_run_held_in_a_batch_reports_the_rows_processed_and_the_errors_so_far() {
        PropertyTests.runs().forAll(holdScenarios()).checkAssert(checked(scenario -> {
            reset();
            MessySheet sheet = scenario.sheet();
            List<String> sellers = sellersInSheetOrder(sheet);
            HeldRun held = hold(sheet, sellers.get(scenario.position()));
            JsonNode status;
            try {
                status = ApiJson.get(SYNC.service(), "/api/sync/status", TestService.VIEWER, 200);
            } finally {
                held.release();
            }
            JsonNode run = awaitEnd(held.syncId());

            assertThat(status.get("isRunning").asBoolean()).isTrue();
            assertThat(status.get("syncId").asText()).isEqualTo(held.syncId());
            assertThat(status.get("progress").get("currentPhase").asText()).isEqualTo("syncing");
            assertThat(Progress.of(status.get("progress"))).isEqualTo(progressHeldAt(sheet, scenario.position()));
            assertThat(run.get("status").asText()).isEqualTo("completed");
            assertThat(run.get("createdCount").asInt()).isEqualTo(sellers.size());
            assertThat(run.get("failureCount").asInt()).isEqualTo(rejected(sheet));
        }));
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 16: Sync completion summary — for any completed"
            + " manual sync, the summary should include new records count, updated records count, and errors")
    void a_finished_run_sums_up_what_it_created_updated_and_could_not_take() {
        PropertyTests.runs().forAll(MessySheets.edits(0, 10)).checkAssert(checked(edit -> {
            reset();
            syncNow(edit.before());
            SYNC.service().sheet(edit.after().csv());

            String syncId = trigger();
            JsonNode run = awaitEnd(syncId);

            Map<String, Integer> operations = new HashMap<>();
            if (completes(edit.after())) {
                edit.expectedOperations().values().forEach(operation -> operations.merge(operation, 1, Integer::sum));
            }
            assertThat(run.get("status").asText()).isEqualTo(completes(edit.after()) ? "completed" : "failed");
            assertThat(run.get("createdCount").asInt()).isEqualTo(operations.getOrDefault("create", 0));
            assertThat(run.get("updatedCount").asInt()).isEqualTo(operations.getOrDefault("update", 0));
            assertThat(run.get("unchangedCount").asInt()).isEqualTo(operations.getOrDefault("unchanged", 0));
            assertThat(run.get("failureCount").asInt()).isEqualTo(rejected(edit.after()));

            JsonNode last = ApiJson.get(SYNC.service(), "/api/sync/status", TestService.VIEWER, 200)
                    .get("lastSyncResult");
            assertThat(last.get("syncId").asText()).isEqualTo(syncId);
            for (String count : List.of("createdCount", "updatedCount", "unchangedCount", "failureCount")) {
                assertThat(last.get(count).asInt()).as(count).isEqualTo(run.get(count).asInt());
            }
            Set<Integer> rowsInError = new TreeSet<>();
            List<String> sheetRefusals = new ArrayList<>();
            ApiJson.get(SYNC.service(), "/api/audit/" + syncId, TestService.ADMIN, 200).get("errors").forEach(error -> {
                if ("validation".equals(error.get("errorType").asText())) {
                    Matcher row = ROW.matcher(error.get("errorMessage").asText());
                    if (row.find()) {
                        rowsInError.add(Integer.parseInt(row.group(1)));
                    } else {
                        sheetRefusals.add(error.toString());
                    }
                }
            });
            Set<Integer> rejectedRows = new TreeSet<>(edit.after().invalidRows());
            rejectedRows.addAll(edit.after().duplicateRows());
            assertThat(rowsInError).isEqualTo(rejectedRows);
            // A sheet refused as a whole (no valid row) is one validation error of its own, naming no row
            assertThat(sheetRefusals).hasSize(completes(edit.after()) ? 0 : 1);
        }));
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 17: Concurrent sync prevention — for any sync"
            + " trigger when a sync is already running, the system should prevent the duplicate operation and return"
            + " current status")
    void a_trigger_while_a_run_goes_is_refused_with_the_status_of_that_run() {
        PropertyTests.runs().forAll(conflictScenarios()).checkAssert(checked(scenario -> {
            reset();
            String earlierId = scenario.earlier() == null ? null : syncNow(scenario.earlier());
            Set<String> stored = scenario.earlier() == null ? Set.of() : scenario.earlier().expectedKeys();
            MessySheet sheet = scenario.sheet();
            String blocked = newSellers(sheet, stored).get(scenario.position());
            Progress expected = progressHeldAt(sheet, sellerIndex(sheet, blocked));
            HeldRun held = hold(sheet, blocked);
            try {
                for (int i = 0; i < scenario.manual(); i++) {
                    JsonNode refused = ApiJson.post(SYNC.service(), "/api/sync", TestService.OPERATOR, 409);
                    assertThat(refused.get("error").asText()).isEqualTo("sync_in_progress");
                    JsonNode status = refused.get("status");
                    assertThat(status.get("isRunning").asBoolean()).isTrue();
                    assertThat(status.get("syncId").asText()).isEqualTo(held.syncId());
                    assertThat(Progress.of(status.get("progress"))).isEqualTo(expected);
                    JsonNode last = status.get("lastSyncResult");
                    assertThat(last.isNull() ? null : last.get("syncId").asText()).isEqualTo(earlierId);
                }
                for (int i = 0; i < scenario.scheduled(); i++) {
                    assertThat(SYNC.service().request("direct:sync-if-idle", TriggerSource.SCHEDULED))
                            .as("a scheduled tick, skipped").isEqualTo(TriggerSource.SCHEDULED);
                }
            } finally {
                held.release();
            }
            JsonNode run = awaitEnd(held.syncId());

            assertThat(SYNC.database().query("SELECT count(*) FROM sync_audit_logs"))
                    .containsExactly(Integer.toString(earlierId == null ? 1 : 2));
            assertThat(run.get("status").asText()).isEqualTo("completed");
            Set<String> created = new TreeSet<>(sheet.expectedKeys());
            created.removeAll(stored);
            // each new seller written once: no second run wrote it again
            assertThat(SYNC.database().query("SELECT seller_number || ' x' || count(*) FROM sync_record_logs"
                    + " WHERE audit_log_id = '" + held.syncId() + "' AND operation = 'create'"
                    + " GROUP BY seller_number ORDER BY seller_number"))
                    .containsExactlyElementsOf(created.stream().map(key -> key + " x1").toList());
        }));
    }

    /** Starts each example from an empty database: no sellers, no runs, no queued retries, no lost inserts. */
    private static void reset() {
        SYNC.database().execute("DELETE FROM sync_audit_logs; DELETE FROM sellers; DELETE FROM sync_retry_queue;"
                + " DELETE FROM sync_alerts");
        losing.clear();
    }

    /** Syncs the sheet to its end (a manual run, a second after the last) and returns the run's id. */
    private static String syncNow(MessySheet sheet) throws Exception {
        SYNC.service().sheet(sheet.csv());
        CLOCK.advance(Duration.ofSeconds(1));
        return SYNC.service().syncNow().syncId();
    }

    /** POST /api/sync, a second after the last run: the run's id. */
    private static String trigger() throws Exception {
        CLOCK.advance(Duration.ofSeconds(1));
        return ApiJson.post(SYNC.service(), "/api/sync", TestService.OPERATOR, 202).get("syncId").asText();
    }

    /**
     * Triggers a run of the sheet and holds it inside the batch that writes {@code seller} (a seller not stored yet):
     * the run has read the sheet, set its invalid rows aside and committed the batches before.
     */
    private static HeldRun hold(MessySheet sheet, String seller) throws Exception {
        SYNC.service().sheet(sheet.csv());
        RowBlocker blocker = RowBlocker.insert(SYNC.database(), seller);
        try {
            String syncId = trigger();
            CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> SYNC.service().service().coordinator().current().isEmpty()));
            blocker.awaitWaiter(ended);
            return new HeldRun(syncId, blocker);
        } catch (Exception | Error e) {
            blocker.close();
            throw e;
        }
    }

    /**
     * Waits until the run is over, its alerts included (the whole route has finished), and answers
     * GET /api/sync/{id}.
     */
    private static JsonNode awaitEnd(String syncId) throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                SYNC.service().service().coordinator().current().isEmpty()
                        && SYNC.service().service().camelContext().getInflightRepository().size("sync-execute") == 0);
        return ApiJson.get(SYNC.service(), "/api/sync/" + syncId, TestService.VIEWER, 200);
    }

    /**
     * The progress of a run of the sheet on an empty database held at the seller at {@code index} of its sellers (in
     * sheet order): every row set aside counted as an error, the batches before that seller's as written.
     */
    private static Progress progressHeldAt(MessySheet sheet, int index) {
        int rejected = rejected(sheet);
        int written = index / BATCH * BATCH;
        return new Progress(sheet.expectedKeys().size() + rejected, rejected + written, written, rejected);
    }

    /** The sellers a sync of the sheet stores, in the order of the rows they are read from. */
    private static List<String> sellersInSheetOrder(MessySheet sheet) {
        return sheet.winningRows().entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .toList();
    }

    private static int sellerIndex(MessySheet sheet, String seller) {
        return sellersInSheetOrder(sheet).indexOf(seller);
    }

    /** The sheet's sellers not stored yet, in sheet order. */
    private static List<String> newSellers(MessySheet sheet, Set<String> stored) {
        return sellersInSheetOrder(sheet).stream().filter(key -> !stored.contains(key)).toList();
    }

    /** Rows a sync of the sheet sets aside: invalid rows and the losers among duplicate seller numbers. */
    private static int rejected(MessySheet sheet) {
        return sheet.invalidRows().size() + sheet.duplicateRows().size();
    }

    /** Whether a sync of the sheet completes: a sheet without a single valid row is refused (CONTRACT section 6). */
    private static boolean completes(MessySheet sheet) {
        return sheet.validRowCount() > 0;
    }

    private static List<String> added(SheetEdit edit) {
        return edit.changes().entrySet().stream().filter(change -> change.getValue() == SheetEdit.Change.ADDED)
                .map(Map.Entry::getKey).sorted().toList();
    }

    private static Map<String, String> sellersStored() {
        Map<String, String> stored = new TreeMap<>();
        SYNC.database().query("SELECT seller_number || '|' || name || '|' || inquiry_date FROM sellers")
                .forEach(row -> stored.put(row.substring(0, row.indexOf('|')), row.substring(row.indexOf('|') + 1)));
        return stored;
    }

    private static Map<String, String> names(Map<String, IntendedSeller> sellers) {
        Map<String, String> names = new TreeMap<>();
        sellers.forEach((key, seller) -> names.put(key, seller.name() + "|" + seller.inquiryDate()));
        return names;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static Gen<StatusScenario> statusScenarios() {
        Gen<MessySheet> sheets = MessySheets.sheets(0, 6);
        Gen<MessySheet> running = MessySheets.sheets(1, 8);
        Gen<StatusScenario> scenarios = in -> {
            int runs = Generate.range(1, 2).generate(in);
            List<MessySheet> earlier = new ArrayList<>();
            List<Integer> apart = new ArrayList<>();
            Set<String> stored = new HashSet<>();
            for (int i = 0; i < runs; i++) {
                MessySheet sheet = sheets.generate(in);
                earlier.add(sheet);
                apart.add(Generate.range(1, 86_400).generate(in));
                if (completes(sheet)) {
                    stored.addAll(sheet.expectedKeys());
                }
            }
            MessySheet going = Generate.booleans().generate(in) ? running.generate(in) : null;
            int candidates = going == null ? 0 : newSellers(going, stored).size();
            return new StatusScenario(earlier, apart, candidates == 0 ? null : going,
                    candidates == 0 ? 0 : Generate.range(0, candidates - 1).generate(in));
        };
        return scenarios.describedAs(StatusScenario::toString);
    }

    private static Gen<HoldScenario> holdScenarios() {
        Gen<MessySheet> sheets = MessySheets.sheets(1, 12).assuming(sheet -> !sheet.expectedKeys().isEmpty());
        Gen<HoldScenario> scenarios = in -> {
            MessySheet sheet = sheets.generate(in);
            return new HoldScenario(sheet, Generate.range(0, sheet.expectedKeys().size() - 1).generate(in));
        };
        return scenarios.describedAs(HoldScenario::toString);
    }

    private static Gen<LosingScenario> losingScenarios() {
        return MessySheets.edits(0, 10).zip(Generate.range(-3, 3), LosingScenario::new)
                .describedAs(LosingScenario::toString);
    }

    private static Gen<ConflictScenario> conflictScenarios() {
        Gen<MessySheet> earlierSheets = MessySheets.validSheets(1, 4);
        Gen<MessySheet> sheets = MessySheets.sheets(1, 10);
        Gen<ConflictScenario> scenarios = in -> {
            MessySheet earlier = Generate.booleans().generate(in) ? earlierSheets.generate(in) : null;
            MessySheet sheet = sheets.generate(in);
            int candidates = newSellers(sheet, earlier == null ? Set.of() : earlier.expectedKeys()).size();
            return new ConflictScenario(earlier, sheet, candidates == 0 ? -1 : Generate.range(0, candidates - 1)
                    .generate(in), Generate.range(1, 4).generate(in), Generate.range(0, 2).generate(in));
        };
        return scenarios.assuming(scenario -> scenario.position() >= 0).describedAs(ConflictScenario::toString);
    }
}
