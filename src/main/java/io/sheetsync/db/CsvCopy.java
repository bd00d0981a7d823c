package io.sheetsync.db;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
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
 * streamed from it: a sync copies every row of the sheet to the database, so no per-value objects, no second copy of
 * the text and no re-encoding by the driver.
 *
 * <p>Rows produced over a long time (a whole read of the sheet) go through one {@link Open} COPY instead: each part is
 * sent as it is ready and stored by the server while the next one is prepared, with no round trip per part.
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

    /**
     * A value that writes itself into its row: the inside of a quoted CSV value, as UTF-8, its quotes doubled and
     * without U+0000 (see {@link Utf8Buffer#appendCsvQuoted}). For a large value built from parts, which would
     * otherwise be built as text first and encoded after.
     */
    public interface Encoded {
        void writeInside(Utf8Buffer csv);
    }

    /**
     * Adds one row, its values in the order of the COPY's column list: each a {@link CharSequence}, an
     * {@link Encoded} or null (NULL).
     */
    public CsvCopy add(Object... values) {
        return add(Arrays.asList(values));
    }

    /** Adds one row, as {@link #add(Object...)}. */
    public CsvCopy add(List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            Object value = values.get(i);
            if (value == null) {
                continue; // NULL: nothing at all between the commas
            }
            csv.append('"');
            if (value instanceof CharSequence text) {
                csv.appendCsvQuoted(text);
            } else if (value instanceof Encoded encoded) {
                encoded.writeInside(csv);
            } else {
                throw new IllegalArgumentException("a COPY value is text or Encoded, was " + value.getClass());
            }
            csv.append('"');
        }
        csv.append('\n');
        rows++;
        return this;
    }

    public int size() {
        return rows;
    }

    /**
     * Starts {@code copySql} ({@code COPY table (columns) FROM STDIN WITH (FORMAT csv)}) on the caller's connection,
     * in its transaction, to be fed part by part; the connection runs nothing else until the COPY is ended or closed.
     */
    public static Open open(Connection connection, String copySql) throws SQLException {
        return new Open(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql));
    }

    /** A COPY in progress (see {@link #open}). */
    public static final class Open implements AutoCloseable {

        private final CopyIn copy;

        private Open(CopyIn copy) {
            this.copy = copy;
        }

        /** Sends the rows added to {@code rows} (the server stores them as they arrive), then clears it. */
        public void send(CsvCopy rows) throws SQLException {
            rows.csv.drainTo(copy::writeToCopy);
            rows.rows = 0;
        }

        /** Ends the COPY: waits until the server has stored every row sent; returns how many it stored. */
        public long end() throws SQLException {
            return copy.endCopy();
        }

        /** Abandons the COPY if it was not ended: the server discards it, and the transaction cannot commit. */
        @Override
        public void close() {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException e) {
                    // the connection is broken: the server abandoned the COPY with it
                }
            }
        }
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
