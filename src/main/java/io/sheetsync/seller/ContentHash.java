package io.sheetsync.seller;

import io.sheetsync.db.Utf8Buffer;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;

/**
 * The content hash that lets the upsert skip unchanged rows.
 *
 * <p>It covers every stored field and every raw cell, but not the row's position: a row that only moved in the
 * sheet is not a change. Each value is length-prefixed so that no two different sellers share an input.
 */
public final class ContentHash {

    /** One digest per thread, not a provider lookup per seller: the hash is computed for every row of every run. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    /** The canonical text of the seller being hashed, as UTF-8: one buffer per thread, reused for every seller. */
    private static final ThreadLocal<Utf8Buffer> CANONICAL = ThreadLocal.withInitial(() -> new Utf8Buffer(1024));

    private static final HexFormat HEX = HexFormat.of();

    private ContentHash() {
    }

    /** The hash of a seller's stored fields and raw cells (see {@link Seller#contentHash()}). */
    static String of(String sellerNumber, String name, LocalDate inquiryDate, String phone, String email,
                     String address, String status, Property property, OffsetDateTime sourceUpdatedAt,
                     Map<String, String> raw) {
        Utf8Buffer canonical = CANONICAL.get();
        canonical.clear();
        append(canonical, sellerNumber);
        append(canonical, name);
        append(canonical, inquiryDate.toString());
        append(canonical, phone);
        append(canonical, email);
        append(canonical, address);
        append(canonical, status);
        append(canonical, sourceUpdatedAt == null ? null : sourceUpdatedAt.toInstant().toString());
        if (property == null) {
            append(canonical, null);
        } else {
            append(canonical, "property");
            append(canonical, property.address());
            append(canonical, property.propertyType());
            append(canonical, plain(property.landArea()));
            append(canonical, plain(property.buildingArea()));
        }
        for (Map.Entry<String, String> cell : raw.entrySet()) {
            append(canonical, cell.getKey());
            append(canonical, cell.getValue());
        }
        MessageDigest sha256 = SHA_256.get();
        canonical.digestInto(sha256);
        return HEX.formatHex(sha256.digest()); // digest() resets it for the next seller
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    /** The value's length in UTF-16 units, a colon, the value and a bar; null is "-1:" and the bar. */
    private static void append(Utf8Buffer canonical, String value) {
        if (value == null) {
            canonical.append("-1:");
        } else {
            canonical.append(value.length()).append(':').append(value);
        }
        canonical.append('|');
    }
}
