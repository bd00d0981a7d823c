package io.sheetsync.seller;

import java.util.UUID;

/**
 * Something wrong with a stored seller, as the database shows it.
 *
 * @param sellerId null when the seller has no row at all
 */
public record SellerDefect(UUID sellerId, String sellerNumber, Kind kind, String field) {

    /** What is wrong with the stored row. */
    public enum Kind {
        /** a required column is null or blank */
        MISSING_REQUIRED_FIELD,
        /** the seller number does not match AA followed by digits */
        INVALID_FORMAT,
        /** the sheet row has property data but there is no property record */
        MISSING_PROPERTY,
        /** there is a property record but the sheet row has no property data */
        UNEXPECTED_PROPERTY
    }
}
