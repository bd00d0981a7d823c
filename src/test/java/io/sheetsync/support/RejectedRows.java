package io.sheetsync.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows of a generated sheet a sync must set aside, with what it must report for each (CONTRACT section 5): the
 * oracle of the record and error logs of invalid rows and duplicate losers, worked out from what each row was
 * generated to be.
 */
public final class RejectedRows {

    private RejectedRows() {
    }

    /**
     * One row set aside.
     *
     * @param row          its sheet row number (the header is row 1)
     * @param sellerNumber the seller number it names: the generated one, or, when the seller number itself is the
     *                     defect, the cell as typed without its surrounding spaces; null when that cell is blank
     * @param field        the field at fault: the generated defect, or {@code seller_number} for a duplicate
     * @param winner       for a duplicate the sheet row that won its seller number, else 0
     */
    public record Rejected(int row, String sellerNumber, String field, int winner) {

        public boolean duplicate() {
            return winner > 0;
        }

        @Override
        public String toString() {
            return "row " + row + " (" + (duplicate() ? "duplicate of row " + winner : "invalid " + field) + ", seller "
                    + sellerNumber + ")";
        }
    }

    /** Every invalid row and every duplicate loser of the sheet, in sheet order. */
    public static List<Rejected> of(MessySheet sheet) {
        Map<String, Integer> winners = sheet.winningRows();
        List<Integer> duplicates = List.copyOf(sheet.duplicateRows());
        int keyColumn = sheet.fields().indexOf("seller_number");
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < sheet.rows().size(); i++) {
            MessyRow row = sheet.rows().get(i);
            int number = MessySheet.rowNumber(i);
            if (row.kind() == MessyRow.Kind.INVALID) {
                String key = row.intended().sellerNumber();
                if (row.defect().equals("seller_number")) {
                    String typed = keyColumn < row.cells().size() ? row.cells().get(keyColumn).strip() : "";
                    key = typed.isEmpty() ? null : typed;
                }
                rejected.add(new Rejected(number, key, row.defect(), 0));
            } else if (duplicates.contains(number)) {
                String key = row.intended().sellerNumber();
                rejected.add(new Rejected(number, key, "seller_number", winners.get(key)));
            }
        }
        return rejected;
    }
}
