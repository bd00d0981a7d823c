package io.sheetsync.seller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SheetDatesTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-05-01|2024-05-01", "2024-5-1|2024-05-01", "2024/5/1|2024-05-01", "2024/05/01|2024-05-01",
        "2024年5月1日|2024-05-01", "2024年05月01日|2024-05-01", "２０２４年５月１日|2024-05-01",
        "２０２４－０５－０１|2024-05-01", "２０２４／５／１|2024-05-01", "' 2024-05-01 '|2024-05-01",
        "2024-02-29|2024-02-29", "45292|2024-01-01", "45292.0|2024-01-01", "45292.75|2024-01-01",
        "４５２９２|2024-01-01", "1|1899-12-31", "2958465|9999-12-31"
    })
    void a_date_is_read_in_every_accepted_format(String cell, LocalDate expected) {
        assertThat(SheetDates.parseDate(cell)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-13-45", "2024/13/1", "2024年13月1日", "0000-01-01"})
    void a_date_with_an_impossible_month_or_year_is_rejected(String cell) {
        assertThatThrownBy(() -> SheetDates.parseDate(cell))
                .isInstanceOf(InvalidCellException.class)
                .hasMessageStartingWith(
                        "is not a date (expected yyyy-MM-dd, yyyy/M/d, yyyy年M月d日 or a serial number): there is no");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30", "2023-02-29", "2024/4/31", "2024年6月31日", "2024-01-00"})
    void a_day_the_calendar_does_not_have_is_rejected(String cell) {
        assertThatThrownBy(() -> SheetDates.parseDate(cell))
                .isInstanceOf(InvalidCellException.class)
                .hasMessageContaining("has no day");
    }

    @Test
    void the_reason_for_an_impossible_date_says_what_is_wrong() {
        assertThatThrownBy(() -> SheetDates.parseDate("2024-02-30"))
                .hasMessageEndingWith(": 2024-02 has no day 30");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.5", "00", "2958466", "20240501", "999999999", "１２３４５６７８９０",
        "123456789012345678901234567890"})
    void a_serial_number_out_of_range_is_rejected(String cell) {
        assertThatThrownBy(() -> SheetDates.parseDate(cell))
                .isInstanceOf(InvalidCellException.class)
                .hasMessageEndingWith("serial number out of range (1 to 2958465)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2024.05.01", "05/01/2024", "1/5/2024", "24-05-01", "2024-05", "2024-05-01x",
        "2024-05/01", "-45292", "45292.", "1e5", "令和6年5月1日", "2024-05-01 10:15", "2024-05-01T10:15:30",
        "10000-01-01"})
    void text_in_no_accepted_format_is_not_a_date(String cell) {
        assertThatThrownBy(() -> SheetDates.parseDate(cell))
                .isInstanceOf(InvalidCellException.class)
                .hasMessage("is not a date (expected yyyy-MM-dd, yyyy/M/d, yyyy年M月d日 or a serial number)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-05-01|2024-05-01T00:00+09:00", "2024/5/1|2024-05-01T00:00+09:00", "2024年5月1日|2024-05-01T00:00+09:00",
        "2024-05-01 10:15|2024-05-01T10:15+09:00", "2024-05-01 10:15:30|2024-05-01T10:15:30+09:00",
        "2024/5/1 9:05|2024-05-01T09:05+09:00", "2024/5/1 9:05:07|2024-05-01T09:05:07+09:00",
        "２０２４／５／１　９：０５|2024-05-01T09:05+09:00", "2024年5月1日 9:05|2024-05-01T09:05+09:00",
        "2024-05-01T10:15:30|2024-05-01T10:15:30+09:00", "2024-05-01T10:15|2024-05-01T10:15+09:00",
        "2024-05-01T10:15:30.250|2024-05-01T10:15:30.250+09:00", "2024-05-01T01:15:30Z|2024-05-01T10:15:30+09:00",
        "2024-05-01t01:15:30z|2024-05-01T10:15:30+09:00", "2024-05-01T10:15:30+09:00|2024-05-01T10:15:30+09:00",
        "2024-05-01T03:15:30+02:00|2024-05-01T10:15:30+09:00", "2024-04-30T20:15:30-0400|2024-05-01T09:15:30+09:00",
        "45292|2024-01-01T00:00+09:00", "45292.75|2024-01-01T18:00+09:00", "45292.5|2024-01-01T12:00+09:00",
        "45292.604166666664|2024-01-01T14:30+09:00", "45292.0000115740740|2024-01-01T00:00:01+09:00"
    })
    void a_timestamp_is_read_in_every_accepted_format(String cell, String expected) {
        OffsetDateTime parsed = SheetDates.parseTimestamp(cell, TOKYO);

        assertThat(parsed).isEqualTo(OffsetDateTime.parse(expected));
    }

    @Test
    void a_timestamp_without_an_offset_is_read_in_the_given_zone() {
        ZoneId newYork = ZoneId.of("America/New_York");

        assertThat(SheetDates.parseTimestamp("2024-07-01 10:00", newYork))
                .isEqualTo(OffsetDateTime.parse("2024-07-01T10:00-04:00"));
        assertThat(SheetDates.parseTimestamp("2024-01-01 10:00", newYork))
                .isEqualTo(OffsetDateTime.parse("2024-01-01T10:00-05:00"));
        assertThat(SheetDates.parseTimestamp("45292.5", newYork))
                .isEqualTo(OffsetDateTime.parse("2024-01-01T12:00-05:00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01 24:00", "2024-05-01 10:60", "2024-05-01T10:15:61", "2024-02-30 10:00",
        "2024-05-01T10:15:30+19:00", "0"})
    void an_impossible_timestamp_is_rejected_with_the_reason(String cell) {
        assertThatThrownBy(() -> SheetDates.parseTimestamp(cell, TOKYO))
                .isInstanceOf(InvalidCellException.class)
                .hasMessageStartingWith("is not a timestamp (expected ")
                .hasMessageContaining("): ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"now", "10:15", "2024-05-01 10", "2024-05-01 10:15 JST", "2024-05-01T10:15:30[Asia/Tokyo]",
        "2024-05-01T10:15:30.1234567891", "01/05/2024 10:15"})
    void text_in_no_accepted_format_is_not_a_timestamp(String cell) {
        assertThatThrownBy(() -> SheetDates.parseTimestamp(cell, TOKYO))
                .isInstanceOf(InvalidCellException.class)
                .hasMessageStartingWith("is not a timestamp (expected ")
                .hasMessageEndingWith("or a serial number)");
    }
}
