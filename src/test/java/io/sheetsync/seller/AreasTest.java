package io.sheetsync.seller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AreasTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "100|100", "100.5|100.5", "0|0", "1,234|1234", "1,234.56|1234.56", "12,345,678|12345678",
        "100㎡|100", "100 ㎡|100", "100m2|100", "100m²|100", "100 M2|100", "１２３．４５|123.45", "１，０００㎡|1000",
        "' 98.20 '|98.20", "007|7"
    })
    void an_area_is_a_plain_number_with_optional_commas_and_unit(String cell, String expected) {
        assertThat(Areas.parse(cell)).isEqualByComparingTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"約100", "100坪", "-5", "+5", "1,23", "1234,5", "12,34,567", "1.2.3", ".5", "5.", "1e3",
        "100 m", "100m3", "m2", "百", "NaN", "100㎡ くらい", "1 000"})
    void anything_else_is_not_an_area(String cell) {
        assertThatThrownBy(() -> Areas.parse(cell))
                .isInstanceOf(InvalidCellException.class)
                .hasMessageStartingWith("is not an area");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"100.50|100.50", "1,000.0|1000.0"})
    void the_written_scale_is_kept(String cell, String expected) {
        assertThat(Areas.parse(cell)).isEqualTo(new BigDecimal(expected));
    }
}
