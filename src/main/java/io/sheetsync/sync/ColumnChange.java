package io.sheetsync.sync;

import io.sheetsync.sheet.SheetField;

import java.util.Locale;
import java.util.Objects;

/**
 * A mapped column the last completed run's sheet had that the sheet lost: its header is gone (renamed or deleted),
 * or every valid row is blank in it where that run had values. Either would blank the field for every seller.
 *
 * @param header the column's header: as the last completed run saw it when it vanished, as the sheet has it now when
 *               it was emptied
 */
public record ColumnChange(SheetField field, String header, Kind kind) {

    /** How the column was lost. */
    public enum Kind {
        /** no header maps to the field any more */
        VANISHED,
        /** the column is still there, blank in every valid row */
        EMPTIED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ColumnChange {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(kind, "kind");
    }

    /** One phrase for messages: {@code phone (column '電話番号') is gone}. */
    public String describe() {
        return field.id() + " (column '" + header + "') " + switch (kind) {
            case VANISHED -> "is gone: no header maps to " + field.id() + " any more";
            case EMPTIED -> "is blank in every valid row; the last completed run had values";
        };
    }
}
