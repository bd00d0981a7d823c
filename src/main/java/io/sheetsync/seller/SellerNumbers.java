package io.sheetsync.seller;

import io.sheetsync.sheet.Cells;
import java.util.Locale;

/** How a seller number cell becomes the key sellers are stored and compared by (CONTRACT section 5). */
public final class SellerNumbers {

    /** The width of the seller_number columns in the database. */
    public static final int MAX_LENGTH = 50;

    private SellerNumbers() {
    }

    /** NFKC, trimmed and upper-cased, so that {@code ' ａａ１２ '} becomes {@code AA12}; not yet validated. */
    public static String normalise(String cell) {
        return Cells.strip(Cells.nfkc(cell)).toUpperCase(Locale.ROOT);
    }

    /**
     * The normalised seller number of a cell.
     *
     * @throws InvalidCellException when it does not normalise to AA followed by digits, or is too long to store
     */
    public static String parse(String cell) {
        String normalised = normalise(cell);
        if (!Seller.SELLER_NUMBER.matcher(normalised).matches()) {
            throw new InvalidCellException("is not a seller number (expected AA followed by digits, e.g. AA12679)");
        }
        if (normalised.length() > MAX_LENGTH) {
            throw new InvalidCellException("is longer than the " + MAX_LENGTH + " characters a seller number may have");
        }
        return normalised;
    }
}
