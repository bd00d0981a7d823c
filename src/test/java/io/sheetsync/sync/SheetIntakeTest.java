package io.sheetsync.sync;

import io.sheetsync.api.JsonResponses;
import io.sheetsync.seller.SellerParser;
import io.sheetsync.seller.SheetStage;
import io.sheetsync.seller.StagedSheet;
import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.sheet.SheetData;
import io.sheetsync.sheet.SheetFormatException;
import io.sheetsync.sheet.SheetRow;
import io.sheetsync.support.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a read staged chunk by chunk does besides parsing (issue 11): a header it cannot use and a database that
 * refuses the stage fail the parse step, never the fetch; a retried fetch starts over; a plan's stage is never seen by
 * anyone else and is gone with the plan; stages of processes that died are removed by the next run's read; a read
 * that ends while no other stage is open empties the table once it is large, so no deleted rows pile up between
 * vacuums.
 */
class SheetIntakeTest {

    private static final List<String> HEADER = List.of("seller_number", "name", "inquiry_date");

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase();
    final SheetStage stage = new SheetStage(JsonResponses.mapper());

    @Test
    void a_sheet_without_its_header_row_fails_the_parse_naming_the_rows_below_it() {
        try (SheetIntake intake = intake(false)) {
            StagedRead read = (StagedRead) new SheetData(List.of("", " "), rows(3)).deliverTo(intake);

            assertThatThrownBy(read::sheet).isInstanceOf(SourceShrunkException.class)
                    .hasMessageContaining("without its header row (3 rows below it)");
        }
        assertThat(staged()).isZero();
    }

    @Test
    void a_header_without_a_required_column_fails_the_parse_as_the_parser_says() {
        try (SheetIntake intake = intake(false)) {
            StagedRead read = (StagedRead) new SheetData(List.of("seller_number", "name"), rows(2))
                    .deliverTo(intake);

            assertThatThrownBy(read::sheet).isInstanceOf(SheetFormatException.class)
                    .hasMessageContaining("inquiry_date");
        }
        assertThat(staged()).isZero();
    }

    @Test
    void a_retried_fetch_forgets_what_the_failed_attempt_delivered() throws SQLException {
        try (SheetIntake intake = intake(false)) {
            intake.begin();
            intake.header(HEADER);
            rows(5).forEach(intake::row); // the attempt fails here: the fetch is retried from the start
            StagedRead read = (StagedRead) new SheetData(HEADER, rows(2)).deliverTo(intake);

            StagedSheet sheet = read.sheet();
            assertThat(sheet.sellerCount()).isEqualTo(2);
            assertThat(staged()).isEqualTo(2);
        }
        assertThat(staged()).as("a closed run's read leaves nothing").isZero();
    }

    @Test
    void a_plans_stage_is_seen_only_by_its_own_transaction_and_gone_with_the_plan() throws SQLException {
        try (SheetIntake intake = intake(true)) {
            StagedRead read = (StagedRead) new SheetData(HEADER, rows(4)).deliverTo(intake);
            StagedSheet sheet = read.sheet();

            try (Connection other = DB.dataSource().getConnection()) {
                assertThat(stage.keys(other, sheet.stageId(), key -> true)).isEmpty();
            }
            assertThat(stage.keys(intake.planConnection(), sheet.stageId(), key -> true))
                    .containsExactly("AA1", "AA2", "AA3", "AA4");
        }
        assertThat(staged()).isZero();
        assertThat(DB.database().query("SELECT count(*) FROM sheet_stages")).containsExactly("0");
    }

    @Test
    void a_database_that_refuses_the_stage_fails_the_parse_not_the_fetch() {
        DB.database().execute("ALTER TABLE sheet_stage ADD CONSTRAINT refuse_aa3 CHECK (seller_number <> 'AA3')");
        try (SheetIntake intake = intake(false)) {
            // delivering every row works: the fetch is not the part that failed, and is not retried for it
            StagedRead read = (StagedRead) new SheetData(HEADER, rows(6)).deliverTo(intake);

            assertThatThrownBy(read::sheet).isInstanceOf(SQLException.class).hasMessageContaining("refuse_aa3");
        } finally {
            DB.database().execute("ALTER TABLE sheet_stage DROP CONSTRAINT refuse_aa3");
        }
        assertThat(staged()).isZero();
    }

    @Test
    void a_stage_left_by_a_process_that_died_is_removed_by_the_next_runs_read() throws SQLException {
        DB.database().execute("INSERT INTO sheet_stages (id, opened_at) VALUES (-7, now() - interval '2 days')");
        DB.database().execute("INSERT INTO sheet_stage (stage_id, source_row, seller_number, name, inquiry_date,"
                + " content_hash, raw, has_property) VALUES (-7, 2, 'AA9', 'Left', '2024-01-01', 'x', '{}', false)");
        try (SheetIntake intake = intake(false)) {
            ((StagedRead) new SheetData(HEADER, rows(1)).deliverTo(intake)).sheet();

            assertThat(DB.database().query("SELECT count(*) FROM sheet_stage WHERE stage_id = -7")).containsExactly("0");
            assertThat(DB.database().query("SELECT count(*) FROM sheet_stages WHERE id = -7")).containsExactly("0");
        }
    }

    @Test
    void the_only_stage_closed_leaves_no_deleted_rows_behind_once_the_table_is_large() throws SQLException {
        try (SheetIntake intake = intake(false, new SheetStage(JsonResponses.mapper(), 0))) {
            ((StagedRead) new SheetData(HEADER, rows(50)).deliverTo(intake)).sheet();
            assertThat(pages()).isPositive();
        }
        // a delete would leave its 50 rows in the table's pages until a vacuum
        assertThat(pages()).as("pages of sheet_stage").isZero();
    }

    @Test
    void a_small_table_is_not_worth_emptying_and_its_rows_are_deleted() throws SQLException {
        try (SheetIntake intake = intake(false)) {
            ((StagedRead) new SheetData(HEADER, rows(50)).deliverTo(intake)).sheet();
        }
        assertThat(staged()).isZero();
        assertThat(pages()).as("deleted rows wait for a vacuum").isPositive();
        DB.database().execute("TRUNCATE sheet_stage");
    }

    @Test
    void a_runs_read_begins_without_the_rows_a_plan_left() throws SQLException {
        SheetStage emptiedAlways = new SheetStage(JsonResponses.mapper(), 0);
        try (SheetIntake plan = intake(true, emptiedAlways)) {
            ((StagedRead) new SheetData(HEADER, rows(50)).deliverTo(plan)).sheet();
        }
        assertThat(pages()).as("a plan's rolled-back rows are still in the table").isPositive();
        try (SheetIntake intake = intake(false, emptiedAlways)) {
            intake.begin();
            assertThat(pages()).isZero();
        }
    }

    @Test
    void another_open_stage_keeps_its_rows_and_the_closed_read_removes_only_its_own() throws SQLException {
        DB.database().execute("INSERT INTO sheet_stages (id) VALUES (-8)");
        DB.database().execute(STAGED_ROW.formatted(-8));
        try {
            try (SheetIntake intake = intake(false, new SheetStage(JsonResponses.mapper(), 0))) {
                ((StagedRead) new SheetData(HEADER, rows(3)).deliverTo(intake)).sheet();
            }
            assertThat(DB.database().query("SELECT stage_id || ':' || seller_number FROM sheet_stage"))
                    .containsExactly("-8:AA9");
        } finally {
            DB.database().execute("DELETE FROM sheet_stage WHERE stage_id = -8");
            DB.database().execute("DELETE FROM sheet_stages WHERE id = -8");
        }
    }

    @Test
    @Timeout(60) // guards against a hang only: a close that waited for the other transaction would never end
    void a_stage_another_transaction_is_filling_is_neither_emptied_nor_waited_for() throws SQLException {
        try (Connection other = DB.dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.execute("INSERT INTO sheet_stages (id) VALUES (-9)");
                statement.execute(STAGED_ROW.formatted(-9));
            }
            try (SheetIntake intake = intake(false, new SheetStage(JsonResponses.mapper(), 0))) {
                ((StagedRead) new SheetData(HEADER, rows(3)).deliverTo(intake)).sheet();
            }
            try (Statement statement = other.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT stage_id, seller_number FROM sheet_stage")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1) + ":" + rows.getString(2)).isEqualTo("-9:AA9");
                assertThat(rows.next()).as("the closed read's rows are gone").isFalse();
            }
            other.rollback();
        }
    }

    private SheetIntake intake(boolean plan) {
        return intake(plan, stage);
    }

    private SheetIntake intake(boolean plan, SheetStage stage) {
        return new SheetIntake(DB.dataSource(), stage, new SellerParser(HeaderMapping.builtIn(), ZoneOffset.UTC),
                new RunControl(Instant.now().plusSeconds(600)), Clock.systemUTC(), plan, 2);
    }

    private static List<SheetRow> rows(int count) {
        List<SheetRow> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(new SheetRow(i + 1, List.of("AA" + i, "Seller " + i, "2024-01-0" + (i % 9 + 1))));
        }
        return rows;
    }

    private static final String STAGED_ROW = "INSERT INTO sheet_stage (stage_id, source_row, seller_number, name,"
            + " inquiry_date, content_hash, raw, has_property)"
            + " VALUES (%d, 2, 'AA9', 'Other', '2024-01-01', 'x', '{}', false)";

    /** The table's size in pages: rows deleted but not vacuumed still take theirs. */
    private static long pages() {
        return Long.parseLong(DB.database().query("SELECT pg_relation_size('sheet_stage') / 8192").get(0));
    }

    private static int staged() {
        return Integer.parseInt(DB.database().query("SELECT count(*) FROM sheet_stage").get(0));
    }
}
