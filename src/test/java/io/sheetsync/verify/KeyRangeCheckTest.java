package io.sheetsync.verify;

import io.sheetsync.db.Database;
import io.sheetsync.seller.ParsedSheet;
import io.sheetsync.seller.SellerDefect;
import io.sheetsync.seller.SellerParser;
import io.sheetsync.seller.StagedSheet;
import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.sheet.SheetData;
import io.sheetsync.sheet.SheetRow;
import io.sheetsync.support.StagedSheets;
import io.sheetsync.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verification checks the stage's key range in two parts, split at a key from the stage's statistics: what goes wrong
 * on either side of the split, or at its very ends, is found, and a stage too small to split is checked whole.
 */
class KeyRangeCheckTest {

    private TestDatabase test;
    private Database database;

    @BeforeEach
    void open() {
        test = TestDatabase.create(KeyRangeCheckTest.class);
        database = test.open();
    }

    @AfterEach
    void close() {
        database.close();
        test.close();
    }

    @Test
    void every_kind_of_gap_on_both_sides_of_the_split_is_found() throws Exception {
        StagedSheet sheet = staged(40);
        storeAsStaged(sheet);
        test.execute("DELETE FROM sellers WHERE seller_number IN ('AA1001', 'AA1038')");
        test.execute("UPDATE sellers SET content_hash = 'edited' WHERE seller_number IN ('AA1005', 'AA1035')");
        test.execute("INSERT INTO sellers (seller_number, name, inquiry_date, raw) VALUES"
                + " ('AA0001', 'Before', '2024-01-01', '{}'), ('AA9999', 'After', '2024-01-01', '{}')");
        test.execute("DELETE FROM properties WHERE seller_id = (SELECT id FROM sellers WHERE seller_number = 'AA1003')");
        test.execute("INSERT INTO properties (seller_id) SELECT id FROM sellers WHERE seller_number = 'AA1034'");
        test.execute("UPDATE sellers SET name = ' ' WHERE seller_number = 'AA1020'");
        test.execute("ANALYZE sheet_stage");
        String split;
        try (Connection connection = database.dataSource().getConnection()) {
            split = KeyRangeCheck.splitKey(connection);
        }

        VerificationRepository.StoredState state = new VerificationRepository(database.dataSource())
                .compare(sheet.stageId(), 100);

        assertThat(split).isBetween("AA1002", "AA1037");
        assertThat(state.missing()).containsExactly("AA1001", "AA1038");
        assertThat(state.drifted()).containsExactly("AA1005", "AA1035");
        assertThat(state.orphans()).containsExactly("AA0001", "AA9999");
        assertThat(state.defects()).extracting(defect -> defect.sellerNumber() + " " + defect.kind())
                .containsExactly("AA1003 " + SellerDefect.Kind.MISSING_PROPERTY,
                        "AA1020 " + SellerDefect.Kind.MISSING_REQUIRED_FIELD,
                        "AA1034 " + SellerDefect.Kind.UNEXPECTED_PROPERTY);
        assertThat(state.count()).isEqualTo(40);
    }

    @Test
    void a_stage_without_statistics_to_split_at_is_checked_whole() throws Exception {
        StagedSheet sheet = staged(1);
        test.execute("ANALYZE sheet_stage");
        try (Connection connection = database.dataSource().getConnection()) {
            assertThat(KeyRangeCheck.splitKey(connection)).isNull();
        }

        VerificationRepository.StoredState state = new VerificationRepository(database.dataSource())
                .compare(sheet.stageId(), 100);

        assertThat(state.missing()).containsExactly("AA1000");
        assertThat(state.count()).isZero();
    }

    /** Sellers AA1000, AA1001, ...; every third has property data. */
    private StagedSheet staged(int sellers) throws Exception {
        List<SheetRow> rows = new ArrayList<>();
        for (int i = 0; i < sellers; i++) {
            rows.add(new SheetRow(i + 2, List.of("AA" + (1000 + i), "Seller " + i, "2024-01-01",
                    i % 3 == 0 ? "土地" : "")));
        }
        ParsedSheet parsed = new SellerParser(HeaderMapping.builtIn(), ZoneOffset.UTC)
                .parse(new SheetData(List.of("seller_number", "name", "inquiry_date", "property_type"), rows));
        return StagedSheets.of(database.dataSource(), parsed);
    }

    /** The database holding exactly the staged sellers, and a property record for each with property data. */
    private void storeAsStaged(StagedSheet sheet) {
        test.execute("INSERT INTO sellers (seller_number, name, inquiry_date, content_hash, raw)"
                + " SELECT seller_number, name, inquiry_date, content_hash, raw::jsonb FROM sheet_stage"
                + " WHERE stage_id = " + sheet.stageId());
        test.execute("INSERT INTO properties (seller_id, property_type) SELECT s.id, k.property_type"
                + " FROM sheet_stage k JOIN sellers s USING (seller_number) WHERE k.has_property AND k.stage_id = "
                + sheet.stageId());
    }
}
