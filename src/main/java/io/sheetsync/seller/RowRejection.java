package io.sheetsync.seller;

/**
 * A sheet row that was not stored, and why.
 *
 * @param rowNumber    the sheet row (header = row 1)
 * @param sellerNumber the normalised seller number when the row had a usable one, else the raw cell text (may be "")
 * @param field        the field at fault (e.g. {@code inquiry_date}), or null for the whole row
 * @param reason       what is wrong, for a person, e.g. {@code inquiry_date '2024-13-45' is not a date}
 */
public record RowRejection(int rowNumber, String sellerNumber, String field, String reason, Kind kind) {

    /** INVALID rows fail validation; DUPLICATE_KEY rows lost to another row with the same seller number. */
    public enum Kind { INVALID, DUPLICATE_KEY }

    /** The message logged and stored, always naming the row: {@code row 73: inquiry_date '...' is not a date}. */
    public String message() {
        return "row " + rowNumber + ": " + reason;
    }
}
