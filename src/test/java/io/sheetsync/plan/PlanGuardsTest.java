package io.sheetsync.plan;

import io.sheetsync.seller.FieldChange;
import io.sheetsync.seller.SellerChange;
import io.sheetsync.support.AllTables;
import io.sheetsync.support.RunningService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan route against the real database: each guard that would stop the run is listed with its message (and the
 * plan still shows what it can), moves, newer database versions, truncation; and no plan writes anything.
 */
class PlanGuardsTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(Map::of);

    static final String HEADER = "seller_number,name,inquiry_date,phone,land_area";

    @BeforeEach
    void firstRunCompleted() throws Exception {
        SYNC.database().execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
        List<String> rows = new ArrayList<>(List.of(HEADER));
        for (int i = 1; i <= 10; i++) {
            rows.add("AA" + i + ",Seller " + i + ",2024-01-" + (10 + i) + ",03-" + i + "," + (i % 2 == 0 ? i + "0.5" : ""));
        }
        SYNC.service().sheet(rows);
        assertThat(SYNC.service().syncNow().status()).isEqualTo("completed");
    }

    @Test
    void the_synced_sheet_is_in_step() throws Exception {
        Plan plan = plan();

        assertThat(plan.inStep()).isTrue();
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.guards()).isEmpty();
        assertThat(plan.counts()).isEqualTo(new Plan.Counts(0, 0, 10, 0, 0, 0, 0, 0));
    }

    @Test
    void rows_a_run_would_set_aside_are_counted_as_invalid_and_duplicates_and_the_winning_duplicate_is_planned() throws Exception {
        List<String> rows = new ArrayList<>(List.of(HEADER));
        for (int i = 1; i <= 10; i++) {
            rows.add("AA" + i + ",Seller " + i + ",2024-01-" + (10 + i) + ",03-" + i + "," + (i % 2 == 0 ? i + "0.5" : ""));
        }
        rows.add("AA1,Seller 1 again,2024-01-11,03-1,");
        rows.add("AA11,,2024-01-21,,");
        rows.add("XX12,Bad number,2024-01-22,,");
        SYNC.service().sheet(rows);

        Plan plan = plan();

        // of two rows with one seller number and no updated_at the lower one in the sheet wins (CONTRACT section 5)
        assertThat(plan.counts()).isEqualTo(new Plan.Counts(0, 1, 9, 2, 1, 0, 0, 0));
        assertThat(plan.changes()).containsExactly(new SellerChange("AA1", "update", 12,
                List.of(FieldChange.of("name", "Seller 1", "Seller 1 again"), FieldChange.of("source_row", 2, 12))));
    }

    @Test
    void a_sheet_without_its_header_row_lists_the_missing_header_and_no_change() throws Exception {
        SYNC.service().sheet(List.of(",,,,", "AA1,Seller 1,2024-01-11,03-1,", "AA2,Other,2024-01-12,03-2,20.5"));

        Plan plan = plan();

        assertThat(plan.guards()).singleElement().satisfies(guard -> {
            assertThat(guard.guard()).isEqualTo("missing_header");
            assertThat(guard.message()).contains("without its header row");
        });
        assertThat(plan.inStep()).isFalse();
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.counts()).isEqualTo(new Plan.Counts(0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void a_header_that_names_a_field_twice_lists_the_unusable_header() throws Exception {
        SYNC.service().sheet(List.of("seller_number,name,名前,inquiry_date", "AA1,Seller 1,x,2024-01-11"));

        Plan plan = plan();

        assertThat(plan.guards()).singleElement().satisfies(guard -> {
            assertThat(guard.guard()).isEqualTo("unusable_header");
            assertThat(guard.message()).contains("header row cannot be used");
        });
        assertThat(plan.changes()).isEmpty();
    }

    @Test
    void a_shrunk_sheet_lists_the_shrink_and_still_shows_its_changes() throws Exception {
        SYNC.service().sheet(List.of(HEADER, "AA1,Seller 1,2024-01-11,03-1,", "AA2,Renamed,2024-01-12,03-2,20.5"));

        Plan plan = plan();

        assertThat(plan.guards()).singleElement().satisfies(guard -> {
            assertThat(guard.guard()).isEqualTo("shrink");
            assertThat(guard.message()).contains("2 valid rows", "had 10");
        });
        assertThat(plan.inStep()).isFalse();
        assertThat(plan.counts()).isEqualTo(new Plan.Counts(0, 1, 1, 0, 0, 8, 0, 0));
        assertThat(plan.changes()).singleElement().isEqualTo(new SellerChange("AA2", "update", 3,
                List.of(FieldChange.of("name", "Seller 2", "Renamed"))));
    }

    @Test
    void a_vanished_column_is_listed_with_the_blanking_the_run_would_do_if_it_were_accepted() throws Exception {
        List<String> rows = new ArrayList<>(List.of("seller_number,name,inquiry_date,land_area"));
        for (int i = 1; i <= 10; i++) {
            rows.add("AA" + i + ",Seller " + i + ",2024-01-" + (10 + i) + "," + (i % 2 == 0 ? i + "0.5" : ""));
        }
        SYNC.service().sheet(rows);

        Plan plan = plan();

        assertThat(plan.guards()).singleElement().satisfies(guard -> {
            assertThat(guard.guard()).isEqualTo("vanished_column");
            assertThat(guard.message()).contains("phone (column 'phone') is gone");
        });
        assertThat(plan.counts().update()).isEqualTo(10);
        assertThat(plan.changes()).hasSize(10).allSatisfy(change -> assertThat(change.fields())
                .filteredOn(field -> field.field().equals("phone")).singleElement()
                .satisfies(phone -> assertThat(phone.blanking()).isTrue()));
    }

    @Test
    void rows_that_only_moved_are_listed_after_the_updates_as_moves_of_their_source_row() throws Exception {
        List<String> rows = new ArrayList<>(List.of(HEADER));
        for (int i = 10; i >= 1; i--) {
            String name = i == 1 ? "First renamed" : "Seller " + i;
            rows.add("AA" + i + "," + name + ",2024-01-" + (10 + i) + ",03-" + i + "," + (i % 2 == 0 ? i + "0.5" : ""));
        }
        SYNC.service().sheet(rows);

        Plan plan = plan();

        // reversed: AA1 moved from row 2 to 11 and was renamed, every other row only moved
        assertThat(plan.counts()).isEqualTo(new Plan.Counts(0, 1, 0, 0, 0, 0, 9, 0));
        assertThat(plan.changes().get(0)).isEqualTo(new SellerChange("AA1", "update", 11,
                List.of(FieldChange.of("name", "Seller 1", "First renamed"), FieldChange.of("source_row", 2, 11))));
        assertThat(plan.changes().subList(1, 10)).extracting(SellerChange::operation).containsOnly("move");
        assertThat(plan.changes().get(1)).isEqualTo(new SellerChange("AA10", "move", 2,
                List.of(FieldChange.of("source_row", 11, 2))));
    }

    @Test
    void a_seller_changed_later_in_the_database_than_in_the_sheet_is_kept_and_counted_not_listed() throws Exception {
        SYNC.database().execute("UPDATE sellers SET name = 'Edited in the database', updated_at = now() + interval"
                + " '1 minute', version = version + 1 WHERE seller_number = 'AA3'");
        SYNC.service().sheet(List.of(HEADER + ",updated_at", "AA1,Seller 1,2024-01-11,03-1,,",
                "AA2,Seller 2,2024-01-12,03-2,20.5,", "AA3,Sheet edit,2024-01-13,03-3,,2024-01-01T00:00:00Z"));

        Plan plan = plan();

        assertThat(plan.counts().databaseNewer()).isEqualTo(1);
        assertThat(plan.changes()).extracting(SellerChange::sellerNumber).doesNotContain("AA3");
    }

    @Test
    void more_than_a_thousand_changes_are_cut_at_a_thousand_with_complete_counts() throws Exception {
        List<String> rows = new ArrayList<>(List.of(HEADER));
        for (int i = 1; i <= 1005; i++) {
            rows.add("AA" + (1000 + i) + ",New " + i + ",2024-02-01,,");
        }
        SYNC.service().sheet(rows);
        List<String> before = AllTables.snapshot(SYNC.database());

        Plan plan = plan();

        assertThat(plan.truncated()).isTrue();
        assertThat(plan.changes()).hasSize(Plan.MAX_CHANGES);
        assertThat(plan.changes().get(999).row()).isEqualTo(1001);
        assertThat(plan.counts().create()).isEqualTo(1005);
        assertThat(plan.counts().orphans()).isEqualTo(10);
        assertThat(plan.guards()).as("a sheet that grew").isEmpty();
        assertThat(AllTables.snapshot(SYNC.database())).as("every table after the plan").isEqualTo(before);
    }

    private static Plan plan() {
        List<String> before = AllTables.snapshot(SYNC.database());
        Plan plan = (Plan) SYNC.service().request("direct:plan", null);
        assertThat(AllTables.snapshot(SYNC.database())).as("every table after the plan").isEqualTo(before);
        return plan;
    }
}
