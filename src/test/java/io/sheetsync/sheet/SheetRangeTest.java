package io.sheetsync.sheet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SheetRangeTest {

    @Test
    void a_plain_name_is_the_whole_sheet() {
        assertThat(SheetRange.parse("Sellers")).isEqualTo(new SheetRange("Sellers", 1, 1, 0, 0));
    }

    @Test
    void a_name_with_spaces_and_japanese_is_the_whole_sheet() {
        assertThat(SheetRange.parse("売主 一覧")).isEqualTo(SheetRange.wholeSheet("売主 一覧"));
        assertThat(SheetRange.parse("Sheet with spaces")).isEqualTo(SheetRange.wholeSheet("Sheet with spaces"));
    }

    @Test
    void a_sheet_with_an_open_ended_range_runs_to_the_last_row() {
        assertThat(SheetRange.parse("Sellers!A1:L")).isEqualTo(new SheetRange("Sellers", 1, 1, 12, 0));
    }

    @Test
    void a_quoted_title_with_a_closed_range_is_read_as_written() {
        assertThat(SheetRange.parse("'売主 一覧'!B2:H500")).isEqualTo(new SheetRange("売主 一覧", 2, 2, 8, 500));
    }

    @Test
    void doubled_quotes_in_a_quoted_title_are_one_quote() {
        assertThat(SheetRange.parse("'It''s mine'!A1:C")).isEqualTo(new SheetRange("It's mine", 1, 1, 3, 0));
        assertThat(SheetRange.parse("'It''s mine'")).isEqualTo(SheetRange.wholeSheet("It's mine"));
    }

    @Test
    void a_range_without_a_sheet_is_on_the_first_sheet() {
        assertThat(SheetRange.parse("A1:F")).isEqualTo(new SheetRange(null, 1, 1, 6, 0));
        assertThat(SheetRange.parse("B3:D10")).isEqualTo(new SheetRange(null, 2, 3, 4, 10));
    }

    @Test
    void whole_columns_start_at_row_one_and_whole_rows_span_every_column() {
        assertThat(SheetRange.parse("Sellers!A:F")).isEqualTo(new SheetRange("Sellers", 1, 1, 6, 0));
        assertThat(SheetRange.parse("Sellers!2:500")).isEqualTo(new SheetRange("Sellers", 1, 2, 0, 500));
    }

    @Test
    void lower_case_column_letters_are_accepted() {
        assertThat(SheetRange.parse("Sellers!a1:l")).isEqualTo(new SheetRange("Sellers", 1, 1, 12, 0));
    }

    @Test
    void a_quoted_title_that_looks_like_a_cell_is_a_sheet_name() {
        assertThat(SheetRange.parse("'Q1'")).isEqualTo(SheetRange.wholeSheet("Q1"));
    }

    @Test
    void an_exclamation_mark_without_a_range_after_it_belongs_to_the_title() {
        assertThat(SheetRange.parse("Hello!")).isEqualTo(SheetRange.wholeSheet("Hello!"));
    }

    @Test
    void malformed_ranges_are_refused_with_a_reason() {
        assertThatThrownBy(() -> SheetRange.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SheetRange.parse("'Sellers!A1:B")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> SheetRange.parse("'Sellers'A1")).hasMessageContaining("expected !");
        assertThatThrownBy(() -> SheetRange.parse("'Sellers'!A1:B:C")).hasMessageContaining("not a valid A1 range");
        assertThatThrownBy(() -> SheetRange.parse("Sellers!C5:A1")).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> SheetRange.parse("Sellers!A0:B")).hasMessageContaining("rows start at 1");
    }

    @Test
    void column_letters_and_numbers_convert_both_ways() {
        assertThat(SheetRange.columnNumber("A")).isEqualTo(1);
        assertThat(SheetRange.columnNumber("Z")).isEqualTo(26);
        assertThat(SheetRange.columnNumber("AA")).isEqualTo(27);
        assertThat(SheetRange.columnNumber("ZZZ")).isEqualTo(SheetRange.MAX_COLUMNS);
        for (int column = 1; column <= SheetRange.MAX_COLUMNS; column++) {
            assertThat(SheetRange.columnNumber(SheetRange.columnLetters(column))).isEqualTo(column);
        }
    }

    @Test
    void titles_are_quoted_only_when_needed() {
        assertThat(SheetRange.quoteTitle("Sellers")).isEqualTo("Sellers");
        assertThat(SheetRange.quoteTitle("売主")).isEqualTo("売主");
        assertThat(SheetRange.quoteTitle("売主 一覧")).isEqualTo("'売主 一覧'");
        assertThat(SheetRange.quoteTitle("It's")).isEqualTo("'It''s'");
        assertThat(SheetRange.quoteTitle("A1")).isEqualTo("'A1'");
        assertThat(SheetRange.quoteTitle("R1C1")).isEqualTo("'R1C1'");
        assertThat(SheetRange.quoteTitle("2024")).isEqualTo("'2024'");
        assertThat(SheetRange.quoteTitle("a-b")).isEqualTo("'a-b'");
    }

    @Test
    void a1_ranges_quote_the_title_and_name_both_corners() {
        assertThat(SheetRange.a1("売主 一覧", 2, 2, 8, 500)).isEqualTo("'売主 一覧'!B2:H500");
        assertThat(SheetRange.a1("Sellers", 1, 1, 28, 1000)).isEqualTo("Sellers!A1:AB1000");
    }
}
