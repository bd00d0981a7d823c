package io.sheetsync.db;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Bulk writes through {@code COPY ... FROM STDIN WITH (FORMAT csv)}: one round trip and one statement for any number
 * of rows, where a batch of INSERTs costs a statement per row on the server. Values are text (null stays NULL: the
 * format quotes every other value, and a quoted "" is the empty string); U+0000 is dropped as {@link StorableText}
 * says.
 */
public final class CsvCopy {

    private final StringBuilder csv;
    private final CSVPrinter printer;
    private int rows;

    private CsvCopy(int expectedRows) {
        csv = new StringBuilder(Math.max(64, expectedRows) * 128);
        try {
            printer = new CSVPrinter(csv, CSVFormat.POSTGRESQL_CSV);
        } catch (IOException e) {
            throw new IllegalStateException("a printer into memory cannot fail", e);
        }
    }

    /** A new, empty set of rows to copy; {@code expectedRows} only sizes the buffer. */
    public static CsvCopy rows(int expectedRows) {
        return new CsvCopy(expectedRows);
    }

    /** Adds one row, its values in the order of the COPY's column list. */
    public CsvCopy add(String... values) {
        return add(Arrays.asList(values));
    }

    /** Adds one row, its values in the order of the COPY's column list. */
    public CsvCopy add(List<String> values) {
        try {
            printer.printRecord(values.stream().map(StorableText::of));
        } catch (IOException e) {
            throw new IllegalStateException("a printer into memory cannot fail", e);
        }
        rows++;
        return this;
    }

    public int size() {
        return rows;
    }

    /**
     * Runs {@code copySql} ({@code COPY table (columns) FROM STDIN WITH (FORMAT csv)}) with the rows added, on the
     * caller's connection and so in its transaction. Returns the rows copied.
     */
    public long copy(Connection connection, String copySql) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        try {
            printer.flush();
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            return copy.copyIn(copySql, new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }
}
