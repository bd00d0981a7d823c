package io.sheetsync.sheet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The bounds a local export must keep, so that a crafted or broken file fails the run with its reason instead of
 * exhausting memory: Google Sheets' own limits (1,048,576 rows, 16,384 columns, 10,000,000 cells) and, for XLSX, how
 * far a part of the zip may expand.
 *
 * <p>The file size (SYNC_FILE_MAX_BYTES) is checked by {@link FileSheetSource} before anything is read; the rest while
 * reading, before a row or cell is stored.
 */
final class ExportLimits {

    static final int MAX_ROWS = 1_048_576;
    static final int MAX_COLUMNS = 16_384;
    static final long MAX_CELLS = 10_000_000L;

    /**
     * How many times its compressed size a part of an XLSX may expand: sheet XML compresses 5 to 20 times; POI refuses
     * the same ratio (its ZipSecureFile minimum inflate ratio of 0.01) while it inflates, which also catches a zip that
     * lies about its sizes.
     */
    static final long MAX_INFLATION = 100;

    /** Parts smaller than this expand as they like: a tiny, very regular part (styles, an empty sheet) is no bomb. */
    private static final long INFLATION_GRACE_BYTES = 1_000_000;

    private ExportLimits() {
    }

    /** Refuses a 1-based sheet row number past the last row a sheet can have. */
    static void checkRow(long rowNumber) throws ExportLimitException {
        if (rowNumber > MAX_ROWS) {
            throw new ExportLimitException("has row " + rowNumber + ", beyond the " + String.format("%,d", MAX_ROWS)
                    + " rows a sheet can have");
        }
    }

    /** Refuses a 0-based column index past the last column a sheet can have (XFD). */
    static void checkColumn(long columnIndex) throws ExportLimitException {
        if (columnIndex < 0 || columnIndex >= MAX_COLUMNS) {
            throw new ExportLimitException("has a cell in column " + (columnIndex + 1) + ", beyond the "
                    + String.format("%,d", MAX_COLUMNS) + " columns a sheet can have");
        }
    }

    /** Refuses a sheet whose cells so far already pass the 10,000,000 cells of a Google spreadsheet. */
    static void checkCells(long cells) throws ExportLimitException {
        if (cells > MAX_CELLS) {
            throw new ExportLimitException("has more than " + String.format("%,d", MAX_CELLS)
                    + " cells, the most a Google spreadsheet can hold");
        }
    }

    /** Refuses a file larger than SYNC_FILE_MAX_BYTES, before a byte of it is read. */
    static void checkFileSize(long size, long maxBytes) throws ExportLimitException {
        if (size > maxBytes) {
            throw new ExportLimitException("is " + String.format("%,d", size) + " bytes, more than SYNC_FILE_MAX_BYTES ("
                    + String.format("%,d", maxBytes) + "); raise the setting if the export is really that large");
        }
    }

    /**
     * Refuses a zip bomb by the sizes its directory declares: a part that would expand more than {@link #MAX_INFLATION}
     * times. Read from the central directory only, so a bomb costs nothing to recognise.
     */
    static void checkInflation(Path xlsx) throws ExportLimitException {
        ZipFile opened;
        try {
            opened = new ZipFile(xlsx.toFile());
        } catch (IOException notAZip) {
            return; // an .xls, a truncated or a random file: POI, opening it next, says which
        }
        try (ZipFile zip = opened) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                long expanded = entry.getSize();
                long compressed = Math.max(1, entry.getCompressedSize());
                if (expanded > INFLATION_GRACE_BYTES && expanded / compressed > MAX_INFLATION) {
                    throw new ExportLimitException("looks like a zip bomb: its part " + printable(entry.getName())
                            + " would expand from " + String.format("%,d", compressed) + " to "
                            + String.format("%,d", expanded) + " bytes, more than " + MAX_INFLATION
                            + " times; export the sheet again");
                }
            }
        } catch (IOException closing) {
            // nothing was read from the entries: a failure to close them changes nothing
        }
    }

    /** Part names come from the file: no control character of theirs reaches a message. */
    private static String printable(String name) {
        return name.codePoints().limit(200)
                .collect(StringBuilder::new, (text, c) -> text.appendCodePoint(Character.isISOControl(c) ? '?' : c),
                        StringBuilder::append).toString();
    }
}
