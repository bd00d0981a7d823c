package io.sheetsync.sync;

import io.sheetsync.api.JsonResponses;
import io.sheetsync.seller.RowRejection;
import io.sheetsync.seller.Seller;
import io.sheetsync.seller.SellerParser;
import io.sheetsync.seller.SheetStage;
import io.sheetsync.seller.StagedSheet;
import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.support.MigratedDatabase;
import io.sheetsync.support.MessySheet;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.Unchecked;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.generators.Generate;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sheet a run reads is parsed and staged in the database chunk by chunk, never held whole (issue 11). For
 * generated messy sheets, copied a few rows at a time so that duplicates and the rows set aside fall in different
 * chunks, the stage holds exactly the sellers the rows were generated to be and the verdict names exactly the rows
 * generated invalid or losing to a duplicate: the generators' oracle, never the parser's own reading.
 */
class SheetIntakeProperties {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase();
    final SheetStage stage = new SheetStage(JsonResponses.mapper());
    final SellerParser parser = new SellerParser(HeaderMapping.builtIn(), MessySheets.SHEET_ZONE);

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 48: a sheet read chunk by chunk into the stage holds"
            + " exactly the sellers its rows intend, and its verdict names every row set aside")
    void a_sheet_staged_chunk_by_chunk_holds_what_its_rows_intend() {
        PropertyTests.runs().forAll(MessySheets.sheets(0, 20), Generate.range(1, 5))
                .checkAssert((sheet, flushRows) -> Unchecked.check(() -> check(sheet, flushRows)));
    }

    private void check(MessySheet sheet, int flushRows) throws SQLException {
        SheetIntake intake = new SheetIntake(DB.dataSource(), stage, parser,
                new RunControl(Instant.now().plusSeconds(600)), Clock.systemUTC(), false, flushRows);
        StagedRead read = (StagedRead) sheet.data().deliverTo(intake);
        long stageId;
        try (Connection connection = DB.dataSource().getConnection()) {
            StagedSheet staged = read.sheet();
            stageId = staged.stageId();
            List<Seller> sellers = stage.sellers(connection, stageId, sheet.expectedKeys());
            Map<String, Integer> rows = new TreeMap<>();
            sellers.forEach(seller -> rows.put(seller.sellerNumber(), seller.sourceRow()));

            assertThat(new TreeSet<>(stage.keys(connection, stageId, key -> true))).isEqualTo(sheet.expectedKeys());
            assertThat(staged.sellerCount()).isEqualTo(sheet.expectedKeys().size());
            assertThat(rows).isEqualTo(sheet.winningRows());
            sellers.forEach(seller -> sheet.expectedSellers().get(seller.sellerNumber()).assertParsedAs(seller));
            assertThat(rowsOf(staged.invalidRows())).isEqualTo(sheet.invalidRows());
            assertThat(rowsOf(staged.duplicates())).isEqualTo(sheet.duplicateRows());
        } finally {
            intake.close();
        }
        assertThat(DB.database().query("SELECT count(*) FROM sheet_stage WHERE stage_id = " + stageId))
                .as("a closed read leaves nothing staged").containsExactly("0");
    }

    private static Set<Integer> rowsOf(List<RowRejection> rejections) {
        Set<Integer> rows = new TreeSet<>();
        rejections.forEach(rejection -> rows.add(rejection.rowNumber()));
        return rows;
    }
}
