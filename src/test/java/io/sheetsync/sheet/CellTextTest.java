package io.sheetsync.sheet;

import com.google.api.client.util.Data;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CellTextTest {

    @Test
    void whole_numbers_have_no_decimal_point_or_exponent() {
        assertThat(CellText.of(new BigDecimal("45292"))).isEqualTo("45292");
        assertThat(CellText.of(new BigDecimal("45292.000"))).isEqualTo("45292");
        assertThat(CellText.of(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(CellText.of(45292.0)).isEqualTo("45292");
        assertThat(CellText.of(45292)).isEqualTo("45292");
        assertThat(CellText.of(12345678901L)).isEqualTo("12345678901");
        assertThat(CellText.of(new BigInteger("123456789012345678901234567890")))
                .isEqualTo("123456789012345678901234567890");
    }

    @Test
    void fractions_keep_their_digits_without_trailing_zeros() {
        assertThat(CellText.of(new BigDecimal("45292.50"))).isEqualTo("45292.5");
        assertThat(CellText.of(new BigDecimal("0.1"))).isEqualTo("0.1");
        assertThat(CellText.of(0.1)).isEqualTo("0.1");
        assertThat(CellText.of(0.1f)).isEqualTo("0.1");
        assertThat(CellText.of(new BigDecimal("1E-7"))).isEqualTo("0.0000001");
        assertThat(CellText.of(-12.25)).isEqualTo("-12.25");
    }

    @Test
    void zero_is_zero_whatever_its_scale_or_sign() {
        assertThat(CellText.of(new BigDecimal("0.000"))).isEqualTo("0");
        assertThat(CellText.of(-0.0)).isEqualTo("0");
        assertThat(CellText.of(0)).isEqualTo("0");
    }

    @Test
    void booleans_are_upper_case_as_sheets_shows_them() {
        assertThat(CellText.of(true)).isEqualTo("TRUE");
        assertThat(CellText.of(false)).isEqualTo("FALSE");
    }

    @Test
    void strings_are_kept_exactly() {
        assertThat(CellText.of("  AA0001 ")).isEqualTo("  AA0001 ");
        assertThat(CellText.of("2024/01/01")).isEqualTo("2024/01/01");
        assertThat(CellText.of("")).isEqualTo("");
    }

    @Test
    void null_and_the_json_parsers_null_marker_are_empty() {
        assertThat(CellText.of(null)).isEqualTo("");
        assertThat(CellText.of(Data.nullOf(Object.class))).isEqualTo("");
    }

    @Test
    void a_row_converts_every_cell_and_a_missing_row_has_no_cells() {
        assertThat(CellText.row(Arrays.asList("AA1", new BigDecimal("45292"), null, true)))
                .containsExactly("AA1", "45292", "", "TRUE");
        assertThat(CellText.row(null)).isEmpty();
    }
}
