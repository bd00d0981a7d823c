package io.sheetsync.seller;

import io.sheetsync.sheet.SheetFormatException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.sheet.SheetData;
import io.sheetsync.sheet.SheetRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SellerParserTest {

    private static final List<String> HEADER = List.of("seller_number", "name", "inquiry_date", "phone", "email",
            "address", "status", "property_address", "property_type", "land_area", "building_area", "updated_at");
    private static final List<String> SHORT_HEADER = List.of("売主番号", "氏名", "反響日", "更新日時");

    private final SellerParser parser = new SellerParser(HeaderMapping.builtIn(), ZoneId.of("Asia/Tokyo"));

    @Test
    void a_valid_row_becomes_a_seller_with_every_field() {
        ParsedSheet parsed = parse(HEADER, row(" ａａ１２ ", " 山田 太郎 ", "2024/5/1", "090-1234-5678", "yamada@example.jp",
                "東京都港区1-2-3", "査定中", "東京都渋谷区4-5-6", "戸建", "1,234.5㎡", "98.7", "2024-05-02 10:15"));

        assertThat(parsed.rejections()).isEmpty();
        assertThat(parsed.sellers()).singleElement().satisfies(seller -> {
            assertThat(seller.sellerNumber()).isEqualTo("AA12");
            assertThat(seller.name()).isEqualTo("山田 太郎");
            assertThat(seller.inquiryDate()).isEqualTo(LocalDate.of(2024, 5, 1));
            assertThat(seller.phone()).isEqualTo("090-1234-5678");
            assertThat(seller.email()).isEqualTo("yamada@example.jp");
            assertThat(seller.address()).isEqualTo("東京都港区1-2-3");
            assertThat(seller.status()).isEqualTo("査定中");
            assertThat(seller.property()).isEqualTo(new Property("東京都渋谷区4-5-6", "戸建", new BigDecimal("1234.5"),
                    new BigDecimal("98.7")));
            assertThat(seller.sourceRow()).isEqualTo(2);
            assertThat(seller.sourceUpdatedAt()).isEqualTo(OffsetDateTime.parse("2024-05-02T10:15+09:00"));
        });
        assertThat(parsed.validRowCount()).isEqualTo(1);
        assertThat(parsed.blankRows()).isZero();
    }

    @Test
    void blank_optional_cells_become_null() {
        ParsedSheet parsed = parse(HEADER, row("AA1", "山田", "2024-05-01", " ", "", "\u3000", "", "", "", "", "", ""));

        Seller seller = parsed.sellers().get(0);
        assertThat(seller.phone()).isNull();
        assertThat(seller.email()).isNull();
        assertThat(seller.address()).isNull();
        assertThat(seller.status()).isNull();
        assertThat(seller.property()).isNull();
        assertThat(seller.sourceUpdatedAt()).isNull();
    }

    @Test
    void blank_rows_in_the_middle_are_ignored() {
        ParsedSheet parsed = parse(SHORT_HEADER,
                row("AA1", "山田", "2024-05-01"), row("", " ", ""), row(), row("AA2", "佐藤", "2024-05-02"));

        assertThat(parsed.sellers()).extracting(Seller::sellerNumber, Seller::sourceRow)
                .containsExactly(tuple("AA1", 2), tuple("AA2", 5));
        assertThat(parsed.blankRows()).isEqualTo(2);
        assertThat(parsed.rejections()).isEmpty();
    }

    @Test
    void blank_rows_at_the_start_do_not_stop_parsing() {
        ParsedSheet parsed = parse(SHORT_HEADER, row(), row("\u3000", ""), row("AA1", "山田", "2024-05-01"), row(),
                row("AA2", "佐藤", "2024-05-02"), row("", "", "", ""));

        assertThat(parsed.sellers()).extracting(Seller::sellerNumber).containsExactly("AA1", "AA2");
        assertThat(parsed.blankRows()).isEqualTo(4);
        assertThat(parsed.validRowCount()).isEqualTo(2);
    }

    @Test
    void a_short_row_is_padded_with_empty_cells() {
        ParsedSheet parsed = parse(HEADER, row("AA1", "山田", "2024-05-01"));

        Seller seller = parsed.sellers().get(0);
        assertThat(seller.phone()).isNull();
        assertThat(seller.property()).isNull();
        assertThat(seller.raw()).hasSize(HEADER.size()).containsEntry("seller_number", "AA1")
                .containsEntry("updated_at", "").containsEntry("land_area", "");
    }

    @Test
    void raw_keeps_every_cell_by_header_mapped_or_not() {
        ParsedSheet parsed = parse(List.of("Seller Number", "メモ", "氏名", "", "反響日", "メモ"),
                row(" aa1 ", "電話済み", "山田", "x", "2024-05-01", "再訪"));

        assertThat(parsed.sellers().get(0).raw()).containsExactly(entry("Seller Number", " aa1 "),
                entry("メモ", "電話済み"), entry("氏名", "山田"), entry("column D", "x"), entry("反響日", "2024-05-01"),
                entry("メモ (column F)", "再訪"));
    }

    @Test
    void a_property_exists_when_any_property_cell_is_filled() {
        List<String> header = List.of("seller_number", "name", "inquiry_date", "property_address", "property_type",
                "land_area", "building_area");
        ParsedSheet parsed = parse(header,
                row("AA1", "a", "2024-05-01", "渋谷区"),
                row("AA2", "b", "2024-05-01", "", "マンション"),
                row("AA3", "c", "2024-05-01", "", "", "100"),
                row("AA4", "d", "2024-05-01", "", "", "", "80m2"),
                row("AA5", "e", "2024-05-01", " ", "\u3000", "", ""));

        assertThat(parsed.sellers()).extracting(Seller::property).containsExactly(
                new Property("渋谷区", null, null, null),
                new Property(null, "マンション", null, null),
                new Property(null, null, new BigDecimal("100"), null),
                new Property(null, null, null, new BigDecimal("80")),
                null);
    }

    @Test
    void an_invalid_row_is_skipped_and_reported_with_its_row_number() {
        ParsedSheet parsed = parse(SHORT_HEADER, row("AA1", "山田", "2024-05-01"), row("AA2", "", "2024-05-01"),
                row("AA3", "佐藤", "2024-05-03"));

        assertThat(parsed.sellers()).extracting(Seller::sellerNumber).containsExactly("AA1", "AA3");
        assertThat(parsed.validRowCount()).isEqualTo(2);
        assertThat(parsed.invalidRows()).singleElement().satisfies(rejection -> {
            assertThat(rejection.rowNumber()).isEqualTo(3);
            assertThat(rejection.sellerNumber()).isEqualTo("AA2");
            assertThat(rejection.field()).isEqualTo("name");
            assertThat(rejection.reason()).isEqualTo("name is missing");
            assertThat(rejection.message()).isEqualTo("row 3: name is missing");
            assertThat(rejection.kind()).isEqualTo(RowRejection.Kind.INVALID);
        });
    }

    @Test
    void an_unreadable_date_is_reported_with_the_cell_and_the_accepted_formats() {
        ParsedSheet parsed = parse(SHORT_HEADER, row("AA7", "山田", "2024-13-45"));

        RowRejection rejection = parsed.invalidRows().get(0);
        assertThat(rejection.field()).isEqualTo("inquiry_date");
        assertThat(rejection.message()).startsWith("row 2: inquiry_date '2024-13-45' is not a date (expected yyyy-MM-dd,"
                + " yyyy/M/d, yyyy年M月d日 or a serial number)");
    }

    @Test
    void a_bad_seller_number_is_reported_with_the_text_of_its_cell() {
        ParsedSheet parsed = parse(SHORT_HEADER, row("  BB12 ", "山田", "2024-05-01"));

        RowRejection rejection = parsed.invalidRows().get(0);
        assertThat(rejection.sellerNumber()).isEqualTo("BB12");
        assertThat(rejection.field()).isEqualTo("seller_number");
        assertThat(rejection.reason()).isEqualTo("seller_number 'BB12' is not a seller number (expected AA followed by"
                + " digits, e.g. AA12679)");
    }

    @Test
    void a_missing_seller_number_is_reported_with_an_empty_one() {
        ParsedSheet parsed = parse(SHORT_HEADER, row("", "山田", "2024-05-01"));

        assertThat(parsed.invalidRows()).singleElement().satisfies(rejection -> {
            assertThat(rejection.sellerNumber()).isEmpty();
            assertThat(rejection.reason()).isEqualTo("seller_number is missing");
        });
    }

    @Test
    void a_rejected_seller_number_is_cut_to_the_width_of_the_error_log_column() {
        ParsedSheet parsed = parse(SHORT_HEADER, row("x".repeat(500), "山田", "2024-05-01"));

        RowRejection rejection = parsed.invalidRows().get(0);
        assertThat(rejection.sellerNumber()).hasSize(50);
        assertThat(rejection.reason()).contains("'" + "x".repeat(80) + "…'").hasSizeLessThan(250);
    }

    @Test
    void a_cut_seller_number_never_splits_an_emoji() {
        ParsedSheet parsed = parse(SHORT_HEADER, row("x".repeat(49) + "🙂🙂", "山田", "2024-05-01"));

        assertThat(parsed.invalidRows().get(0).sellerNumber()).isEqualTo("x".repeat(49));
    }

    @Test
    void a_row_with_several_problems_names_the_first_field_and_lists_every_problem() {
        ParsedSheet parsed = parse(HEADER, row("ａａ９", "", "yesterday", "", "", "", "", "", "", "約100", "", "soon"));

        RowRejection rejection = parsed.invalidRows().get(0);
        assertThat(rejection.sellerNumber()).isEqualTo("AA9");
        assertThat(rejection.field()).isEqualTo("name");
        assertThat(rejection.reason()).startsWith("name is missing; inquiry_date 'yesterday' is not a date")
                .contains("; land_area '約100' is not an area").contains("; updated_at 'soon' is not a timestamp");
    }

    @Test
    void bad_areas_and_timestamps_make_a_row_invalid() {
        ParsedSheet parsed = parse(HEADER,
                row("AA1", "a", "2024-05-01", "", "", "", "", "", "", "100坪"),
                row("AA2", "b", "2024-05-01", "", "", "", "", "", "", "", "1,2", ""),
                row("AA3", "c", "2024-05-01", "", "", "", "", "", "", "", "", "2024-05-01 25:00"));

        assertThat(parsed.sellers()).isEmpty();
        assertThat(parsed.invalidRows()).extracting(RowRejection::rowNumber, RowRejection::field).containsExactly(
                tuple(2, "land_area"),
                tuple(3, "building_area"),
                tuple(4, "updated_at"));
    }

    @Test
    void a_cell_with_line_breaks_is_quoted_on_one_line() {
        ParsedSheet parsed = parse(SHORT_HEADER, row("AA1", "山田", "2024\n05-01"));

        assertThat(parsed.invalidRows().get(0).reason()).startsWith("inquiry_date '2024\\n05-01' is not a date")
                .doesNotContain("\n");
    }

    @Test
    void a_row_filled_only_outside_the_mapped_columns_is_invalid_not_blank() {
        ParsedSheet parsed = parse(List.of("seller_number", "name", "inquiry_date", "memo"), row("", "", "", "メモだけ"));

        assertThat(parsed.blankRows()).isZero();
        assertThat(parsed.invalidRows()).singleElement().extracting(RowRejection::reason)
                .isEqualTo("seller_number is missing; name is missing; inquiry_date is missing");
    }

    @Test
    void the_later_updated_at_wins_a_duplicate_seller_number() {
        ParsedSheet parsed = parse(SHORT_HEADER,
                row("AA1", "新しい", "2024-05-01", "2024-05-03 09:00"),
                row("AA2", "他", "2024-05-01"),
                row("aa1", "古い", "2024-05-01", "2024-05-02 09:00"));

        assertThat(parsed.sellers()).extracting(Seller::name).containsExactly("新しい", "他");
        assertThat(parsed.duplicates()).singleElement().satisfies(rejection -> {
            assertThat(rejection.rowNumber()).isEqualTo(4);
            assertThat(rejection.sellerNumber()).isEqualTo("AA1");
            assertThat(rejection.field()).isEqualTo("seller_number");
            assertThat(rejection.kind()).isEqualTo(RowRejection.Kind.DUPLICATE_KEY);
            assertThat(rejection.message()).startsWith("row 4: duplicate seller number AA1: row 2 wins because its"
                    + " updated_at");
        });
        assertThat(parsed.validRowCount()).isEqualTo(3);
    }

    @Test
    void a_later_updated_at_lower_in_the_sheet_wins_too() {
        ParsedSheet parsed = parse(SHORT_HEADER,
                row("AA1", "古い", "2024-05-01", "45400"),
                row("AA1", "新しい", "2024-05-01", "45400.5"));

        assertThat(parsed.sellers()).singleElement().extracting(Seller::name).isEqualTo("新しい");
        assertThat(parsed.duplicates()).singleElement().extracting(RowRejection::rowNumber).isEqualTo(2);
    }

    @Test
    void a_row_with_updated_at_beats_one_without_wherever_it_stands() {
        ParsedSheet upper = parse(SHORT_HEADER, row("AA1", "日時あり", "2024-05-01", "2024-01-01"),
                row("AA1", "日時なし", "2024-05-01", ""));
        ParsedSheet lower = parse(SHORT_HEADER, row("AA1", "日時なし", "2024-05-01", ""),
                row("AA1", "日時あり", "2024-05-01", "2024-01-01"));

        assertThat(upper.sellers()).singleElement().extracting(Seller::name).isEqualTo("日時あり");
        assertThat(lower.sellers()).singleElement().extracting(Seller::name).isEqualTo("日時あり");
        assertThat(upper.duplicates().get(0).reason()).isEqualTo(
                "duplicate seller number AA1: row 2 wins because it has an updated_at and this row has none");
    }

    @Test
    void on_equal_updated_at_the_lower_row_wins() {
        ParsedSheet parsed = parse(SHORT_HEADER,
                row("AA1", "上", "2024-05-01", "2024-05-01T10:00:00+09:00"),
                row("AA1", "下", "2024-05-01", "2024-05-01T01:00:00Z"));

        assertThat(parsed.sellers()).singleElement().extracting(Seller::name, Seller::sourceRow)
                .containsExactly("下", 3);
        assertThat(parsed.duplicates().get(0).reason()).isEqualTo("duplicate seller number AA1: row 3 wins because it"
                + " is lower in the sheet and both have the updated_at 2024-05-01T10:00+09:00");
    }

    @Test
    void without_updated_at_the_lower_row_wins() {
        ParsedSheet parsed = parse(SHORT_HEADER, row("AA1", "上", "2024-05-01"), row("AA1", "下", "2024-05-01"));

        assertThat(parsed.sellers()).singleElement().extracting(Seller::name).isEqualTo("下");
        assertThat(parsed.duplicates()).singleElement().satisfies(rejection -> {
            assertThat(rejection.rowNumber()).isEqualTo(2);
            assertThat(rejection.reason()).isEqualTo("duplicate seller number AA1: row 3 wins because it is lower in"
                    + " the sheet and neither row has an updated_at");
        });
    }

    @Test
    void every_loser_of_a_duplicate_names_the_final_winner() {
        ParsedSheet parsed = parse(SHORT_HEADER,
                row("AA1", "二番", "2024-05-01", "2024-05-05"),
                row("AA1", "三番", "2024-05-01", "2024-05-01"),
                row("AA1", "一番", "2024-05-01", "2024-05-09"),
                row("AA1", "四番", "2024-05-01", ""));

        assertThat(parsed.sellers()).singleElement().extracting(Seller::sourceRow).isEqualTo(4);
        assertThat(parsed.duplicates()).extracting(RowRejection::rowNumber).containsExactly(2, 3, 5);
        assertThat(parsed.duplicates()).allSatisfy(r -> assertThat(r.reason()).contains(": row 4 wins"));
        assertThat(parsed.validRowCount()).isEqualTo(4);
    }

    @Test
    void winners_keep_sheet_order_and_rejections_are_in_row_order() {
        ParsedSheet parsed = parse(SHORT_HEADER,
                row("AA3", "c", "2024-05-01"),
                row("AA1", "a", "2024-05-01", "2024-06-01"),
                row("AA2", "", "2024-05-01"),
                row("AA1", "a2", "2024-05-01", "2024-05-01"),
                row("AA2", "b", "2024-05-01"));

        assertThat(parsed.sellers()).extracting(Seller::sellerNumber).containsExactly("AA3", "AA1", "AA2");
        assertThat(parsed.rejections()).extracting(RowRejection::rowNumber, RowRejection::kind).containsExactly(
                tuple(4, RowRejection.Kind.INVALID),
                tuple(5, RowRejection.Kind.DUPLICATE_KEY));
    }

    @Test
    void an_invalid_row_does_not_take_part_in_duplicate_resolution() {
        ParsedSheet parsed = parse(SHORT_HEADER,
                row("AA1", "有効", "2024-05-01", "2024-05-01"),
                row("AA1", "無効", "2024-02-30", "2024-06-01"));

        assertThat(parsed.sellers()).singleElement().extracting(Seller::name).isEqualTo("有効");
        assertThat(parsed.duplicates()).isEmpty();
        assertThat(parsed.invalidRows()).singleElement().extracting(RowRejection::rowNumber).isEqualTo(3);
    }

    @Test
    void full_width_headers_and_cells_are_read() {
        ParsedSheet parsed = parse(List.of("ＳＥＬＬＥＲ　ＮＵＭＢＥＲ", "ＮＡＭＥ", "Ｉｎｑｕｉｒｙ Ｄａｔｅ", "ＬＡＮＤ＿ＡＲＥＡ"),
                row("ＡＡ１２３", "山田", "２０２４年５月１日", "１，２００．５㎡"));

        Seller seller = parsed.sellers().get(0);
        assertThat(seller.sellerNumber()).isEqualTo("AA123");
        assertThat(seller.inquiryDate()).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(seller.property().landArea()).isEqualByComparingTo("1200.5");
    }

    @Test
    void a_sheet_with_an_unusable_header_fails_as_a_whole() {
        assertThatThrownBy(() -> parse(List.of(), row("AA1", "山田", "2024-05-01")))
                .isInstanceOf(SheetFormatException.class)
                .hasMessage("the sheet has no header row");
        assertThatThrownBy(() -> parse(List.of("seller_number", "name"), row("AA1", "山田")))
                .isInstanceOf(SheetFormatException.class)
                .hasMessageContaining("inquiry_date");
    }

    @Test
    void a_header_without_rows_parses_to_nothing() {
        ParsedSheet parsed = parse(SHORT_HEADER);

        assertThat(parsed.sellers()).isEmpty();
        assertThat(parsed.rejections()).isEmpty();
        assertThat(parsed.validRowCount()).isZero();
    }

    @Test
    void a_hundred_thousand_rows_parse_into_a_hundred_thousand_sellers() {
        List<SheetRow> rows = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            rows.add(new SheetRow(i + 2, List.of("AA" + i, "売主" + i, "2024/5/" + (1 + i % 28), "090-0000-0000",
                    "s" + i + "@example.jp", "東京都", "査定中", "渋谷区", "戸建", "1,234.5㎡", "98", "45292.5")));
        }
        rows.add(new SheetRow(100_002, List.of("AA0", "重複", "2024/5/1")));

        ParsedSheet parsed = parser.parse(new SheetData(HEADER, rows));

        assertThat(parsed.sellers()).hasSize(100_000);
        assertThat(parsed.validRowCount()).isEqualTo(100_001);
        assertThat(parsed.duplicates()).singleElement().extracting(RowRejection::rowNumber).isEqualTo(100_002);
    }

    private ParsedSheet parse(List<String> header, List<String>... rows) {
        List<SheetRow> sheetRows = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            sheetRows.add(new SheetRow(i + 2, rows[i]));
        }
        return parser.parse(new SheetData(header, sheetRows));
    }

    private static List<String> row(String... cells) {
        return Arrays.asList(cells);
    }
}
