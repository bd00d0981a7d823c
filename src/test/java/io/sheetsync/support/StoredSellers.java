package io.sheetsync.support;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sellers table as a test reads it back (every seller with its property record and version), to compare with what
 * a generated sheet intends ({@link MessySheet#expectedSellers()}).
 */
public final class StoredSellers {

    private static final String READ = """
            SELECT s.seller_number, s.name, s.inquiry_date, s.phone, s.email, s.address, s.status, p.address,
              p.property_type, p.land_area, p.building_area, s.source_updated_at, s.version, p.id IS NOT NULL
            FROM sellers s LEFT JOIN properties p ON p.seller_id = s.id""";

    private StoredSellers() {
    }

    /**
     * One stored seller.
     *
     * @param seller      what the row holds, in the form of the seller a sheet row intends
     * @param hasProperty whether a property record exists for it
     * @param version     the row's optimistic-lock version
     */
    public record Stored(IntendedSeller seller, boolean hasProperty, int version) {
    }

    /** Every stored seller by seller number; fails if a seller number is stored twice. */
    public static Map<String, Stored> read(TestDatabase database) {
        Map<String, Stored> stored = new TreeMap<>();
        try (Connection connection = database.pooled(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(READ)) {
            while (rows.next()) {
                OffsetDateTime updated = rows.getObject(12, OffsetDateTime.class);
                IntendedSeller seller = new IntendedSeller(rows.getString(1), rows.getString(2),
                        rows.getObject(3, LocalDate.class), rows.getString(4), rows.getString(5), rows.getString(6),
                        rows.getString(7), rows.getString(8), rows.getString(9), rows.getBigDecimal(10),
                        rows.getBigDecimal(11), updated == null ? null : updated.toInstant());
                Stored previous = stored.put(seller.sellerNumber(), new Stored(seller, rows.getBoolean(14),
                        rows.getInt(13)));
                assertThat(previous).as("seller %s stored twice", seller.sellerNumber()).isNull();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the sellers table failed", e);
        }
        return stored;
    }

    /**
     * Asserts that the table holds exactly these sellers, each once, every field and property record as intended.
     * Returns what it read.
     */
    public static Map<String, Stored> assertHolds(TestDatabase database, Map<String, IntendedSeller> expected) {
        Map<String, Stored> stored = read(database);
        assertThat(stored.keySet()).as("stored seller numbers").containsExactlyElementsOf(new TreeMap<>(expected)
                .keySet());
        expected.forEach((key, intended) -> {
            Stored row = stored.get(key);
            assertThat(canonical(row.seller())).as("stored %s", key).isEqualTo(canonical(intended));
            assertThat(row.hasProperty()).as("property record of %s", key).isEqualTo(intended.hasProperty());
        });
        return stored;
    }

    /** The version of each stored seller, by seller number. */
    public static Map<String, Integer> versions(Map<String, Stored> stored) {
        Map<String, Integer> versions = new TreeMap<>();
        stored.forEach((key, row) -> versions.put(key, row.version()));
        return versions;
    }

    /** The seller with its areas in one scale, so that 12.5 and 12.50 compare equal. */
    private static IntendedSeller canonical(IntendedSeller seller) {
        return new IntendedSeller(seller.sellerNumber(), seller.name(), seller.inquiryDate(), seller.phone(),
                seller.email(), seller.address(), seller.status(), seller.propertyAddress(), seller.propertyType(),
                plain(seller.landArea()), plain(seller.buildingArea()), seller.updatedAt());
    }

    private static BigDecimal plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}
