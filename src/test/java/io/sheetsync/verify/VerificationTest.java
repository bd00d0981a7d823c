package io.sheetsync.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.seller.ParsedSheet;
import io.sheetsync.support.StagedSheets;
import io.sheetsync.seller.SellerParser;
import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.sheet.SheetData;
import io.sheetsync.sheet.SheetRow;
import io.sheetsync.support.RunningService;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the check after a run reports: integrity issues, orphans, drift, and the shrink guard. */
class VerificationTest {

    @RegisterExtension
    @Order(2)
    static final RunningService SYNC = new RunningService(() -> Map.of());

    static final String HEADER = "seller_number,name,inquiry_date,property_type";

    @BeforeEach
    void emptyTables() {
        SYNC.database().execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
    }

    @Test
    void invalid_and_duplicate_rows_are_integrity_issues_with_seller_field_and_description() throws Exception {
        SYNC.service().sheet(List.of(HEADER, "AA1,One,2024-01-01,", "AA2,,2024-01-01,", "AA3,Three,2024-02-31,",
                "AA1,One Again,2024-01-01,"));

        RunSummary summary = SYNC.service().syncNow();

        JsonNode issues = verification(summary).get("integrityIssues");
        assertThat(issues).hasSize(3);
        assertThat(issues.findValuesAsText("issueType"))
                .containsExactlyInAnyOrder("missing_required_field", "invalid_format", "duplicate_key");
        assertThat(issues.findValuesAsText("sellerNumber")).containsExactlyInAnyOrder("AA2", "AA3", "AA1");
        assertThat(issues.findValuesAsText("fieldName")).contains("name", "inquiry_date");
        assertThat(issues.findValuesAsText("description")).allSatisfy(text -> assertThat(text).startsWith("row "));
        assertThat(summary.status()).isEqualTo("completed");
        assertThat(SYNC.database().query("SELECT severity || '|' || type FROM sync_alerts")).containsExactly("medium|data_integrity");
    }

    @Test
    void a_property_record_removed_or_added_behind_the_sync_is_put_right_by_the_next_run() throws Exception {
        SYNC.service().sheet(List.of(HEADER, "AA1,One,2024-01-01,土地", "AA2,Two,2024-01-01,"));
        SYNC.service().syncNow();
        SYNC.database().execute("DELETE FROM properties");
        SYNC.database().execute("INSERT INTO properties (seller_id, property_type) SELECT id, 'ghost' FROM sellers"
                + " WHERE seller_number = 'AA2'");

        RunSummary summary = SYNC.service().syncNow();

        assertThat(verification(summary).get("integrityIssues")).isEmpty();
        assertThat(SYNC.database().query("SELECT s.seller_number || '|' || p.property_type FROM properties p"
                + " JOIN sellers s ON s.id = p.seller_id")).containsExactly("AA1|土地");
    }

    @Test
    void a_property_record_missing_or_unexpected_is_an_integrity_issue() throws Exception {
        String sheet = String.join("\n", HEADER, "AA1,One,2024-01-01,土地", "AA2,Two,2024-01-01,") + "\n";
        SYNC.service().sheet(sheet);
        SYNC.service().syncNow();
        SYNC.database().execute("DELETE FROM properties");
        SYNC.database().execute("INSERT INTO properties (seller_id, property_type) SELECT id, 'ghost' FROM sellers"
                + " WHERE seller_number = 'AA2'");
        SyncVerifier verifier = new SyncVerifier(new VerificationRepository(
                SYNC.service().service().dataSource()), new IntegrityChecker(), java.time.Clock.systemUTC());
        ParsedSheet parsed = new SellerParser(HeaderMapping.builtIn(), java.time.ZoneOffset.UTC)
                .parse(new SheetData(List.of("seller_number", "name", "inquiry_date", "property_type"), List.of(
                        new SheetRow(2, List.of("AA1", "One", "2024-01-01", "土地")),
                        new SheetRow(3, List.of("AA2", "Two", "2024-01-01", "")))));

        List<IntegrityIssue> issues = verifier.verify(StagedSheets.of(SYNC.service().service().dataSource(), parsed),
                java.util.Set.of()).integrityIssues();

        assertThat(issues).extracting(IntegrityIssue::issueType)
                .containsExactlyInAnyOrder("missing_property", "unexpected_property");
        assertThat(issues).extracting(IntegrityIssue::sellerNumber).containsExactlyInAnyOrder("AA1", "AA2");
        assertThat(issues).allSatisfy(issue -> assertThat(issue.sellerId()).hasSize(36));
        assertThat(issues).allSatisfy(issue -> assertThat(issue.description()).contains(issue.sellerNumber()));
    }

    @Test
    void stored_rows_that_break_the_rules_are_reported_even_outside_the_sheet() throws Exception {
        SYNC.database().execute("ALTER TABLE sellers DROP CONSTRAINT sellers_seller_number_format");
        try {
            SYNC.database().execute("INSERT INTO sellers (seller_number, name, inquiry_date, raw) VALUES"
                    + " ('BB9', 'Bad Key', '2024-01-01', '{}'), ('AA77', ' ', '2024-01-01', '{}')");
            SYNC.service().sheet(List.of(HEADER, "AA1,One,2024-01-01,"));

            JsonNode verification = verification(SYNC.service().syncNow());

            assertThat(verification.get("integrityIssues").findValuesAsText("issueType"))
                    .containsExactlyInAnyOrder("invalid_format", "missing_required_field");
            assertThat(verification.get("orphans")).extracting(JsonNode::asText).containsExactly("AA77", "BB9");
        } finally {
            SYNC.database().execute("DELETE FROM sellers WHERE seller_number IN ('BB9', 'AA77')");
            SYNC.database().execute("ALTER TABLE sellers ADD CONSTRAINT sellers_seller_number_format"
                    + " CHECK (seller_number ~ '^AA[0-9]+$')");
        }
    }

    @Test
    void sellers_no_longer_in_the_sheet_are_reported_as_orphans_and_kept() throws Exception {
        SYNC.service().sheet(List.of(HEADER, "AA1,One,2024-01-01,", "AA2,Two,2024-01-01,", "AA3,Three,2024-01-01,"));
        SYNC.service().syncNow();
        SYNC.service().sheet(List.of(HEADER, "AA1,One,2024-01-01,", "AA3,Three,2024-01-01,"));

        RunSummary summary = SYNC.service().syncNow();

        assertThat(summary.status()).isEqualTo("completed");
        assertThat(verification(summary).get("orphans")).extracting(JsonNode::asText).containsExactly("AA2");
        assertThat(SYNC.database().query("SELECT count(*)::text FROM sellers")).containsExactly("3");
    }

    @Test
    void a_row_changed_behind_the_sync_is_drift_and_is_written_back_by_the_resync() throws Exception {
        SYNC.service().sheet(List.of(HEADER, "AA1,One,2024-01-01,"));
        SYNC.service().syncNow();
        // Someone edits the stored row and its hash, then the sheet changes the same row: the run's optimistic
        // lock refuses to overwrite, verification sees drift, and the resync writes the sheet's version.
        SYNC.database().execute("UPDATE sellers SET name = 'Edited', version = version + 1 WHERE seller_number = 'AA1'");
        SYNC.service().sheet(List.of(HEADER, "AA1,One Renamed,2024-01-01,"));

        RunSummary summary = SYNC.service().syncNow();

        assertThat(summary.status()).isEqualTo("completed");
        assertThat(SYNC.database().query("SELECT name FROM sellers")).containsExactly("One Renamed");
    }

    @Test
    void an_emptied_sheet_fails_the_run_with_a_source_shrunk_alert_and_writes_nothing() throws Exception {
        SYNC.service().sheet(List.of(HEADER, "AA1,One,2024-01-01,"));
        SYNC.service().syncNow();

        SYNC.service().sheet(List.of(HEADER, "XX,not a seller,2024-01-01,"));
        RunSummary empty = SYNC.service().syncNow();

        assertThat(empty.status()).isEqualTo("failed");
        assertThat(empty.error()).contains("no valid rows");
        assertThat(SYNC.database().query("SELECT severity || '|' || type FROM sync_alerts WHERE type = 'source_shrunk'"))
                .containsExactly("high|source_shrunk");
    }

    @Test
    void a_sheet_that_lost_more_than_half_its_rows_is_refused() throws Exception {
        List<String> full = new ArrayList<>(List.of(HEADER));
        for (int i = 1; i <= 10; i++) {
            full.add("AA" + i + ",Seller " + i + ",2024-01-01,");
        }
        SYNC.service().sheet(full);
        SYNC.service().syncNow();

        SYNC.service().sheet(full.subList(0, 5));
        RunSummary truncated = SYNC.service().syncNow();
        SYNC.service().sheet(full.subList(0, 6));
        RunSummary half = SYNC.service().syncNow();

        assertThat(truncated.status()).isEqualTo("failed");
        assertThat(truncated.error()).contains("4 valid rows", "had 10");
        assertThat(half.status()).isEqualTo("completed");
    }

    @Test
    void a_sheet_without_a_header_row_fails_the_run() throws Exception {
        SYNC.service().sheet("\n\n");

        RunSummary summary = SYNC.service().syncNow();

        assertThat(summary.status()).isEqualTo("failed");
        assertThat(summary.error()).contains("without its header row");
        assertThat(SYNC.database().query("SELECT severity || '|' || type FROM sync_alerts"))
                .containsExactly("high|source_shrunk");
    }

    private static JsonNode verification(RunSummary summary) throws Exception {
        String json = SYNC.database().query("SELECT verification_result::text FROM sync_audit_logs WHERE id = '"
                + summary.syncId() + "'").get(0);
        return new ObjectMapper().readTree(json);
    }
}
