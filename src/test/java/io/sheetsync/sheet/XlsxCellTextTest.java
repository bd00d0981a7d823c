package io.sheetsync.sheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

class XlsxCellTextTest {

    private static final IntFunction<String> STRINGS = List.of("売主番号", "山田 太郎")::get;

    @Test
    void whole_numbers_are_written_without_decimals() {
        assertThat(XlsxCellText.of(null, "45292", STRINGS, 0)).isEqualTo("45292");
        assertThat(XlsxCellText.of("n", "45292.0", STRINGS, 0)).isEqualTo("45292");
    }

    @Test
    void fractions_keep_their_digits_but_no_trailing_zeros() {
        assertThat(XlsxCellText.of(null, "45292.5", STRINGS, 0)).isEqualTo("45292.5");
        assertThat(XlsxCellText.of(null, "120.25", STRINGS, 0)).isEqualTo("120.25");
        assertThat(XlsxCellText.of(null, "120.250", STRINGS, 0)).isEqualTo("120.25");
    }

    @Test
    void numbers_never_use_an_exponent() {
        assertThat(XlsxCellText.of(null, "1E+20", STRINGS, 0)).isEqualTo("100000000000000000000");
        assertThat(XlsxCellText.of(null, "1.5E-3", STRINGS, 0)).isEqualTo("0.0015");
        assertThat(XlsxCellText.number(9.012345678E9)).isEqualTo("9012345678");
    }

    @Test
    void number_text_reads_back_as_the_same_number() {
        java.util.Random random = new java.util.Random(45292);
        for (int i = 0; i < 10_000; i++) {
            double value = switch (i % 3) {
                case 0 -> random.nextInt(100_000) + random.nextInt(1000) / 1000.0; // areas and date-times
                case 1 -> Double.longBitsToDouble(random.nextLong()); // anything a double can hold
                default -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
            };
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            String text = XlsxCellText.number(value);
            assertThat(text).as("%s", value).doesNotContain("E", "e").matches("-?\\d+(\\.\\d*[1-9])?");
            assertThat(Double.parseDouble(text)).as(text).isEqualTo(value == 0 ? 0.0 : value);
        }
    }

    @Test
    void negative_zero_is_plain_zero() {
        assertThat(XlsxCellText.number(-0.0)).isEqualTo("0");
        assertThat(XlsxCellText.number(0.0)).isEqualTo("0");
    }

    @Test
    void date_cells_of_a_1904_workbook_are_shifted_to_the_sheets_day_count() {
        // 2024-01-01 is day 43830 counted from 1904-01-01 and day 45292 counted the Sheets way
        assertThat(XlsxCellText.of(null, "43830", STRINGS, XlsxCellText.DAYS_FROM_1900_TO_1904_SYSTEM)).isEqualTo("45292");
    }

    @Test
    void shared_strings_are_looked_up_by_index() {
        assertThat(XlsxCellText.of("s", "1", STRINGS, 0)).isEqualTo("山田 太郎");
    }

    @Test
    void inline_and_formula_strings_are_kept_as_they_are() {
        assertThat(XlsxCellText.of("inlineStr", " 東京都 港区 ", STRINGS, 0)).isEqualTo(" 東京都 港区 ");
        assertThat(XlsxCellText.of("str", "AA10001", STRINGS, 0)).isEqualTo("AA10001");
    }

    @Test
    void a_number_stored_as_text_stays_text() {
        assertThat(XlsxCellText.of("str", "0120.50", STRINGS, 0)).isEqualTo("0120.50");
    }

    @Test
    void booleans_are_upper_case_words() {
        assertThat(XlsxCellText.of("b", "1", STRINGS, 0)).isEqualTo("TRUE");
        assertThat(XlsxCellText.of("b", "0", STRINGS, 0)).isEqualTo("FALSE");
    }

    @Test
    void error_results_and_missing_values_are_empty() {
        assertThat(XlsxCellText.of("e", "#DIV/0!", STRINGS, 0)).isEmpty();
        assertThat(XlsxCellText.of(null, null, STRINGS, 0)).isEmpty();
        assertThat(XlsxCellText.of(null, "", STRINGS, 0)).isEmpty();
    }

    @Test
    void excel_escapes_of_control_characters_are_undone() {
        assertThat(XlsxCellText.unescape("line one_x000D_\nline two")).isEqualTo("line one\r\nline two");
    }

    @Test
    void an_escaped_underscore_protects_text_that_looks_like_an_escape() {
        assertThat(XlsxCellText.unescape("_x005F_x000D_")).isEqualTo("_x000D_");
        assertThat(XlsxCellText.unescape("no_escape_here")).isEqualTo("no_escape_here");
    }
}
