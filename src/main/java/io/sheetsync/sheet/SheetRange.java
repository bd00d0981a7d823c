package io.sheetsync.sheet;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configured SYNC_SHEETS_RANGE, parsed: a sheet title (null = the first sheet) and a block of cells whose ends may
 * be open (0 = up to the edge of the sheet's grid).
 *
 * <p>Accepted forms: a sheet name ({@code Sellers}, {@code 売主 一覧}, {@code 'Q1'}), a sheet with an A1 range
 * ({@code Sellers!A1:L}, {@code '売主 一覧'!B2:H500}, {@code Sellers!A:F}, {@code Sellers!2:500}) or an A1 range on the
 * first sheet ({@code A1:F}). Columns and rows are 1-based.
 *
 * @param sheetTitle  the sheet's title, or null for the first sheet of the spreadsheet
 * @param firstColumn first column, 1 = A
 * @param firstRow    first row; this row is the header
 * @param lastColumn  last column, or 0 for the last column of the grid
 * @param lastRow     last row, or 0 for the last row of the grid
 */
public record SheetRange(String sheetTitle, int firstColumn, int firstRow, int lastColumn, int lastRow) {

    /** Google Sheets allows at most 18,278 columns (A to ZZZ). */
    public static final int MAX_COLUMNS = 18_278;

    private static final Pattern CELL = Pattern.compile("([A-Za-z]{1,3})?(\\d+)?");
    private static final Pattern PLAIN_TITLE = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");
    private static final Pattern LOOKS_LIKE_CELL = Pattern.compile("[A-Za-z]{1,3}\\d+|[Rr]\\d*[Cc]\\d*|true|false",
            Pattern.CASE_INSENSITIVE);

    public SheetRange {
        if (firstColumn < 1 || firstRow < 1 || lastColumn < 0 || lastRow < 0) {
            throw new IllegalArgumentException("rows and columns start at 1");
        }
        if (lastColumn != 0 && lastColumn < firstColumn || lastRow != 0 && lastRow < firstRow) {
            throw new IllegalArgumentException("the range ends before it starts");
        }
    }

    /** The whole of one sheet. */
    public static SheetRange wholeSheet(String sheetTitle) {
        return new SheetRange(sheetTitle, 1, 1, 0, 0);
    }

    /**
     * Parses SYNC_SHEETS_RANGE.
     *
     * @throws IllegalArgumentException with a reason when the text is neither a sheet name nor an A1 range
     */
    public static SheetRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the range is empty");
        }
        String value = text.strip();
        if (value.startsWith("'")) {
            return parseQuoted(value);
        }
        int bang = value.lastIndexOf('!');
        if (bang > 0) {
            SheetRange cells = cells(value.substring(0, bang), value.substring(bang + 1));
            if (cells != null) {
                return cells;
            }
        }
        // No sheet: an A1 range on the first sheet, but only when it cannot be a sheet name ("A1:F", "B2", not "Q")
        if (value.contains(":") || value.matches("[A-Za-z]{1,3}\\d+")) {
            SheetRange cells = cells(null, value);
            if (cells != null) {
                return cells;
            }
        }
        return wholeSheet(value);
    }

    private static SheetRange parseQuoted(String value) {
        StringBuilder title = new StringBuilder();
        int i = 1;
        while (true) {
            if (i >= value.length()) {
                throw new IllegalArgumentException("the sheet title quote is not closed in " + value);
            }
            char c = value.charAt(i);
            if (c == '\'') {
                if (i + 1 < value.length() && value.charAt(i + 1) == '\'') {
                    title.append('\'');
                    i += 2;
                    continue;
                }
                break;
            }
            title.append(c);
            i++;
        }
        if (title.isEmpty()) {
            throw new IllegalArgumentException("the sheet title is empty in " + value);
        }
        String rest = value.substring(i + 1);
        if (rest.isEmpty()) {
            return wholeSheet(title.toString());
        }
        if (!rest.startsWith("!")) {
            throw new IllegalArgumentException("expected ! after the quoted sheet title in " + value);
        }
        SheetRange cells = cells(title.toString(), rest.substring(1));
        if (cells == null) {
            throw new IllegalArgumentException("'" + rest.substring(1) + "' is not a valid A1 range");
        }
        return cells;
    }

    /** The A1 part ("A1:F", "B2:H500", "A:F", "2:500", "B2"), or null when it is not A1 notation. */
    private static SheetRange cells(String title, String a1) {
        String[] ends = a1.split(":", -1);
        if (ends.length > 2) {
            return null;
        }
        Matcher start = CELL.matcher(ends[0]);
        Matcher end = CELL.matcher(ends.length == 2 ? ends[1] : ends[0]);
        if (ends[0].isEmpty() || ends[ends.length - 1].isEmpty() || !start.matches() || !end.matches()) {
            return null;
        }
        boolean startHasColumn = start.group(1) != null;
        boolean endHasColumn = end.group(1) != null;
        if (startHasColumn != endHasColumn) {
            return null;
        }
        if (!startHasColumn && (start.group(2) == null || end.group(2) == null)) {
            return null;
        }
        if (ends.length == 1 && (start.group(1) == null || start.group(2) == null)) {
            return null; // a single cell needs both a column and a row
        }
        try {
            int firstColumn = startHasColumn ? columnNumber(start.group(1)) : 1;
            int lastColumn = endHasColumn ? columnNumber(end.group(1)) : 0;
            int firstRow = start.group(2) == null ? 1 : Integer.parseInt(start.group(2));
            int lastRow = end.group(2) == null ? 0 : Integer.parseInt(end.group(2));
            if (firstRow == 0 || ends.length == 2 && end.group(2) != null && lastRow == 0) {
                throw new IllegalArgumentException("rows start at 1 in " + a1);
            }
            return new SheetRange(title, firstColumn, firstRow, lastColumn, lastRow);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("row number too large in " + a1);
        }
    }

    /** The 1-based column number of column letters: A = 1, Z = 26, AA = 27. */
    public static int columnNumber(String letters) {
        int number = 0;
        for (char c : letters.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c < 'A' || c > 'Z') {
                throw new IllegalArgumentException("not a column: " + letters);
            }
            number = number * 26 + (c - 'A' + 1);
        }
        if (number < 1 || number > MAX_COLUMNS) {
            throw new IllegalArgumentException("not a column: " + letters);
        }
        return number;
    }

    /** The column letters of a 1-based column number: 1 = A, 27 = AA. */
    public static String columnLetters(int number) {
        if (number < 1 || number > MAX_COLUMNS) {
            throw new IllegalArgumentException("column out of range: " + number);
        }
        StringBuilder letters = new StringBuilder();
        for (int n = number; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }

    /**
     * The title as it must appear in an A1 range: as is when it is a plain word, otherwise in single quotes with
     * inner quotes doubled ({@code 'It''s'}, {@code '売主 一覧'}, {@code 'A1'}).
     */
    public static String quoteTitle(String title) {
        if (PLAIN_TITLE.matcher(title).matches() && !LOOKS_LIKE_CELL.matcher(title).matches()) {
            return title;
        }
        return "'" + title.replace("'", "''") + "'";
    }

    /** An A1 range for a closed block of cells on a sheet, e.g. {@code '売主 一覧'!B2:H500}. */
    public static String a1(String title, int firstColumn, int firstRow, int lastColumn, int lastRow) {
        return quoteTitle(title) + "!" + columnLetters(firstColumn) + firstRow + ":" + columnLetters(lastColumn)
                + lastRow;
    }
}
