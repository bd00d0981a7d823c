package io.sheetsync.sync;

import io.sheetsync.api.JsonResponses;
import io.sheetsync.seller.BatchOutcome;
import io.sheetsync.seller.SellerParser;
import io.sheetsync.seller.SellerRepository;
import io.sheetsync.seller.SheetStage;
import io.sheetsync.seller.StagedSheet;
import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.sheet.SheetData;
import io.sheetsync.sheet.SheetRow;
import io.sheetsync.support.MigratedDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read stages the fields and raw cells only of rows the database does not already hold as they are (issue 11: a
 * run that changes nothing stages little more than keys and hashes), and a row staged without them is never written: should
 * its stored seller change between the read and the batch (a hand edit), the batch leaves it unwritten and says so,
 * and the next read stages it whole.
 */
class HeldRowsTest {

    private static final List<String> HEADER = List.of("seller_number", "name", "inquiry_date");

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase();
    final SheetStage stage = new SheetStage(JsonResponses.mapper());
    final SellerRepository sellers = new SellerRepository();

    @BeforeEach
    void storeFourSellers() throws SQLException {
        DB.database().execute("DELETE FROM properties; DELETE FROM sellers; DELETE FROM sheet_stage;"
                + " DELETE FROM sheet_stages");
        try (SheetIntake intake = intake(false)) {
            StagedSheet sheet = read(intake, rows(Map.of()));
            write(sheet, List.of("AA1", "AA2", "AA3", "AA4"));
        }
    }

    @Test
    void only_rows_stored_exactly_as_the_sheet_has_them_are_staged_without_their_cells() throws SQLException {
        DB.database().execute("UPDATE sellers SET content_hash = upper(content_hash) WHERE seller_number = 'AA3'");
        DB.database().execute("DELETE FROM sellers WHERE seller_number = 'AA4'");
        List<SheetRow> rows = new ArrayList<>(rows(Map.of("AA2", "Renamed")));
        rows.add(new SheetRow(6, List.of("AA5", "Seller 5", "2024-01-05")));

        try (SheetIntake intake = intake(true)) {
            StagedSheet sheet = read(intake, rows);

            // AA1 is stored as it is; AA2 changed in the sheet; AA3's stored hash is not one the service writes
            // (upper case); AA4 is no longer stored; AA5 never was
            assertThat(staged(intake.planConnection(), sheet, "raw IS NULL AND num_nulls(name, inquiry_date, phone,"
                    + " email, address, status) = 6")).containsExactly("AA1");
            assertThat(staged(intake.planConnection(), sheet, "raw IS NOT NULL AND name IS NOT NULL"
                    + " AND inquiry_date IS NOT NULL")).containsExactly("AA2", "AA3", "AA4", "AA5");
            // a plan reads a held row with the stored row's fields and cells, every other row as it was staged
            assertThat(stage.sellers(intake.planConnection(), sheet.stageId(), List.of("AA1", "AA2")))
                    .satisfiesExactly(held -> {
                        assertThat(held.name()).isEqualTo("Seller 1");
                        assertThat(held.inquiryDate()).hasToString("2024-01-01");
                        assertThat(held.raw()).containsEntry("name", "Seller 1").containsEntry("seller_number", "AA1");
                    }, changed -> {
                        assertThat(changed.name()).isEqualTo("Renamed");
                        assertThat(changed.inquiryDate()).hasToString("2024-01-02");
                    });
        }
    }

    @Test
    void a_held_row_whose_stored_seller_changed_before_its_batch_is_left_unwritten_and_reported() throws SQLException {
        try (SheetIntake intake = intake(false)) {
            StagedSheet sheet = read(intake, rows(Map.of()));
            assertThat(DB.database().query("SELECT count(*) FROM sheet_stage WHERE raw IS NULL"))
                    .as("every row is held").containsExactly("4");
            DB.database().execute("DELETE FROM sellers WHERE seller_number = 'AA2'");
            DB.database().execute("UPDATE sellers SET content_hash = md5('edited') || md5('by hand')"
                    + " WHERE seller_number = 'AA3'");

            BatchOutcome outcome = write(sheet, List.of("AA1", "AA2", "AA3"));

            assertThat(outcome.unchanged()).containsExactly("AA1");
            assertThat(outcome.notStored()).containsExactly("AA2");
            assertThat(outcome.conflicts()).containsExactly("AA3");
            assertThat(DB.database().query("SELECT seller_number || ' ' || content_hash FROM sellers"
                    + " WHERE seller_number IN ('AA2', 'AA3')")).containsExactly("AA3 " + md5Edit());
        }
        try (SheetIntake next = intake(false)) {
            StagedSheet sheet = read(next, rows(Map.of()));
            BatchOutcome outcome = write(sheet, List.of("AA1", "AA2", "AA3"));

            assertThat(outcome.created()).as("the next read staged it whole").containsExactly("AA2");
            assertThat(outcome.updated()).containsExactly("AA3");
        }
    }

    @Test
    void when_the_stored_hashes_cannot_be_read_every_row_is_staged_whole_and_the_read_goes_on() throws SQLException {
        DB.database().execute("ALTER TABLE sellers RENAME TO sellers_away");
        try (SheetIntake intake = intake(true)) {
            StagedSheet sheet = read(intake, rows(Map.of()));

            assertThat(staged(intake.planConnection(), sheet, "raw IS NOT NULL"))
                    .containsExactly("AA1", "AA2", "AA3", "AA4");
        } finally {
            DB.database().execute("ALTER TABLE sellers_away RENAME TO sellers");
        }
    }

    private StagedSheet read(SheetIntake intake, List<SheetRow> rows) throws SQLException {
        return ((StagedRead) new SheetData(HEADER, rows).deliverTo(intake)).sheet();
    }

    private BatchOutcome write(StagedSheet sheet, List<String> keys) throws SQLException {
        try (Connection connection = DB.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            BatchOutcome outcome = sellers.upsert(connection, sheet.stageId(), keys, Instant.now());
            connection.commit();
            return outcome;
        }
    }

    private List<String> staged(Connection connection, StagedSheet sheet, String condition) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (var statement = connection.prepareStatement("SELECT seller_number FROM sheet_stage WHERE stage_id = ? AND "
                + condition + " ORDER BY seller_number")) {
            statement.setLong(1, sheet.stageId());
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    keys.add(result.getString(1));
                }
            }
        }
        return keys;
    }

    private static String md5Edit() {
        return DB.database().query("SELECT md5('edited') || md5('by hand')").get(0);
    }

    private SheetIntake intake(boolean plan) {
        return new SheetIntake(DB.dataSource(), stage, new SellerParser(HeaderMapping.builtIn(), ZoneOffset.UTC),
                new RunControl(Instant.now().plusSeconds(600)), Clock.systemUTC(), plan, 2);
    }

    /** AA1 to AA4 in rows 2 to 5, with the names given instead of "Seller n". */
    private static List<SheetRow> rows(Map<String, String> names) {
        List<SheetRow> rows = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String key = "AA" + i;
            rows.add(new SheetRow(i + 1, List.of(key, names.getOrDefault(key, "Seller " + i), "2024-01-0" + i)));
        }
        return rows;
    }
}
