package io.sheetsync.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.AuditTables;
import io.sheetsync.support.IntendedSeller;
import io.sheetsync.support.MessyRow;
import io.sheetsync.support.MessySheet;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.MutableClock;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RejectedRows;
import io.sheetsync.support.RowBlocker;
import io.sheetsync.support.SheetEdit;
import io.sheetsync.support.SyncTriggers;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.support.UnrecordedColumns;
import static io.sheetsync.support.Unchecked.checked;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed properties 6, 7 and 9: the audit trail of real runs, started through the API or by the schedule's Quartz job,
 * over generated sheets and generated earlier database states (a synced earlier version of the sheet, or nothing),
 * so that creates, updates, unchanged rows, invalid rows, duplicates, refused sheets and a missing sheet file all
 * occur. The expected trail is worked out from the generated sheets alone.
 */
class AuditTrailProperties {

    private static final MutableClock CLOCK = new MutableClock();
    private static final ObjectMapper JSON = new ObjectMapper();

    static TestDatabase database;
    static TestService service;
    static SyncTriggers triggers;
    static AuditTables audit;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create(AuditTrailProperties.class);
        // The schedule is on so that its Quartz job exists; a day apart, its own ticks after the first never come.
        service = TestService.start(database, Files.createTempDirectory("audit-trail"),
                Map.of("SYNC_SCHEDULE_ENABLED", "true", "SYNC_INTERVAL_MINUTES", "1440"), CLOCK);
        // generated sheets change their columns from one run to the next: the column guard (tested on its own) is off
        UnrecordedColumns.install(database);
        triggers = new SyncTriggers(service, database);
        audit = new AuditTables(database);
        triggers.awaitFirstTick();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 6: Sync start logging — for any sync operation start,"
            + " an audit log entry should be created with start timestamp and trigger source")
    void every_run_started_has_an_audit_row_with_its_start_time_and_trigger_source() {
        PropertyTests.runs().forAll(scenarios()).checkAssert(checked(scenario -> {
            Set<String> earlier = prepare(scenario);
            Expected expected = Expected.of(scenario);
            String blocked = expected.aCreatedSeller(scenario.pick());
            RowBlocker blocker = blocked == null ? null : RowBlocker.insert(database, blocked);
            Instant before = CLOCK.instant();
            UUID run = null;
            try {
                run = triggers.fire(scenario.trigger());
                if (blocker != null) {
                    assertStartedMidRun(run, scenario.trigger(), before, blocker);
                }
            } finally {
                if (blocker != null) {
                    blocker.close();
                }
                if (run != null) {
                    triggers.awaitEnd(run);
                }
            }
            Instant after = CLOCK.instant();

            Set<String> started = new TreeSet<>(database.query("SELECT id::text FROM sync_audit_logs"));
            started.removeAll(earlier);
            assertThat(started).as("audit rows of the runs started").containsExactly(run.toString());
            AuditTables.Run row = audit.run(run).orElseThrow();
            assertThat(row.triggerSource()).isEqualTo(scenario.trigger().code());
            assertThat(row.startTime()).isBetween(floor(before), ceiling(after));
            assertThat(row.startTime()).isBeforeOrEqualTo(row.endTime());
        }));
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 7: Record processing logging — for any processed"
            + " seller record, the log should contain operation type, seller number, and result")
    void every_create_update_and_failure_has_one_record_log_and_unchanged_rows_none() {
        PropertyTests.runs().forAll(scenarios()).checkAssert(checked(scenario -> {
            prepare(scenario);
            Expected expected = Expected.of(scenario);

            UUID run = triggers.run(scenario.trigger());

            List<AuditTables.RecordRow> unexplained = new ArrayList<>(audit.records(run));
            List<String> missing = new ArrayList<>();
            expected.operations().forEach((seller, operation) -> {
                if (!operation.equals("unchanged") && !unexplained.removeIf(once(seller, operation, "success"))) {
                    missing.add(seller + " " + operation + " success");
                }
            });
            for (RejectedRows.Rejected rejected : expected.rejected()) {
                if (!unexplained.removeIf(once(rejected))) {
                    missing.add("skip failure for " + rejected);
                }
            }
            assertThat(missing).as("record logs missing (found besides: %s)", unexplained).isEmpty();
            assertThat(unexplained).as("record logs no create, update or failure accounts for").isEmpty();
        }));
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 9: Sync completion logging — for any sync operation"
            + " completion, the audit log should be updated with end timestamp, success count, failure count, and"
            + " verification result")
    void every_run_ends_with_its_end_time_counts_and_verification_in_the_audit_row() {
        PropertyTests.runs().forAll(scenarios()).checkAssert(checked(scenario -> {
            prepare(scenario);
            Expected expected = Expected.of(scenario);

            UUID run = triggers.run(scenario.trigger());
            Instant after = CLOCK.instant();

            AuditTables.Run row = audit.run(run).orElseThrow();
            assertThat(row.status()).isEqualTo(expected.fails() ? "failed" : "completed");
            assertThat(row.endTime()).isNotNull().isAfterOrEqualTo(row.startTime()).isBeforeOrEqualTo(ceiling(after));
            assertThat(List.of(row.created(), row.updated(), row.unchanged(), row.successCount(), row.failureCount(),
                    row.totalRecords()))
                    .as("created, updated, unchanged, success, failure, total")
                    .containsExactly(expected.count("create"), expected.count("update"), expected.count("unchanged"),
                            expected.count("create") + expected.count("update") + expected.count("unchanged"),
                            expected.rejected().size(), expected.rowsRead());
            if (expected.fails()) {
                assertThat(row.verification()).as("a sheet refused or unread is never verified").isNull();
                assertThat(row.errorMessage()).isNotBlank();
                return;
            }
            JsonNode verification = JSON.readTree(row.verification());
            assertThat(verification.get("success").asBoolean()).isTrue();
            assertThat(verification.get("spreadsheetCount").asInt()).isEqualTo(expected.operations().size());
            assertThat(verification.get("databaseCount").asInt()).isEqualTo(expected.storedAfter().size());
            assertThat(texts(verification.get("gapsDetected"))).isEmpty();
            assertThat(texts(verification.get("orphans"))).isEqualTo(expected.orphans());
        }));
    }

    /** While the run waits inside its batch, before any data is written, its start row must be there already. */
    private static void assertStartedMidRun(UUID run, TriggerSource trigger, Instant before, RowBlocker blocker)
            throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> !blocker.waiters().isEmpty() || triggers.ended(run));
        assertThat(blocker.waiters()).as("the run ended without writing the blocked seller").isNotEmpty();
        AuditTables.Run running = audit.run(run).orElseThrow();
        assertThat(running.status()).isEqualTo("in_progress");
        assertThat(running.triggerSource()).isEqualTo(trigger.code());
        assertThat(running.startTime()).isBetween(floor(before), ceiling(CLOCK.instant()));
    }

    /** Empties the tables, writes the earlier state (a synced sheet, or nothing) and the sheet the run reads. */
    private static Set<String> prepare(Scenario scenario) throws Exception {
        triggers.awaitIdle();
        database.execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts;"
                + " DELETE FROM sync_retry_queue");
        if (scenario.earlierSync()) {
            service.sheet(scenario.edit().before().csv());
            service.syncNow();
        }
        service.sheet(scenario.sheet().csv());
        if (scenario.sheetMissing()) {
            Files.delete(service.sheetFile());
        }
        CLOCK.advance(scenario.idle());
        return new TreeSet<>(database.query("SELECT id::text FROM sync_audit_logs"));
    }

    private static java.util.function.Predicate<AuditTables.RecordRow> once(String seller, String operation,
                                                                          String result) {
        boolean[] taken = {false};
        return row -> !taken[0] && (taken[0] = seller.equals(row.sellerNumber()) && operation.equals(row.operation())
                && result.equals(row.result()));
    }

    /** A failure record of a rejected row: its seller number, or for a row without one, a key naming its row. */
    private static java.util.function.Predicate<AuditTables.RecordRow> once(RejectedRows.Rejected rejected) {
        if (rejected.sellerNumber() != null) {
            return once(rejected.sellerNumber(), "skip", "failure");
        }
        Pattern namesRow = Pattern.compile("(?<!\\d)" + rejected.row() + "(?!\\d)");
        boolean[] taken = {false};
        return row -> !taken[0] && (taken[0] = row.operation().equals("skip") && row.result().equals("failure")
                && namesRow.matcher(row.sellerNumber()).find());
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    /** The database holds times to the microsecond. */
    private static Instant floor(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant ceiling(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
    }

    /**
     * One run to check.
     *
     * @param edit         an earlier version of the sheet and the version the run reads (before duplicates are added)
     * @param earlierSync  whether the earlier version was synced before the run (else the database is empty)
     * @param sheet        the sheet the run reads: the edit's later version with {@code copies} added
     * @param copies       sheet rows that repeat another row's seller number under a new name
     * @param sheetMissing whether the sheet file is gone when the run reads it
     * @param idle         how long the service's clock moves on before the trigger
     * @param pick         which seller the run creates is held at the database mid-run, when it creates any
     */
    record Scenario(SheetEdit edit, boolean earlierSync, MessySheet sheet, Set<Integer> copies, boolean sheetMissing,
                    TriggerSource trigger, Duration idle, int pick) {

        @Override
        public String toString() {
            return trigger.code() + " run after " + idle + " idle, "
                    + (earlierSync ? "over the synced sheet" + edit.before() : "over an empty database ")
                    + (sheetMissing ? "with the sheet file missing, not " : "") + "reading" + sheet
                    + "duplicated rows " + copies + ", edit " + new TreeMap<>(edit.changes());
        }
    }

    private static Gen<Scenario> scenarios() {
        Gen<SheetEdit> edits = MessySheets.edits(1, 8);
        Gen<Scenario> scenarios = in -> {
            SheetEdit edit = edits.generate(in);
            boolean earlierSync = Generate.range(1, 4).generate(in) > 1;
            MessySheet after = edit.after();
            List<MessyRow> rows = new ArrayList<>(after.rows());
            List<Boolean> copied = new ArrayList<>(rows.stream().map(row -> false).toList());
            List<MessyRow> valid = after.rows().stream().filter(MessyRow::isValid).toList();
            int copies = valid.isEmpty() ? 0 : Generate.range(0, 2).generate(in);
            for (int i = 1; i <= copies; i++) {
                MessyRow copy = renamedCopy(after, valid.get(Generate.range(0, valid.size() - 1).generate(in)),
                        " 写" + i);
                int at = Generate.range(0, rows.size()).generate(in);
                rows.add(at, copy);
                copied.add(at, true);
            }
            Set<Integer> copyRows = new TreeSet<>();
            for (int i = 0; i < copied.size(); i++) {
                if (copied.get(i)) {
                    copyRows.add(MessySheet.rowNumber(i));
                }
            }
            boolean sheetMissing = Generate.range(1, 10).generate(in) == 1;
            TriggerSource trigger = Generate.enumValues(TriggerSource.class).generate(in);
            Duration idle = Duration.ofMinutes(Generate.range(0, 3 * 24 * 60).generate(in));
            return new Scenario(edit, earlierSync, after.withRows(rows), copyRows, sheetMissing, trigger, idle,
                    Generate.range(0, 1000).generate(in));
        };
        return scenarios.describedAs(Scenario::toString);
    }

    /** The row again, further down or up, with another name: a second row for the same seller number. */
    private static MessyRow renamedCopy(MessySheet sheet, MessyRow row, String suffix) {
        List<String> cells = new ArrayList<>(row.cells());
        IntendedSeller renamed = row.intended().renamed(row.intended().name() + suffix);
        cells.set(sheet.fields().indexOf("name"), renamed.name());
        return new MessyRow(cells, MessyRow.Kind.VALID, renamed, null);
    }

    /**
     * What the run must leave, from the generated sheets alone (CONTRACT sections 5 and 6).
     *
     * @param operations  for every seller number the run writes or finds unchanged: create, update or unchanged
     * @param rejected    the invalid rows and duplicate losers the run sets aside
     * @param fails       whether the run fails: the sheet file is missing, or the sheet must be refused (no valid
     *                    rows, or fewer than half the valid rows of the last completed run)
     * @param storedAfter seller numbers stored once the run is over
     * @param orphans     stored seller numbers the sheet does not hold, for a run that verifies
     * @param rowsRead    non-blank data rows read
     */
    record Expected(Map<String, String> operations, List<RejectedRows.Rejected> rejected, boolean fails,
                    Set<String> storedAfter, Set<String> orphans, int rowsRead) {

        static Expected of(Scenario scenario) {
            MessySheet sheet = scenario.sheet();
            MessySheet before = scenario.edit().before();
            Map<String, IntendedSeller> stored = scenario.earlierSync() ? before.expectedSellers() : Map.of();
            if (scenario.sheetMissing()) {
                return new Expected(Map.of(), List.of(), true, stored.keySet(), Set.of(), 0);
            }
            // The earlier run completed when its sheet had a valid row; the shrink guard then compares with it.
            boolean earlierCompleted = scenario.earlierSync() && before.validRowCount() > 0;
            boolean refused = sheet.validRowCount() == 0
                    || (earlierCompleted && 2 * sheet.validRowCount() < before.validRowCount());
            int rowsRead = (int) sheet.rows().stream().filter(row -> row.kind() != MessyRow.Kind.BLANK).count();
            if (refused) {
                return new Expected(Map.of(), RejectedRows.of(sheet), true, stored.keySet(), Set.of(), rowsRead);
            }
            Map<String, String> edited = scenario.edit().expectedOperations();
            Map<String, String> operations = new TreeMap<>();
            sheet.winningRows().forEach((seller, row) -> {
                if (!stored.containsKey(seller)) {
                    operations.put(seller, "create");
                } else if (scenario.copies().contains(row)) {
                    operations.put(seller, "update");
                } else {
                    operations.put(seller, edited.get(seller));
                }
            });
            Set<String> storedAfter = new TreeSet<>(stored.keySet());
            storedAfter.addAll(operations.keySet());
            Set<String> orphans = new TreeSet<>(stored.keySet());
            orphans.removeAll(operations.keySet());
            return new Expected(operations, RejectedRows.of(sheet), false, storedAfter, orphans, rowsRead);
        }

        int count(String operation) {
            return (int) operations.values().stream().filter(operation::equals).count();
        }

        /** One of the sellers the run creates, chosen by {@code pick}; null when it creates none. */
        String aCreatedSeller(int pick) {
            List<String> created = operations.entrySet().stream().filter(entry -> entry.getValue().equals("create"))
                    .map(Map.Entry::getKey).toList();
            return created.isEmpty() ? null : created.get(pick % created.size());
        }
    }
}
