package io.sheetsync.db;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Bulk writes through {@code COPY ... FROM STDIN WITH (FORMAT csv)}: one round trip and one statement for any number
 * of rows, where a batch of INSERTs costs a statement per row on the server. Values are text (null stays NULL: the
 * format quotes every other value, and a quoted "" is the empty string); U+0000 is dropped as {@link StorableText}
 * says.
 *
 * <p>The rows are written straight into one buffer, already encoded as UTF-8 (the connection's encoding), and
 * streamed from it: no per-value objects, no second copy of the text and no re-encoding by the driver. (The read's
 * stage, which takes every row of the sheet, goes through a {@link BinaryCopy} instead.)
 */
public final class CsvCopy {

    private final Utf8Buffer csv;
    private int rows;

    private CsvCopy(int expectedRows) {
        csv = new Utf8Buffer(Math.max(64, expectedRows) * 128);
    }

    /** A new, empty set of rows to copy; {@code expectedRows} only sizes the buffer. */
    public static CsvCopy rows(int expectedRows) {
        return new CsvCopy(expectedRows);
    }

    /** Adds one row, its values in the order of the COPY's column list: each text or null (NULL). */
    public CsvCopy add(CharSequence... values) {
        return add(Arrays.asList(values));
    }

    /** Adds one row, as {@link #add(CharSequence...)}. */
    public CsvCopy add(List<? extends CharSequence> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            CharSequence value = values.get(i);
            if (value == null) {
                continue; // NULL: nothing at all between the commas
            }
            csv.append('"').appendCsvQuoted(value).append('"');
        }
        csv.append('\n');
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
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            return copy.copyIn(copySql, csv.stream());
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }
}
