package io.sheetsync.sheet;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the text of a CSV export (RFC 4180) into a {@link SheetData}.
 *
 * <p>Rows are numbered by CSV record, not by physical line: a quoted cell with a line break in it stays one row, as it
 * is one row in the sheet. Blank records keep their place so the numbers after them stay right; blank records at the
 * end are dropped, as the Sheets API drops them.
 */
final class CsvExport {

    /** RFC 4180, but blank lines are kept as (blank) records instead of being skipped, so numbering matches the sheet. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setTrim(false)
            .get();

    private CsvExport() {
    }

    /** Parses decoded CSV text; the first record is the header (row 1), the next ones rows 2, 3, ... */
    static SheetData parse(String text) throws ExportFormatException {
        SheetDataBuilder sheet = new SheetDataBuilder();
        int rowNumber = 0;
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            for (CSVRecord record : parser) {
                sheet.add(++rowNumber, record.toList());
            }
        } catch (UncheckedIOException e) {
            throw malformed(e.getCause());
        } catch (IOException e) {
            throw malformed(e);
        }
        return sheet.build();
    }

    private static ExportFormatException malformed(IOException e) {
        // commons-csv says where it stopped, e.g. "(startline 5) EOF reached before encapsulated token finished"
        return new ExportFormatException("is not valid CSV: " + e.getMessage(), e);
    }
}
