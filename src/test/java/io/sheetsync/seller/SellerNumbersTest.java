package io.sheetsync.seller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SellerNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AA12679|AA12679", "aa12679|AA12679", "Aa1|AA1", "'  AA12 '|AA12", "ＡＡ１２|AA12", "ａａ１２|AA12",
        "'\u3000AA12\u3000'|AA12", "AA0001|AA0001", "\ufeffAA7|AA7"
    })
    void a_seller_number_is_normalised_to_upper_case_ascii(String cell, String expected) {
        assertThat(SellerNumbers.parse(cell)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AA", "BB12", "A12", "12", "AA12a", "AA 12", "AA-12", "AA１２X", "AA١٢", "AA12.0",
        "'AA12'", "AA12; DROP TABLE sellers", "AA🙂12", "売主AA12"})
    void text_that_is_not_aa_followed_by_digits_is_rejected(String cell) {
        assertThatThrownBy(() -> SellerNumbers.parse(cell))
                .isInstanceOf(InvalidCellException.class)
                .hasMessage("is not a seller number (expected AA followed by digits, e.g. AA12679)");
    }

    @ParameterizedTest
    @ValueSource(ints = {48, 49, 50})
    void a_seller_number_fits_the_fifty_characters_of_its_column(int length) {
        String cell = "AA" + "1".repeat(length - 2);

        assertThat(SellerNumbers.parse(cell)).hasSize(length);
    }

    @ParameterizedTest
    @ValueSource(ints = {51, 100})
    void a_seller_number_longer_than_its_column_is_rejected(int length) {
        assertThatThrownBy(() -> SellerNumbers.parse("AA" + "1".repeat(length - 2)))
                .isInstanceOf(InvalidCellException.class)
                .hasMessageContaining("longer than the 50 characters");
    }
}
