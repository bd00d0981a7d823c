package io.sheetsync.sheet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One sheet's header resolved against a {@link HeaderMapping}: the column of each mapped field, and the unique key
 * under which every column's cell is kept in a seller's raw cells.
 */
public final class ColumnLayout {

    private final int[] columnByField;
    private final List<String> rawKeys;
    /** The same keys, shared by every row's {@link RawCells}. */
    private final String[] rawKeyArray;

    ColumnLayout(Map<SheetField, Integer> columns, List<String> rawKeys) {
        this.columnByField = new int[SheetField.values().length];
        Arrays.fill(columnByField, -1);
        columns.forEach((field, column) -> columnByField[field.ordinal()] = column);
        this.rawKeys = List.copyOf(rawKeys);
        this.rawKeyArray = this.rawKeys.toArray(String[]::new);
    }

    /** The 0-based column holding the field, or -1 when the sheet has no column for it. */
    public int columnOf(SheetField field) {
        return columnByField[field.ordinal()];
    }

    /** The mapped fields and their 0-based columns. */
    public Map<SheetField, Integer> columns() {
        Map<SheetField, Integer> columns = new EnumMap<>(SheetField.class);
        for (SheetField field : SheetField.values()) {
            if (columnOf(field) >= 0) {
                columns.put(field, columnOf(field));
            }
        }
        return Collections.unmodifiableMap(columns);
    }

    /** One unique key per header column, in sheet order: the header as written, or {@code column F} when blank. */
    public List<String> rawKeys() {
        return rawKeys;
    }

    /** The row's cell for the field exactly as the sheet has it; "" when the sheet has no such column or cell. */
    public String cell(SheetRow row, SheetField field) {
        int column = columnOf(field);
        return column < 0 ? "" : row.cell(column);
    }

    /**
     * Every cell of the row by raw key, in sheet order, exactly as written; cells a short row lacks are "".
     *
     * <p>Non-blank cells to the right of the header are kept too, under {@code column X}, so that nothing typed into the
     * sheet is lost; blank ones are left out because the Sheets API and file exports disagree on how many they send.
     */
    public Map<String, String> raw(SheetRow row) {
        String[] values = new String[rawKeyArray.length];
        for (int column = 0; column < rawKeyArray.length; column++) {
            values[column] = row.cell(column);
        }
        List<String> extraKeys = null;
        List<String> extraValues = null;
        Set<String> used = null;
        for (int column = rawKeyArray.length; column < row.cells().size(); column++) {
            String cell = row.cell(column);
            if (!Cells.isBlank(cell)) {
                if (used == null) {
                    used = new HashSet<>(rawKeys);
                    extraKeys = new ArrayList<>();
                    extraValues = new ArrayList<>();
                }
                extraKeys.add(uniqueKey("column " + columnLetter(column), column, used));
                extraValues.add(cell);
            }
        }
        if (extraKeys == null) {
            return new RawCells(rawKeyArray, values);
        }
        // rare: cells right of the header make this row's keys its own
        List<String> keys = new ArrayList<>(rawKeys);
        keys.addAll(extraKeys);
        List<String> all = new ArrayList<>(Arrays.asList(values));
        all.addAll(extraValues);
        return new RawCells(keys.toArray(String[]::new), all.toArray(String[]::new));
    }

    /** The spreadsheet letter of a 0-based column: A, B, ..., Z, AA, AB, ... */
    public static String columnLetter(int column) {
        if (column < 0) {
            throw new IllegalArgumentException("a column index is 0 or more, was " + column);
        }
        StringBuilder letters = new StringBuilder(3);
        for (int n = column + 1; n > 0; n = (n - 1) / 26) {
            letters.append((char) ('A' + (n - 1) % 26));
        }
        return letters.reverse().toString();
    }

    /** The key itself when still free, else the key with its column letter appended; records the key as used. */
    static String uniqueKey(String key, int column, Set<String> used) {
        String candidate = key;
        for (int attempt = 1; !used.add(candidate); attempt++) {
            // A second attempt is only needed when a header literally reads like a generated key.
            candidate = key + " (column " + columnLetter(column) + (attempt == 1 ? "" : " #" + attempt) + ")";
        }
        return candidate;
    }
}
