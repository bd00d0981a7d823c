package io.sheetsync.verify;

import io.sheetsync.seller.SellerDefect;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The read-back queries of verification on {@code sellers} and {@code properties}: missing, orphaned and drifted keys
 * and stored rows that break the rules. The sheet's keys (with their content hash and whether they have a property)
 * are the read's stage ({@code sheet_stage}); each check is one set query against it, however large the sheet.
 */
public final class VerificationRepository {

    // the staged keys of the run, all of them or (a recheck) those of the array
    private static final String KEYS = "(SELECT seller_number, content_hash, has_property FROM sheet_stage"
            + " WHERE stage_id = ? AND (?::varchar[] IS NULL OR seller_number = ANY(?::varchar[]))) k";

    private static final String MISSING = "SELECT k.seller_number FROM " + KEYS
            + " WHERE NOT EXISTS (SELECT 1 FROM sellers s WHERE s.seller_number = k.seller_number)"
            + " ORDER BY k.seller_number";

    private static final String ORPHANS = "SELECT s.seller_number FROM sellers s"
            + " WHERE NOT EXISTS (SELECT 1 FROM " + KEYS + " WHERE k.seller_number = s.seller_number)"
            + " ORDER BY s.seller_number";

    private static final String DRIFTED = "SELECT k.seller_number FROM " + KEYS
            + " JOIN sellers s ON s.seller_number = k.seller_number"
            + " WHERE s.content_hash IS DISTINCT FROM k.content_hash ORDER BY k.seller_number";

    private static final String STORED_DEFECTS = """
            SELECT id, seller_number, 'INVALID_FORMAT', 'seller_number' FROM sellers
              WHERE seller_number !~ '^AA[0-9]+$'
            UNION ALL SELECT id, seller_number, 'MISSING_REQUIRED_FIELD', 'name' FROM sellers
              WHERE name IS NULL OR btrim(name) = ''
            UNION ALL SELECT id, seller_number, 'MISSING_REQUIRED_FIELD', 'inquiry_date' FROM sellers
              WHERE inquiry_date IS NULL
            UNION ALL SELECT s.id, s.seller_number,
                CASE WHEN k.has_property THEN 'MISSING_PROPERTY' ELSE 'UNEXPECTED_PROPERTY' END, 'property'
              FROM (SELECT seller_number, has_property FROM sheet_stage WHERE stage_id = ?) k
              JOIN sellers s ON s.seller_number = k.seller_number
              LEFT JOIN properties p ON p.seller_id = s.id
              WHERE k.has_property <> (p.id IS NOT NULL)
            ORDER BY 2, 3
            LIMIT ?""";

    /** What the database holds against a sheet's keys (see {@link #compare}). */
    public record StoredState(List<String> missing, List<String> drifted, List<String> orphans,
                              List<SellerDefect> defects, int count) {
    }

    private final DataSource dataSource;

    public VerificationRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Every check at once, on one connection, against the staged sheet: missing and drifted keys, orphans, at most
     * {@code defectLimit} stored-row defects, and the stored count.
     */
    public StoredState compare(long stage, int defectLimit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                StoredState state = new StoredState(keys(connection, MISSING, stage, null),
                        keys(connection, DRIFTED, stage, null), keys(connection, ORPHANS, stage, null),
                        defects(connection, stage, defectLimit), count(connection));
                connection.commit();
                return state;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Missing and drifted keys of a few staged sellers (a resync's), and the stored count: what a recheck needs. */
    public StoredState recheck(long stage, Collection<String> keys) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                StoredState state = new StoredState(keys(connection, MISSING, stage, keys),
                        keys(connection, DRIFTED, stage, keys), List.of(), List.of(), count(connection));
                connection.commit();
                return state;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static int count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM sellers")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static List<SellerDefect> defects(Connection connection, long stage, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(STORED_DEFECTS)) {
            statement.setLong(1, stage);
            statement.setInt(2, limit);
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

    /** The keys a check lists, over the whole stage or only {@code only} of it. */
    private static List<String> keys(Connection connection, String sql, long stage, Collection<String> only)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Array array = only == null ? null : connection.createArrayOf("varchar", only.toArray());
            statement.setLong(1, stage);
            statement.setArray(2, array);
            statement.setArray(3, array);
            List<String> keys = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        }
    }
}
