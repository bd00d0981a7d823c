package io.sheetsync.db;

import io.sheetsync.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL's binary COPY format, written by hand: what the server stores is what was given, read back as text. */
class BinaryCopyTest {

    private static final String COPY = "COPY copied (n, big, word, day, flag, amount, doc) FROM STDIN WITH (FORMAT binary)";

    static TestDatabase database;

    @BeforeAll
    static void create() {
        database = TestDatabase.create(BinaryCopyTest.class);
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @BeforeEach
    void table() {
        database.execute("DROP TABLE IF EXISTS copied; CREATE TABLE copied (n int, big bigint, word varchar(200),"
                + " day date, flag boolean, amount numeric, doc text)");
    }

    @Test
    void every_kind_of_value_and_null_arrives_as_it_was() throws SQLException {
        BinaryCopy rows = BinaryCopy.rows(4);
        rows.row(7).int4(-7).int8(Long.MAX_VALUE).text("売主 \"引用\", back\\slash\nline 😀").date(LocalDate.of(2024, 2, 29))
                .bool(true).numeric(new BigDecimal("120.50")).text(value -> value.appendText("{\"k\":1}"));
        rows.row(7).int4(Integer.MIN_VALUE).int8(Long.MIN_VALUE).text("").date(LocalDate.of(1899, 12, 30))
                .bool(false).numeric(new BigDecimal("-0.0001")).text("nul\0dropped\0");
        rows.row(7).int4(0).int8(0).text((String) null).date(null).nul().numeric(null)
                .text((BinaryCopy.Encoded) null);
        copy(rows);

        assertThat(database.query("SELECT concat_ws('|', n, big, coalesce(word, '∅'), coalesce(day::text, '∅'),"
                + " coalesce(flag::text, '∅'), coalesce(amount::text, '∅'), coalesce(doc, '∅')) FROM copied ORDER BY n"))
                .containsExactly(
                        Integer.MIN_VALUE + "|" + Long.MIN_VALUE + "||1899-12-30|false|-0.0001|nuldropped",
                        "-7|" + Long.MAX_VALUE + "|売主 \"引用\", back\\slash\nline 😀|2024-02-29|true|120.50|{\"k\":1}",
                        "0|0|∅|∅|∅|∅|∅");
    }

    /** Numerics keep their value and their scale: the oracle is BigDecimal's own plain text of the input. */
    @Test
    void numerics_of_every_shape_keep_their_value_and_scale() throws SQLException {
        List<BigDecimal> values = new ArrayList<>(List.of(new BigDecimal("0"), new BigDecimal("0.00"),
                new BigDecimal("1"), new BigDecimal("-1"), new BigDecimal("9999"), new BigDecimal("10000"),
                new BigDecimal("10000.0000"), new BigDecimal("0.0001"), new BigDecimal("0.00010"),
                new BigDecimal("12345.6789"), new BigDecimal("1E+3"), new BigDecimal("-1.5E+9"),
                new BigDecimal("123456789012345678901234567890.12345678901234567890"),
                new BigDecimal("0.000000000000000000001"), new BigDecimal("100000000.00000001")));
        Random random = new Random(20261130L);
        for (int i = 0; i < 2_000; i++) {
            BigInteger unscaled = new BigInteger(1 + random.nextInt(120), random);
            values.add(new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(30) - 5));
        }
        BinaryCopy rows = BinaryCopy.rows(values.size());
        for (int i = 0; i < values.size(); i++) {
            rows.row(2).int4(i).numeric(values.get(i));
        }
        database.execute("DROP TABLE copied; CREATE TABLE copied (n int, amount numeric)");
        copy(rows, "COPY copied (n, amount) FROM STDIN WITH (FORMAT binary)");

        assertThat(database.query("SELECT amount::text FROM copied ORDER BY n"))
                .containsExactlyElementsOf(values.stream()
                        .map(value -> (value.scale() < 0 ? value.setScale(0) : value).toPlainString()).toList());
    }

    /** A number PostgreSQL cannot hold is refused with the reason, never sent as some other number. */
    @Test
    void a_number_beyond_postgresqls_numeric_is_refused_with_the_reason() throws SQLException {
        BigDecimal longFraction = new BigDecimal("1." + "5".repeat(16_384));
        BigDecimal longest = new BigDecimal("1." + "5".repeat(16_383));

        assertThatThrownBy(() -> BinaryCopy.rows(1).row(1).numeric(longFraction))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16384 after it");
        assertThatThrownBy(() -> BinaryCopy.rows(1).row(1).numeric(new BigDecimal("9".repeat(131_073))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("131073 digit(s) before");
        database.execute("DROP TABLE copied; CREATE TABLE copied (amount numeric)");
        copy(BinaryCopy.rows(1).row(1).numeric(longest), "COPY copied (amount) FROM STDIN WITH (FORMAT binary)");
        assertThat(database.query("SELECT amount::text FROM copied")).containsExactly(longest.toPlainString());
    }

    @Test
    void rows_sent_in_parts_through_one_open_copy_all_arrive() throws SQLException {
        try (Connection connection = database.connect();
             BinaryCopy.Open open = BinaryCopy.open(connection, COPY)) {
            BinaryCopy rows = BinaryCopy.rows(1);
            for (int part = 0; part < 3; part++) {
                for (int i = 0; i < 1_000; i++) {
                    rows.row(7).int4(part * 1_000 + i).int8(i).text("w" + i).date(LocalDate.of(2024, 1, 1))
                            .bool(i % 2 == 0).numeric(BigDecimal.valueOf(i, 2)).text("d");
                }
                open.send(rows);
            }
            assertThat(open.end()).isEqualTo(3_000);
        }
        assertThat(database.query("SELECT count(*) || '|' || sum(amount) FROM copied")).containsExactly("3000|14985.00");
    }

    @Test
    void a_row_with_too_few_or_too_many_values_is_refused_before_it_is_sent() {
        assertThatThrownBy(() -> BinaryCopy.rows(1).row(2).int4(1).row(2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lacks 1 value");
        assertThatThrownBy(() -> BinaryCopy.rows(1).row(1).int4(1).int4(2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("beyond its row");
        assertThatThrownBy(() -> BinaryCopy.rows(1).int4(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_abandoned_copy_stores_nothing() throws SQLException {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (BinaryCopy.Open open = BinaryCopy.open(connection, COPY)) {
                open.send(BinaryCopy.rows(1).row(7).int4(1).int8(1).text("x").date(null).bool(true).numeric(null)
                        .text("y"));
            }
            connection.rollback();
        }
        assertThat(database.query("SELECT count(*)::text FROM copied")).containsExactly("0");
    }

    private static void copy(BinaryCopy rows) throws SQLException {
        copy(rows, COPY);
    }

    private static void copy(BinaryCopy rows, String sql) throws SQLException {
        try (Connection connection = database.connect();
             BinaryCopy.Open open = BinaryCopy.open(connection, sql)) {
            open.send(rows);
            open.end();
        }
    }
}
