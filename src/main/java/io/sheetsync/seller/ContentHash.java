package io.sheetsync.seller;

import io.sheetsync.db.Utf8Buffer;
import io.sheetsync.sheet.RawCells;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;

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

    /** The raw keys' part of the canonical text, encoded once per sheet layout (see {@link PerLayout}), per thread. */
    private static final ThreadLocal<PerLayout<byte[][]>> KEYS =
            ThreadLocal.withInitial(() -> new PerLayout<>(ContentHash::encodedKeys));

    private static final HexFormat HEX = HexFormat.of();

    private ContentHash() {
    }

    /** The hash of a seller's stored fields and raw cells (see {@link Seller#contentHash()}). */
    static String of(String sellerNumber, String name, LocalDate inquiryDate, String phone, String email,
                     String address, String status, Property property, OffsetDateTime sourceUpdatedAt,
                     RawCells raw) {
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
        byte[][] keys = KEYS.get().of(raw);
        for (int i = 0; i < keys.length; i++) {
            canonical.appendEncoded(keys[i]);
            append(canonical, raw.valueAt(i));
        }
        MessageDigest sha256 = SHA_256.get();
        canonical.digestInto(sha256);
        return HEX.formatHex(sha256.digest()); // digest() resets it for the next seller
    }

    /** Each raw key's canonical text ({@code length:key|}), as UTF-8. */
    private static byte[][] encodedKeys(RawCells raw) {
        Utf8Buffer key = new Utf8Buffer(64);
        byte[][] encoded = new byte[raw.size()][];
        for (int i = 0; i < encoded.length; i++) {
            key.clear();
            append(key, raw.keyAt(i));
            encoded[i] = key.toByteArray();
        }
        return encoded;
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
