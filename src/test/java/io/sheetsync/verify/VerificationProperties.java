package io.sheetsync.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.Csv;
import io.sheetsync.support.IntendedSeller;
import io.sheetsync.support.LosingTrigger;
import io.sheetsync.support.MessyRow;
import io.sheetsync.support.MessySheet;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import io.sheetsync.support.UnrecordedColumns;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed properties of verification, gap healing and data integrity (1-5, 34-36), each checked on real syncs of
 * generated messy sheets through the whole service, with generated earlier syncs and silently lost inserts, against
 * the database.
 */
class VerificationProperties {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(Map::of);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROPERTY_FIELDS = List.of("property_address", "property_type", "land_area",
            "building_area");

    private static LosingTrigger trigger;

    @BeforeAll
    static void installTrigger() {
        trigger = LosingTrigger.install(SYNC.database());
        // an example's earlier sync has columns of its own: the column guard (tested on its own) stays out of the way
        UnrecordedColumns.install(SYNC.database());
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 1: Verification execution — for any sync operation"
            + " completion, the system should execute verification and compare record counts between spreadsheet and"
            + " database")
    void every_run_is_verified_with_the_counts_of_sheet_and_database() {
        PropertyTests.runs().forAll(LostWritesScenario.scenarios(MessySheets.sheets(0, 10), true))
                .checkAssert(scenario -> {
                    String runId = run(scenario);

                    assertThat(storedSellers()).isEqualTo(scenario.storedAfter());
                    JsonNode verification = verification(runId);
                    if (scenario.refused()) {
                        assertThat(verification).as("a refused run writes nothing to verify").isNull();
                        return;
                    }
                    assertThat(verification.get("spreadsheetCount").asInt())
                            .isEqualTo(scenario.sheet().expectedKeys().size());
                    assertThat(verification.get("databaseCount").asInt()).isEqualTo(scenario.storedAfter().size());
                    assertThat(keys(verification.get("gapsDetected"))).isEqualTo(scenario.gaps());
                    assertThat(keys(verification.get("orphans"))).isEqualTo(scenario.orphans());
                    assertThat(keys(verification.get("drift"))).isEmpty();
                    assertThat(SYNC.database().query("SELECT (verification_result->>'timestamp')::timestamptz"
                            + " AT TIME ZONE 'UTC' BETWEEN start_time AND end_time FROM sync_audit_logs"
                            + " WHERE id = '" + runId + "'")).containsExactly("t");
                });
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 2: Gap logging completeness — for any detected sync"
            + " gap, the log should contain the missing seller numbers and timestamp")
    void every_gap_is_logged_with_seller_and_time() {
        PropertyTests.runs().forAll(LostWritesScenario.scenarios(LostWritesScenario.sheetsWithDistinctSellers(), true))
                .checkAssert(scenario -> {
                    String runId = run(scenario);

                    String withinRun = " JOIN sync_audit_logs a ON a.id = g.audit_log_id WHERE a.id = '" + runId
                            + "' AND g.%s BETWEEN a.start_time AND a.end_time";
                    assertThat(SYNC.database().query("SELECT g.seller_number FROM sync_gaps g"
                            + withinRun.formatted("detected_at") + " ORDER BY 1"))
                            .as("one sync_gaps row per lost seller, stamped within its run")
                            .containsExactlyElementsOf(scenario.gaps());
                    assertThat(new TreeSet<>(SYNC.database().query("SELECT g.seller_number FROM sync_gaps g"
                            + withinRun.formatted("detected_at") + " AND g.resynced")))
                            .isEqualTo(scenario.healed());
                    assertThat(new TreeSet<>(SYNC.database().query("SELECT g.seller_number FROM sync_error_logs g"
                            + withinRun.formatted("timestamp") + " AND g.error_type = 'database'"
                            + " AND g.error_message LIKE '%' || g.seller_number || '%'")))
                            .as("the run's error log names each lost seller")
                            .isEqualTo(scenario.gaps());
                });
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 3: Automatic resync trigger — for any detected sync"
            + " gap, the system should automatically attempt to resync the missing records")
    void every_gap_is_resynced_automatically() {
        PropertyTests.runs().forAll(LostWritesScenario.scenarios(LostWritesScenario.sheetsWithDistinctSellers(), true))
                .checkAssert(scenario -> {
                    String runId = run(scenario);

                    assertThat(status(runId)).isEqualTo(scenario.completes() ? "completed" : "failed");
                    Set<String> stored = storedSellers();
                    assertThat(stored).as("healed gaps are stored").containsAll(scenario.healed());
                    assertThat(stored).as("gaps that stay lost").noneMatch(scenario.remaining()::contains);
                    // Each write attempt of a lost seller leaves a create record: the run's and the resync's.
                    Map<String, List<String>> attempts = new TreeMap<>();
                    rows("SELECT seller_number, result FROM sync_record_logs WHERE operation = 'create'"
                            + " AND audit_log_id = '" + runId + "' ORDER BY seller_number, timestamp, result DESC")
                            .forEach(row -> attempts.computeIfAbsent(row.get(0), key -> new ArrayList<>())
                                    .add(row.get(1)));
                    Map<String, List<String>> expected = new TreeMap<>();
                    if (!scenario.refused()) {
                        for (String key : scenario.sheet().expectedKeys()) {
                            if (!scenario.storedBefore().contains(key)) {
                                expected.put(key, expectedAttempts(scenario.drops().get(key)));
                            }
                        }
                    }
                    assertThat(attempts).isEqualTo(expected);
                    JsonNode verification = verification(runId);
                    if (verification != null) {
                        assertThat(verification.get("autoResyncAttempted").asBoolean())
                                .isEqualTo(!scenario.gaps().isEmpty());
                    }
                });
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 4: Alert on resync failure — for any failed"
            + " automatic resync attempt, the system should create a sync alert")
    void every_failed_resync_raises_an_alert_naming_the_lost_sellers() {
        PropertyTests.runs().forAll(LostWritesScenario.scenarios(LostWritesScenario.sheetsWithDistinctSellers(), true))
                .checkAssert(scenario -> {
                    String runId = run(scenario);

                    List<List<String>> alerts = rows("SELECT audit_log_id::text, details::text"
                            + " FROM sync_alerts WHERE type = 'sync_gap' AND severity = 'high'"
                            + " AND NOT acknowledged AND resolved_at IS NULL");
                    if (scenario.remaining().isEmpty()) {
                        assertThat(alerts).isEmpty();
                        return;
                    }
                    assertThat(status(runId)).isEqualTo("failed");
                    assertThat(alerts).hasSize(1);
                    assertThat(alerts.get(0).get(0)).isEqualTo(runId);
                    assertThat(keys(json(alerts.get(0).get(1)).get("sellerNumbers")))
                            .isEqualTo(scenario.remaining());
                });
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 5: Verification audit logging — for any completed"
            + " verification, the audit log should contain the verification result")
    void every_verification_result_is_in_the_audit_log() {
        PropertyTests.runs().forAll(LostWritesScenario.scenarios(MessySheets.sheets(0, 10), true))
                .checkAssert(scenario -> {
                    String runId = run(scenario);

                    assertThat(status(runId)).isEqualTo(scenario.completes() ? "completed" : "failed");
                    JsonNode stored = verification(runId);
                    if (scenario.refused()) {
                        assertThat(stored).isNull();
                        return;
                    }
                    assertThat(stored.get("success").asBoolean()).isEqualTo(scenario.remaining().isEmpty());
                    assertThat(stored.get("spreadsheetCount").asInt())
                            .isEqualTo(scenario.sheet().expectedKeys().size());
                    assertThat(stored.get("databaseCount").asInt()).isEqualTo(scenario.storedAfter().size());
                    assertThat(keys(stored.get("gapsDetected"))).isEqualTo(scenario.gaps());
                    assertThat(keys(stored.get("remainingGaps"))).isEqualTo(scenario.remaining());
                    assertThat(stored.get("autoResyncAttempted").asBoolean()).isEqualTo(!scenario.gaps().isEmpty());
                    assertThat(stored.get("autoResyncSuccess").asBoolean())
                            .isEqualTo(!scenario.gaps().isEmpty() && scenario.remaining().isEmpty());
                    assertThat(json(auditApi(runId)).get("verification")).as("the audit log as the API answers it")
                            .isEqualTo(stored);
                });
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 34: Property record existence validation — for any"
            + " seller with property data, an associated property record should exist in the database")
    void property_records_exist_exactly_for_sellers_with_property_data() {
        PropertyTests.runs().forAll(propertyHistories()).checkAssert(history -> {
            reset();
            if (history.earlier() != null) {
                sheet(history.earlier());
                assertThat(sync().status()).as("the earlier sync").isEqualTo("completed");
            }

            sheet(history.sheet().csv());
            assertThat(sync().status()).isEqualTo("completed");

            Map<String, List<String>> records = new TreeMap<>();
            rows("SELECT s.seller_number, p.address, p.property_type, p.land_area::text, p.building_area::text"
                    + " FROM properties p JOIN sellers s ON s.id = p.seller_id")
                    .forEach(row -> records.put(row.get(0), row.subList(1, row.size())));
            Map<String, IntendedSeller> withProperty = new TreeMap<>();
            history.sheet().expectedSellers().forEach((key, seller) -> {
                if (seller.hasProperty()) {
                    withProperty.put(key, seller);
                }
            });
            assertThat(records.keySet()).isEqualTo(withProperty.keySet());
            withProperty.forEach((key, seller) -> {
                List<String> record = records.get(key);
                assertThat(record.get(0)).as(key + " address").isEqualTo(seller.propertyAddress());
                assertThat(record.get(1)).as(key + " type").isEqualTo(seller.propertyType());
                assertSameArea(key + " land area", record.get(2), seller.landArea());
                assertSameArea(key + " building area", record.get(3), seller.buildingArea());
            });
        });
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 35: Integrity issue logging — for any detected data"
            + " integrity issue, the log should contain specific issue details and affected seller numbers")
    void every_integrity_issue_is_logged_with_its_row_seller_and_details() {
        PropertyTests.runs().forAll(LostWritesScenario.scenarios(MessySheets.sheets(0, 10), false))
                .checkAssert(scenario -> {
                    String runId = run(scenario);

                    List<Issue> expected = Issue.of(scenario.sheet());
                    List<String> logged = new ArrayList<>();
                    List<String> sheetRefusals = new ArrayList<>();
                    rows("SELECT coalesce(seller_number, ''), error_message FROM sync_error_logs"
                            + " WHERE error_type = 'validation' AND audit_log_id = '" + runId + "'")
                            .forEach(row -> {
                                if (row.get(1).startsWith("row ")) {
                                    logged.add("row " + rowOf(row.get(1)) + " " + row.get(0));
                                } else {
                                    sheetRefusals.add(row.get(1));
                                }
                            });
                    // A sheet refused as a whole (shrunk, no valid row) is one validation error naming no row
                    assertThat(sheetRefusals).as("refusals of the whole sheet").hasSize(scenario.refused() ? 1 : 0);
                    assertThat(logged).as("validation errors in the run's error log")
                            .containsExactlyInAnyOrderElementsOf(expected.stream()
                                    .map(issue -> "row " + issue.row() + " " + issue.sellerNumber()).toList());
                    JsonNode verification = verification(runId);
                    if (scenario.refused()) {
                        assertThat(verification).isNull();
                        return;
                    }
                    List<Issue> reported = new ArrayList<>();
                    for (JsonNode issue : verification.get("integrityIssues")) {
                        String description = issue.get("description").asText();
                        String type = issue.get("issueType").asText();
                        String field = "duplicate_key".equals(type) ? null : issue.get("fieldName").asText();
                        if (field != null) {
                            assertThat(description).as("the field at fault is named").contains(field);
                        }
                        reported.add(new Issue(rowOf(description), issue.get("sellerNumber").asText(), type, field));
                    }
                    assertThat(reported).containsExactlyInAnyOrderElementsOf(expected);
                });
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 36: Integrity alert creation — for any detected data"
            + " integrity issue, the system should create a sync alert for data quality problems")
    void every_run_with_integrity_issues_raises_a_data_integrity_alert() {
        PropertyTests.runs().forAll(LostWritesScenario.scenarios(MessySheets.sheets(0, 10), false))
                .checkAssert(scenario -> {
                    String runId = run(scenario);

                    List<List<String>> open = rows("SELECT audit_log_id::text, details::text FROM sync_alerts"
                            + " WHERE type = 'data_integrity' AND NOT acknowledged AND resolved_at IS NULL");
                    // A refused run verifies nothing, so it neither raises nor clears: the earlier run's alert stays.
                    boolean earlierAlert = scenario.earlierCompleted() && !Issue.of(scenario.earlier()).isEmpty();
                    List<Issue> issues = Issue.of(scenario.sheet());
                    boolean expected = scenario.refused() ? earlierAlert : !issues.isEmpty();
                    assertThat(open).hasSize(expected ? 1 : 0);
                    if (expected && !scenario.refused()) {
                        assertThat(open.get(0).get(0)).isEqualTo(runId);
                        List<String> sellers = new ArrayList<>();
                        json(open.get(0).get(1)).get("issues")
                                .forEach(issue -> sellers.add(issue.get("sellerNumber").asText()));
                        assertThat(sellers).as("the alert names the affected sellers")
                                .containsExactlyInAnyOrderElementsOf(issues.stream().map(Issue::sellerNumber).toList());
                    }
                });
    }

    /** Syncs the scenario's earlier sheet, arms the lost inserts, syncs its sheet; answers the run's id. */
    private static String run(LostWritesScenario scenario) {
        reset();
        if (scenario.earlier() != null) {
            sheet(scenario.earlier().csv());
            assertThat(sync().status()).as("the earlier sync")
                    .isEqualTo(scenario.earlierCompleted() ? "completed" : "failed");
        }
        scenario.drops().forEach((key, drop) ->
                trigger.drop(key, drop == LostWritesScenario.Drop.ONCE ? 1 : Integer.MAX_VALUE));
        sheet(scenario.sheet().csv());
        return sync().syncId();
    }

    /** Every example starts on an empty database with no history, so the shrink guard sees only its own runs. */
    private static void reset() {
        trigger.clear();
        SYNC.database().execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts;"
                + " DELETE FROM sync_retry_queue");
    }

    private static void sheet(String csv) {
        try {
            SYNC.service().sheet(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String auditApi(String runId) {
        try {
            HttpResponse<String> audit = SYNC.service().get("/api/audit/" + runId, TestService.ADMIN);
            assertThat(audit.statusCode()).isEqualTo(200);
            return audit.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static RunSummary sync() {
        try {
            return SYNC.service().syncNow();
        } catch (Exception e) {
            throw new IllegalStateException("the sync did not return", e);
        }
    }

    /** The create records a new seller's run leaves: one per write attempt, in order. */
    private static List<String> expectedAttempts(LostWritesScenario.Drop drop) {
        if (drop == null) {
            return List.of("success");
        }
        return drop == LostWritesScenario.Drop.ONCE ? List.of("failure", "success") : List.of("failure", "failure");
    }

    /** The sheet row a message names at its start ({@code row 73: ...}). */
    private static int rowOf(String message) {
        assertThat(message).as("a message naming its sheet row").matches("(?s)row \\d+: .+");
        return Integer.parseInt(message.substring("row ".length(), message.indexOf(':')));
    }

    /** Every column of every row a query answers, as text. */
    private static List<List<String>> rows(String sql) {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = SYNC.database().pooled();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet result = statement.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: " + sql, e);
        }
        return rows;
    }

    private static Set<String> storedSellers() {
        return new TreeSet<>(SYNC.database().query("SELECT seller_number FROM sellers"));
    }

    private static String status(String runId) {
        return SYNC.database().query("SELECT status FROM sync_audit_logs WHERE id = '" + runId + "'").get(0);
    }

    /** The stored verification of a run, or null when it has none. */
    private static JsonNode verification(String runId) {
        List<String> stored = SYNC.database().query("SELECT verification_result::text FROM sync_audit_logs"
                + " WHERE id = '" + runId + "'");
        assertThat(stored).hasSize(1);
        return stored.get(0) == null ? null : json(stored.get(0));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    private static Set<String> keys(JsonNode array) {
        Set<String> keys = new TreeSet<>();
        array.forEach(key -> keys.add(key.asText()));
        assertThat(keys).as("each key once").hasSize(array.size());
        return keys;
    }

    private static void assertSameArea(String what, String stored, BigDecimal intended) {
        if (intended == null) {
            assertThat(stored).as(what).isNull();
        } else {
            assertThat(stored).as(what).isNotNull();
            assertThat(new BigDecimal(stored)).as(what).isEqualByComparingTo(intended);
        }
    }

    /**
     * A sheet, and (or not) an earlier sheet synced before it: some of its sellers with other property data, under only
     * columns the later sheet also has (so no column vanishes between the runs, and none of its sellers is lost).
     */
    private static Gen<PropertyHistory> propertyHistories() {
        Gen<MessySheet> sheets = MessySheets.sheets(1, 10).assuming(sheet -> sheet.validRowCount() > 0);
        Gen<Integer> coins = Generate.range(0, 1);
        Gen<Integer> areas = Generate.range(0, 100_000);
        Gen<String> texts = Generate.pick(List.of("以前の住所 1-2", "旧 土地", "マンション", "東京都港区芝公園4-2-8"));
        Gen<PropertyHistory> histories = in -> {
            MessySheet sheet = sheets.generate(in);
            List<String> header = new ArrayList<>(List.of("seller_number", "name", "inquiry_date"));
            PROPERTY_FIELDS.stream().filter(sheet::has).forEach(header::add);
            List<List<String>> rows = new ArrayList<>();
            for (String key : sheet.expectedKeys()) {
                if (coins.generate(in) == 0) {
                    continue;
                }
                List<String> row = new ArrayList<>(List.of(key, "前の名前", "2020-01-01"));
                for (String field : header.subList(3, header.size())) {
                    boolean filled = coins.generate(in) == 1;
                    row.add(!filled ? "" : field.endsWith("_area")
                            ? BigDecimal.valueOf(areas.generate(in), 2).toPlainString() : texts.generate(in));
                }
                rows.add(row);
            }
            return new PropertyHistory(rows.isEmpty() ? null : Csv.sheet(header, rows), sheet);
        };
        return histories.describedAs(PropertyHistory::toString);
    }

    /** An earlier sheet as CSV (null for none) and the sheet of the run under test. */
    record PropertyHistory(String earlier, MessySheet sheet) {

        @Override
        public String toString() {
            return (earlier == null ? "\nno earlier sync\n" : "\nearlier sync of:\n" + earlier) + "then a sync of:"
                    + sheet;
        }
    }

    /**
     * One integrity issue a sheet must be reported with, from how its rows were generated. An invalid row names its
     * seller number as read, or the seller-number cell as typed when that cell is what is wrong; a blank required cell
     * is a missing field, anything else unreadable a format problem; a row losing to a duplicate names its seller.
     *
     * @param field the field at fault, null for a duplicate
     */
    record Issue(int row, String sellerNumber, String type, String field) {

        static List<Issue> of(MessySheet sheet) {
            List<Issue> issues = new ArrayList<>();
            Set<Integer> duplicates = sheet.duplicateRows();
            for (int i = 0; i < sheet.rows().size(); i++) {
                MessyRow row = sheet.rows().get(i);
                int number = MessySheet.rowNumber(i);
                if (row.kind() == MessyRow.Kind.INVALID) {
                    String typed = cell(sheet, row, row.defect());
                    boolean missing = List.of("seller_number", "name", "inquiry_date").contains(row.defect())
                            && typed.isEmpty();
                    issues.add(new Issue(number, "seller_number".equals(row.defect()) ? typed
                            : row.intended().sellerNumber(), missing ? "missing_required_field" : "invalid_format",
                            row.defect()));
                } else if (duplicates.contains(number)) {
                    issues.add(new Issue(number, row.intended().sellerNumber(), "duplicate_key", null));
                }
            }
            return issues;
        }

        /** A cell of a row as typed, without the spaces around it; a cell the row stops short of is empty. */
        private static String cell(MessySheet sheet, MessyRow row, String field) {
            int column = sheet.fields().indexOf(field);
            return column < row.cells().size() ? row.cells().get(column).strip() : "";
        }
    }
}
