package io.sheetsync.db;

import io.sheetsync.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows copied with {@link CsvCopy} come back from PostgreSQL exactly as given, whatever their text holds. */
class CsvCopyTest {

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create(CsvCopyTest.class);
        database.execute("CREATE TABLE copied (n int PRIMARY KEY, a text, b text)");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void everyValueComesBackAsItWasAddedAndNullStaysNull() throws SQLException {
        List<String> values = Arrays.asList("plain", "", null, "comma, inside", "\"quoted\" twice \"\"", "line\nbreak",
                "carriage\r\nreturn", "\\.", "\\", " spaces around ", "売主番号 ＡＡ１２", "emoji 😀", "tab\there",
                "a,\"b\"\n,c", "\"");
        CsvCopy rows = CsvCopy.rows(1);
        for (int i = 0; i < values.size(); i++) {
            rows.add(Integer.toString(i), values.get(i), values.get(values.size() - 1 - i));
        }
        assertThat(rows.size()).isEqualTo(values.size());

        try (Connection connection = database.connect()) {
            assertThat(rows.copy(connection, "COPY copied (n, a, b) FROM STDIN WITH (FORMAT csv)"))
                    .isEqualTo(values.size());
            List<String> a = new ArrayList<>();
            List<String> b = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet stored = statement.executeQuery("SELECT a, b FROM copied ORDER BY n")) {
                while (stored.next()) {
                    a.add(stored.getString(1));
                    b.add(stored.getString(2));
                }
            }
            List<String> reversed = new ArrayList<>(values);
            java.util.Collections.reverse(reversed);
            assertThat(a).isEqualTo(values);
            assertThat(b).isEqualTo(reversed);
        }
    }

    @Test
    void aNulCharacterIsDroppedAndNothingIsCopiedForNoRows() throws SQLException {
        try (Connection connection = database.connect()) {
            assertThat(CsvCopy.rows(10).copy(connection, "COPY copied (n, a) FROM STDIN WITH (FORMAT csv)"))
                    .isZero();
            CsvCopy.rows(1).add("100", "be\0fore\0", "\0").copy(connection,
                    "COPY copied (n, a, b) FROM STDIN WITH (FORMAT csv)");
            assertThat(database.query("SELECT a || '|' || b FROM copied WHERE n = 100")).containsExactly("before|");
        }
    }

    /** A value that writes itself (JSON, here) arrives as the text it wrote; anything but text or such a value is refused. */
    @Test
    void anEncodedValueArrivesAsItWroteItselfAndOtherTypesAreRefused() throws SQLException {
        List<String> texts = List.of("plain", "\"quoted\", comma", "back\\slash", "line\nbreak\ttab\u0001", "売主 😀",
                "nul\0dropped", "");
        CsvCopy rows = CsvCopy.rows(1);
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            rows.add(Integer.toString(200 + i), (CsvCopy.Encoded) csv -> csv.append("{").appendCsvQuotedJsonString("k")
                    .append(":").appendCsvQuotedJsonString(text).append("}"), text);
        }
        try (Connection connection = database.connect()) {
            rows.copy(connection, "COPY copied (n, a, b) FROM STDIN WITH (FORMAT csv)");
        }

        assertThat(database.query("SELECT a::jsonb ->> 'k' FROM copied WHERE n >= 200 ORDER BY n"))
                .containsExactlyElementsOf(texts.stream().map(text -> text.replace("\0", "")).toList());
        assertThatThrownBy(() -> CsvCopy.rows(1).add("1", 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Integer");
    }
}
