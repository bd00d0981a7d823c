package io.sheetsync.seller;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** A field change in stored form: blanking marked, areas as plain numbers. */
class FieldChangeTest {

    @Test
    void a_value_that_becomes_empty_is_blanking_and_nothing_else_is() {
        assertThat(FieldChange.of("phone", "03-1", null).blanking()).isTrue();
        assertThat(FieldChange.of("raw.memo", "x", "").blanking()).isTrue();
        assertThat(FieldChange.of("phone", null, "03-1").blanking()).isFalse();
        assertThat(FieldChange.of("phone", "03-1", "03-2").blanking()).isFalse();
        assertThat(FieldChange.of("raw.memo", "", null).blanking()).as("empty to empty").isFalse();
    }

    @Test
    void areas_are_plain_numbers_without_trailing_zeros_or_exponent() {
        FieldChange change = FieldChange.of("land_area", new BigDecimal("120.50"), new BigDecimal("1E+2"));

        assertThat(change.from()).isEqualTo(new BigDecimal("120.5"));
        assertThat(change.to()).isEqualTo(new BigDecimal("100"));
        assertThat(change.to().toString()).isEqualTo("100");
    }
}
