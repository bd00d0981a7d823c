package io.sheetsync.seller;

import io.sheetsync.sheet.RawCells;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One valid seller row of the sheet, normalised and ready to store.
 *
 * @param sellerNumber    normalised key, e.g. {@code AA12679}
 * @param sourceRow       the sheet row it came from (header = row 1)
 * @param sourceUpdatedAt the row's updated_at cell, or null when the sheet has none
 * @param raw             every cell of the row by (de-duplicated) header, mapped or not, in sheet order
 * @param property        the property, or null when the row has no property cell filled
 * @param contentHash     derived: hex SHA-256 of everything the sync stores for this seller except its position in
 *                        the sheet ({@link ContentHash}); computed once here, whatever is passed, because a run
 *                        compares it for every row of the sheet more than once
 */
public record Seller(
        String sellerNumber,
        String name,
        LocalDate inquiryDate,
        String phone,
        String email,
        String address,
        String status,
        Property property,
        int sourceRow,
        OffsetDateTime sourceUpdatedAt,
        Map<String, String> raw,
        String contentHash) {

    /** The format every stored seller number has. */
    public static final Pattern SELLER_NUMBER = Pattern.compile("^AA\\d+$");

    public Seller {
        Objects.requireNonNull(sellerNumber, "sellerNumber");
        if (!SELLER_NUMBER.matcher(sellerNumber).matches()) {
            throw new IllegalArgumentException("seller number " + sellerNumber + " does not match AA followed by digits");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("seller " + sellerNumber + " has no name");
        }
        Objects.requireNonNull(inquiryDate, "inquiryDate");
        RawCells cells = RawCells.copyOf(raw); // compact and unmodifiable: every seller keeps it for the whole run
        raw = cells;
        contentHash = ContentHash.of(sellerNumber, name, inquiryDate, phone, email, address, status, property,
                sourceUpdatedAt, cells);
    }

    /** A seller whose content hash is computed from its fields. */
    public Seller(String sellerNumber, String name, LocalDate inquiryDate, String phone, String email, String address,
                  String status, Property property, int sourceRow, OffsetDateTime sourceUpdatedAt,
                  Map<String, String> raw) {
        this(sellerNumber, name, inquiryDate, phone, email, address, status, property, sourceRow, sourceUpdatedAt, raw,
                null);
    }

    public Optional<Property> propertyIfAny() {
        return Optional.ofNullable(property);
    }
}
