package io.sheetsync.support;

import io.sheetsync.sheet.SheetData;
import io.sheetsync.sheet.SheetRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A generated sheet (a header and messy rows) and its oracle: what a sync of it must store and report, worked out from
 * what each row was generated to be and the rules of CONTRACT section 5, never from the service's own parsing.
 *
 * @param header the header cells as typed (aliases, case, width and spacing vary)
 * @param fields the field id each column maps to ({@code seller_number}, {@code land_area}, ...), null for an unmapped
 *               column
 */
public record MessySheet(List<String> header, List<String> fields, List<MessyRow> rows) {

    public MessySheet {
        header = List.copyOf(header);
        fields = Collections.unmodifiableList(new ArrayList<>(fields));
        rows = List.copyOf(rows);
    }

    /** The sheet row number of the data row at {@code index} (the header is row 1). */
    public static int rowNumber(int index) {
        return index + 2;
    }

    /** Whether the sheet has a column for the field. */
    public boolean has(String field) {
        return fields.contains(field);
    }

    /** The seller each seller number must end up as: the winner among the valid rows carrying it. */
    public Map<String, IntendedSeller> expectedSellers() {
        Map<String, IntendedSeller> sellers = new TreeMap<>();
        winners().forEach((key, index) -> sellers.put(key, rows.get(index).intended()));
        return sellers;
    }

    /** The seller numbers a sync must store. */
    public Set<String> expectedKeys() {
        return new TreeSet<>(winners().keySet());
    }

    /** Sheet row numbers of the rows generated invalid. */
    public Set<Integer> invalidRows() {
        Set<Integer> numbers = new TreeSet<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).kind() == MessyRow.Kind.INVALID) {
                numbers.add(rowNumber(i));
            }
        }
        return numbers;
    }

    /** Sheet row numbers of valid rows that lose to another row with the same seller number. */
    public Set<Integer> duplicateRows() {
        Set<Integer> winning = new TreeSet<>();
        winners().values().forEach(index -> winning.add(rowNumber(index)));
        Set<Integer> losers = new TreeSet<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).isValid() && !winning.contains(rowNumber(i))) {
                losers.add(rowNumber(i));
            }
        }
        return losers;
    }

    /** The sheet row number each expected seller is read from. */
    public Map<String, Integer> winningRows() {
        Map<String, Integer> numbers = new TreeMap<>();
        winners().forEach((key, index) -> numbers.put(key, rowNumber(index)));
        return numbers;
    }

    /** Number of non-blank data rows that hold a valid seller (duplicates included). */
    public int validRowCount() {
        return (int) rows.stream().filter(MessyRow::isValid).count();
    }

    /** The sheet as a CSV export. */
    public String csv() {
        List<List<String>> cells = new ArrayList<>(rows.size());
        rows.forEach(row -> cells.add(row.cells()));
        return Csv.sheet(header, cells);
    }

    /** The sheet as the Sheets API answers it: the header row, then each row's cells. */
    public List<List<Object>> values() {
        List<List<Object>> values = new ArrayList<>(rows.size() + 1);
        values.add(new ArrayList<>(header));
        rows.forEach(row -> values.add(new ArrayList<>(row.cells())));
        return values;
    }

    /** The sheet as a source hands it to the parser. */
    public SheetData data() {
        List<SheetRow> data = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            data.add(new SheetRow(rowNumber(i), rows.get(i).cells()));
        }
        return new SheetData(header, data);
    }

    /** This sheet with other rows under the same header. */
    public MessySheet withRows(List<MessyRow> newRows) {
        return new MessySheet(header, fields, newRows);
    }

    private Map<String, Integer> winners() {
        Map<String, Integer> winners = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            MessyRow row = rows.get(i);
            if (!row.isValid()) {
                continue;
            }
            winners.merge(row.intended().sellerNumber(), i, (held, challenger) -> wins(challenger, held)
                    ? challenger : held);
        }
        return winners;
    }

    /**
     * Whether the row at {@code challenger}, lower in the sheet, beats the one at {@code held} for their seller
     * number: the later updated_at wins, a row without one counts as oldest, and a tie goes to the lower row.
     */
    private boolean wins(int challenger, int held) {
        Instant mine = rows.get(challenger).intended().updatedAt();
        Instant theirs = rows.get(held).intended().updatedAt();
        return theirs == null || (mine != null && !mine.isBefore(theirs));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("\n  1: ").append(Csv.line(header));
        for (int i = 0; i < rows.size(); i++) {
            text.append("\n  ").append(rowNumber(i)).append(": ").append(rows.get(i));
        }
        return text.append('\n').toString();
    }
}
