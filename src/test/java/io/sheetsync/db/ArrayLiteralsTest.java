package io.sheetsync.db;

import io.sheetsync.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Array parameters as PostgreSQL's array text: what PostgreSQL reads back is exactly what was given. */
class ArrayLiteralsTest {

    static TestDatabase database;
    static Connection connection;

    @BeforeAll
    static void open() throws SQLException {
        database = TestDatabase.create(ArrayLiteralsTest.class);
        connection = database.connect();
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
        database.close();
    }

    @Test
    void texts_with_quotes_backslashes_separators_and_words_postgresql_reads_specially_arrive_as_they_were() throws Exception {
        List<String> texts = List.of("AA12679", "", "NULL", "a \"quoted\" word", "back\\slash", "\\\"", "a,b", "{x}",
                " padded ", "売主 🌸", "line\nbreak");

        assertThat(readBack("varchar", ArrayLiterals.texts(texts))).containsExactlyElementsOf(texts);
    }

    @Test
    void integers_and_ids_arrive_as_they_were() throws Exception {
        assertThat(readBack("int", ArrayLiterals.integers(List.of(0, -7, Integer.MAX_VALUE, Integer.MIN_VALUE))))
                .containsExactly("0", "-7", Integer.toString(Integer.MAX_VALUE), Integer.toString(Integer.MIN_VALUE));
        UUID first = UUID.randomUUID();
        UUID second = OrderedIds.next();
        assertThat(readBack("uuid", ArrayLiterals.uuids(List.of(first, second))))
                .containsExactly(first.toString(), second.toString());
    }

    @Test
    void empty_collections_are_empty_arrays() throws Exception {
        assertThat(readBack("varchar", ArrayLiterals.texts(List.of()))).isEmpty();
        assertThat(readBack("int", ArrayLiterals.integers(List.of()))).isEmpty();
        assertThat(readBack("uuid", ArrayLiterals.uuids(List.of()))).isEmpty();
    }

    /** The elements PostgreSQL parsed from {@code literal} bound as text and cast to {@code type[]}, as text. */
    private static List<String> readBack(String type, String literal) throws SQLException {
        List<String> elements = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT e::text FROM unnest(?::" + type + "[]) WITH ORDINALITY AS u(e, n) ORDER BY n")) {
            statement.setString(1, literal);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    elements.add(rows.getString(1));
                }
            }
        }
        return elements;
    }
}
