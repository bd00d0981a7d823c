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
}
