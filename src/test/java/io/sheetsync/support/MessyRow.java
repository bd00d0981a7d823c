package io.sheetsync.support;

import java.util.List;
import java.util.Objects;

/**
 * One generated data row as typed into the sheet, with what it was generated to be.
 *
 * @param cells    the cells in header order; may be shorter than the header (trailing empty cells dropped, as the
 *                 Sheets API does)
 * @param kind     valid, invalid (for {@code defect}) or blank
 * @param intended for a valid row the seller it stands for; for an invalid row the seller it would have been before
 *                 the defect was typed in; null for a blank row
 * @param defect   for an invalid row, which field was made invalid (e.g. {@code inquiry_date}); else null
 */
public record MessyRow(List<String> cells, Kind kind, IntendedSeller intended, String defect) {

    /** What a row was generated as. */
    public enum Kind { VALID, INVALID, BLANK }

    public MessyRow {
        cells = List.copyOf(cells);
        Objects.requireNonNull(kind, "kind");
    }

    public boolean isValid() {
        return kind == Kind.VALID;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case VALID -> Csv.line(cells);
            case INVALID -> Csv.line(cells) + "   <- invalid " + defect;
            case BLANK -> Csv.line(cells) + "   <- blank";
        };
    }
}
