package io.sheetsync.support;

import io.sheetsync.seller.ParsedSheet;
import io.sheetsync.seller.RowRejection;
import io.sheetsync.seller.Seller;
import io.sheetsync.seller.SellerParser;
import io.sheetsync.sheet.HeaderMapping;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/**
 * The generators every property test builds on: their oracle agrees with the contract's rules as the parser applies
 * them, and they produce the messy cases they promise (so a property cannot pass on tidy data alone).
 */
class MessySheetsTest {

    private final SellerParser parser = new SellerParser(HeaderMapping.builtIn(), MessySheets.SHEET_ZONE);

    @Test
    void the_oracle_of_a_generated_sheet_is_what_the_parser_reads() {
        qt().withExamples(300).forAll(MessySheets.sheets(0, 20)).checkAssert(sheet -> {
            ParsedSheet parsed = parser.parse(sheet.data());

            Map<String, IntendedSeller> expected = sheet.expectedSellers();
            Map<String, Seller> actual = new TreeMap<>();
            parsed.sellers().forEach(seller -> actual.put(seller.sellerNumber(), seller));
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            expected.forEach((key, intended) -> intended.assertParsedAs(actual.get(key)));
            assertThat(rows(parsed.invalidRows())).isEqualTo(sheet.invalidRows());
            assertThat(rows(parsed.duplicates())).isEqualTo(sheet.duplicateRows());
            assertThat(sellerRows(parsed)).isEqualTo(sheet.winningRows());
        });
    }

    @Test
    void edits_keep_rename_remove_and_add_sellers() {
        qt().withExamples(200).forAll(MessySheets.edits(1, 12)).checkAssert(edit -> {
            Map<String, Seller> before = bySeller(parser.parse(edit.before().data()));
            Map<String, Seller> after = bySeller(parser.parse(edit.after().data()));
            edit.expectedOperations().forEach((key, operation) -> {
                assertThat(after).containsKey(key);
                switch (operation) {
                    case "create" -> assertThat(before).doesNotContainKey(key);
                    case "update" -> assertThat(after.get(key).name()).isNotEqualTo(before.get(key).name());
                    default -> assertThat(after.get(key).contentHash()).isEqualTo(before.get(key).contentHash());
                }
            });
            edit.removed().forEach(key -> assertThat(after).doesNotContainKey(key));
        });
    }

    @Test
    void sheets_hold_every_kind_of_mess() {
        Set<String> seen = new HashSet<>();
        // A fixed seed: this checks the generator's reach, which must not depend on luck.
        qt().withFixedSeed(20261129L).withExamples(400).forAll(MessySheets.sheets(0, 20)).checkAssert(sheet -> {
            seen.addAll(sheet.header());
            sheet.rows().forEach(row -> {
                seen.add(row.kind().name());
                if (row.defect() != null) {
                    seen.add("defect " + row.defect());
                }
                row.cells().forEach(cell -> {
                    if (cell.startsWith("ＡＡ") || cell.startsWith("Aa")) {
                        seen.add("full-width key");
                    }
                    if (cell.startsWith("aa")) {
                        seen.add("lower-case key");
                    }
                    if (cell.contains("年")) {
                        seen.add("japanese date");
                    }
                    if (cell.matches("\\d{5}")) {
                        seen.add("serial date");
                    }
                });
            });
            if (!sheet.duplicateRows().isEmpty()) {
                seen.add("duplicates");
            }
            if (sheet.header().size() > sheet.fields().stream().filter(field -> field != null).count()) {
                seen.add("unmapped column");
            }
        });
        MessySheets.ALIASES.values().forEach(aliases -> aliases.forEach(alias -> assertThat(seen).as(alias)
                .anyMatch(header -> header.strip().equalsIgnoreCase(alias.strip()) || header.contains(alias))));
        assertThat(seen).contains("VALID", "INVALID", "BLANK", "duplicates", "unmapped column", "full-width key",
                "lower-case key", "japanese date", "serial date", "defect seller_number", "defect name",
                "defect inquiry_date", "defect land_area", "defect updated_at");
    }


    private static Set<Integer> rows(List<RowRejection> rejections) {
        Set<Integer> rows = new TreeSet<>();
        rejections.forEach(rejection -> rows.add(rejection.rowNumber()));
        return rows;
    }

    private static Map<String, Integer> sellerRows(ParsedSheet parsed) {
        Map<String, Integer> rows = new TreeMap<>();
        parsed.sellers().forEach(seller -> rows.put(seller.sellerNumber(), seller.sourceRow()));
        return rows;
    }

    private static Map<String, Seller> bySeller(ParsedSheet parsed) {
        Map<String, Seller> sellers = new TreeMap<>();
        parsed.sellers().forEach(seller -> sellers.put(seller.sellerNumber(), seller));
        return sellers;
    }
}
