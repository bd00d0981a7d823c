package io.sheetsync.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.Csv;
import io.sheetsync.support.LosingTrigger;
import io.sheetsync.support.SheetArbitraries;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.sync.RunSummary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed properties of verification, gap healing and data integrity, checked on whole runs against the database. */
class VerificationProperties {

    static final ObjectMapper JSON = new ObjectMapper();

    static TestDatabase database;
    static TestService service;
    static LosingTrigger trigger;

    @BeforeContainer
    static void start() throws Exception {
        database = TestDatabase.create(VerificationProperties.class);
        service = TestService.start(database, Files.createTempDirectory("verification-properties"), Map.of());
        trigger = LosingTrigger.install(database);
    }

    @AfterContainer
    static void stop() {
        service.close();
        database.close();
    }

    @BeforeTry
    void reset() {
        trigger.clear();
        database.execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 1: for any sync operation completion, verification runs"
            + " and compares record counts between spreadsheet and database")
    void every_run_is_verified_with_counts(@ForAll("sheets") List<List<String>> rows) throws Exception {
        RunSummary summary = sync(rows);

        JsonNode verification = verification(summary);
        Set<String> validKeys = new HashSet<>(database.query("SELECT seller_number FROM sellers"));
        assertThat(verification.get("spreadsheetCount").asInt()).isEqualTo(validKeys.size());
        assertThat(verification.get("databaseCount").asInt()).isEqualTo(validKeys.size());
        assertThat(verification.get("timestamp").isNull()).isFalse();
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 2: for any detected sync gap, the log contains the missing"
            + " seller numbers and timestamp")
    void every_gap_is_logged_with_seller_and_time(@ForAll("validSheets") List<List<String>> rows,
                                                   @ForAll("picks") Set<Integer> picks) throws Exception {
        Set<String> lost = lose(rows, picks, Integer.MAX_VALUE);

        RunSummary summary = sync(rows);

        assertThat(new TreeSet<>(database.query("SELECT seller_number FROM sync_gaps WHERE audit_log_id = '"
                + summary.syncId() + "' AND detected_at IS NOT NULL"))).isEqualTo(new TreeSet<>(lost));
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 3: for any detected sync gap, the system automatically"
            + " attempts to resync the missing records")
    void every_gap_is_resynced(@ForAll("validSheets") List<List<String>> rows, @ForAll("picks") Set<Integer> picks)
            throws Exception {
        Set<String> lost = lose(rows, picks, 1);

        RunSummary summary = sync(rows);

        assertThat(verification(summary).get("autoResyncAttempted").asBoolean()).isEqualTo(!lost.isEmpty());
        assertThat(summary.status()).isEqualTo("completed");
        assertThat(database.query("SELECT count(*)::text FROM sellers")).containsExactly(Integer.toString(rows.size()));
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 4: for any failed automatic resync attempt, the system"
            + " creates a sync alert")
    void every_failed_resync_raises_an_alert(@ForAll("validSheets") List<List<String>> rows,
                                              @ForAll("picks") Set<Integer> picks) throws Exception {
        Set<String> lost = lose(rows, picks, Integer.MAX_VALUE);

        RunSummary summary = sync(rows);

        List<String> alerts = database.query("SELECT details->>'sellerNumbers' FROM sync_alerts"
                + " WHERE type = 'sync_gap' AND severity = 'high'");
        if (lost.isEmpty()) {
            assertThat(alerts).isEmpty();
        } else {
            assertThat(summary.status()).isEqualTo("failed");
            assertThat(alerts).singleElement().satisfies(keys -> lost.forEach(key -> assertThat(keys).contains(key)));
        }
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 5: for any completed verification, the audit log contains"
            + " the verification result")
    void every_verification_is_in_the_audit_log(@ForAll("sheets") List<List<String>> rows) throws Exception {
        RunSummary summary = sync(rows);

        JsonNode stored = verification(summary);
        assertThat(stored.has("success")).isTrue();
        assertThat(stored.get("remainingGaps")).extracting(JsonNode::asText).containsExactlyElementsOf(summary.gaps());
        assertThat(stored.get("success").asBoolean()).isEqualTo("completed".equals(summary.status()));
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 34: for any seller with property data, an associated"
            + " property record exists in the database")
    void property_records_exist_exactly_for_property_data(@ForAll("validSheets") List<List<String>> rows)
            throws Exception {
        sync(rows);

        Set<String> withData = new TreeSet<>();
        rows.stream().filter(row -> !row.get(3).isEmpty()).forEach(row -> withData.add(row.get(0)));
        assertThat(new TreeSet<>(database.query("SELECT s.seller_number FROM properties p JOIN sellers s"
                + " ON s.id = p.seller_id"))).isEqualTo(withData);
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 35: for any detected data integrity issue, the log"
            + " contains specific issue details and affected seller numbers")
    void every_integrity_issue_names_seller_and_details(@ForAll("sheets") List<List<String>> rows) throws Exception {
        RunSummary summary = sync(rows);

        JsonNode issues = verification(summary).get("integrityIssues");
        assertThat(issues.size()).isEqualTo(summary.counts().failed());
        for (JsonNode issue : issues) {
            assertThat(issue.get("sellerNumber").isNull()).isFalse();
            assertThat(issue.get("issueType").asText()).isIn("missing_required_field", "invalid_format",
                    "duplicate_key");
            assertThat(issue.get("description").asText()).matches("row \\d+: .+");
        }
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 36: for any detected data integrity issue, the system"
            + " creates a sync alert for data quality problems")
    void every_integrity_issue_raises_a_data_integrity_alert(@ForAll("sheets") List<List<String>> rows)
            throws Exception {
        RunSummary summary = sync(rows);

        boolean issues = verification(summary).get("integrityIssues").size() > 0;
        assertThat(database.query("SELECT type FROM sync_alerts WHERE type = 'data_integrity'"
                + " AND resolved_at IS NULL")).hasSize(issues ? 1 : 0);
    }

    /** Messy sheets that hold at least one valid row, so the run gets past the shrink guard to its verification. */
    @Provide
    Arbitrary<List<List<String>>> sheets() {
        return SheetArbitraries.sheets().map(rows -> {
            List<List<String>> withOne = new java.util.ArrayList<>(rows);
            withOne.add(List.of("AA999", "Always Valid", "2024-01-01", ""));
            return withOne;
        });
    }

    @Provide
    Arbitrary<List<List<String>>> validSheets() {
        return SheetArbitraries.validSheets();
    }

    @Provide
    Arbitrary<Set<Integer>> picks() {
        return Arbitraries.integers().between(0, 14).set().ofMaxSize(4);
    }

    private static Set<String> lose(List<List<String>> rows, Set<Integer> picks, int times) {
        Set<String> lost = new TreeSet<>();
        for (int pick : picks) {
            if (pick < rows.size()) {
                String key = rows.get(pick).get(0);
                trigger.drop(key, times);
                lost.add(key);
            }
        }
        return lost;
    }

    private static RunSummary sync(List<List<String>> rows) throws Exception {
        service.sheet(Csv.sheet(SheetArbitraries.HEADER, rows));
        return service.syncNow();
    }

    private static JsonNode verification(RunSummary summary) throws Exception {
        List<String> stored = database.query("SELECT verification_result::text FROM sync_audit_logs WHERE id = '"
                + summary.syncId() + "'");
        assertThat(stored).singleElement().isNotNull();
        return JSON.readTree(stored.get(0));
    }
}
