package io.sheetsync.verify;

import io.sheetsync.seller.SellerDefect;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The read-back queries of verification on {@code sellers} and {@code properties}: missing, orphaned and drifted keys
 * and stored rows that break the rules, each one set query however large the sheet.
 */
public final class VerificationRepository {

    private static final String MISSING = """
            SELECT k.seller_number FROM unnest(?::varchar[]) AS k(seller_number)
            WHERE NOT EXISTS (SELECT 1 FROM sellers s WHERE s.seller_number = k.seller_number)
            ORDER BY k.seller_number""";

    private static final String ORPHANS = """
            SELECT s.seller_number FROM sellers s
            WHERE NOT EXISTS (SELECT 1 FROM unnest(?::varchar[]) AS k(seller_number) WHERE k.seller_number = s.seller_number)
            ORDER BY s.seller_number""";

    private static final String DRIFTED = """
            SELECT k.seller_number FROM unnest(?::varchar[], ?::varchar[]) AS k(seller_number, content_hash)
            JOIN sellers s ON s.seller_number = k.seller_number
            WHERE s.content_hash IS DISTINCT FROM k.content_hash
            ORDER BY k.seller_number""";

    private static final String STORED_DEFECTS = """
            SELECT id, seller_number, 'INVALID_FORMAT', 'seller_number' FROM sellers
              WHERE seller_number !~ '^AA[0-9]+$'
            UNION ALL SELECT id, seller_number, 'MISSING_REQUIRED_FIELD', 'name' FROM sellers
              WHERE name IS NULL OR btrim(name) = ''
            UNION ALL SELECT id, seller_number, 'MISSING_REQUIRED_FIELD', 'inquiry_date' FROM sellers
              WHERE inquiry_date IS NULL
            UNION ALL SELECT s.id, s.seller_number,
                CASE WHEN k.has_property THEN 'MISSING_PROPERTY' ELSE 'UNEXPECTED_PROPERTY' END, 'property'
              FROM unnest(?::varchar[], ?::boolean[]) AS k(seller_number, has_property)
              JOIN sellers s ON s.seller_number = k.seller_number
              LEFT JOIN properties p ON p.seller_id = s.id
              WHERE k.has_property <> (p.id IS NOT NULL)
            ORDER BY 2, 3
            LIMIT ?""";

    private final DataSource dataSource;

    public VerificationRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** How many sellers are stored. */
    public int count() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM sellers")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Keys of {@code sheetKeys} with no stored row: the gaps, found with one set query however large the sheet. */
    public List<String> missing(Collection<String> sheetKeys) throws SQLException {
        return sheetKeys.isEmpty() ? List.of() : keys(MISSING, array("varchar", sheetKeys));
    }

    /** Stored sellers that are not in {@code sheetKeys}. They are reported, never deleted. */
    public List<String> orphans(Collection<String> sheetKeys) throws SQLException {
        return keys(ORPHANS, array("varchar", sheetKeys));
    }

    /** Stored sellers whose content hash differs from the sheet's (key to hash) after the run. */
    public List<String> drifted(Map<String, String> sheetHashes) throws SQLException {
        if (sheetHashes.isEmpty()) {
            return List.of();
        }
        return keys(DRIFTED, array("varchar", sheetHashes.keySet()), array("varchar", sheetHashes.values()));
    }

    /**
     * Stored rows that break the rules: bad keys and blank required fields anywhere in the table, and a property record
     * where the sheet says there is none (or none where it says there is one) for the sheet's sellers.
     */
    public List<SellerDefect> defects(Map<String, Boolean> sheetHasProperty, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(STORED_DEFECTS)) {
            statement.setArray(1, connection.createArrayOf("varchar", sheetHasProperty.keySet().toArray()));
            statement.setArray(2, connection.createArrayOf("boolean", sheetHasProperty.values().toArray()));
            statement.setInt(3, limit);
            List<SellerDefect> defects = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    defects.add(new SellerDefect(rows.getObject(1, UUID.class), rows.getString(2),
                            SellerDefect.Kind.valueOf(rows.getString(3)), rows.getString(4)));
                }
            }
            return defects;
        }
    }

    private List<String> keys(String sql, ArrayValue... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setArray(i + 1, connection.createArrayOf(parameters[i].type(), parameters[i].values()));
            }
            List<String> keys = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        }
    }

    private static ArrayValue array(String type, Collection<?> values) {
        return new ArrayValue(type, values.toArray());
    }

    /** A SQL array parameter: its element type and values. */
    private record ArrayValue(String type, Object[] values) {
    }
}
