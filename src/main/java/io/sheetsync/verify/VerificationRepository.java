package io.sheetsync.verify;

import io.sheetsync.db.CsvCopy;
import io.sheetsync.seller.SellerDefect;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The read-back queries of verification on {@code sellers} and {@code properties}: missing, orphaned and drifted keys
 * and stored rows that break the rules. The sheet's keys (with their content hash and whether they have a property)
 * are copied once into a temporary table, and each check is one set query against it, however large the sheet.
 */
public final class VerificationRepository {

    private static final String CREATE_KEYS = """
            CREATE TEMP TABLE IF NOT EXISTS verify_keys (
              seller_number varchar(50) PRIMARY KEY, content_hash varchar(64), has_property boolean
            ) ON COMMIT DELETE ROWS""";

    private static final String COPY_KEYS =
            "COPY verify_keys (seller_number, content_hash, has_property) FROM STDIN WITH (FORMAT csv)";

    private static final String MISSING = """
            SELECT k.seller_number FROM verify_keys k
            WHERE NOT EXISTS (SELECT 1 FROM sellers s WHERE s.seller_number = k.seller_number)
            ORDER BY k.seller_number""";

    private static final String ORPHANS = """
            SELECT s.seller_number FROM sellers s
            WHERE NOT EXISTS (SELECT 1 FROM verify_keys k WHERE k.seller_number = s.seller_number)
            ORDER BY s.seller_number""";

    private static final String DRIFTED = """
            SELECT k.seller_number FROM verify_keys k JOIN sellers s ON s.seller_number = k.seller_number
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
              FROM verify_keys k
              JOIN sellers s ON s.seller_number = k.seller_number
              LEFT JOIN properties p ON p.seller_id = s.id
              WHERE k.has_property <> (p.id IS NOT NULL)
            ORDER BY 2, 3
            LIMIT ?""";

    /** One sheet row as verification sees it: its content hash and whether it has property data. */
    public record SheetKey(String contentHash, boolean hasProperty) {
    }

    /** What the database holds against a sheet's keys (see {@link #compare}). */
    public record StoredState(List<String> missing, List<String> drifted, List<String> orphans,
                              List<SellerDefect> defects, int count) {
    }

    private final DataSource dataSource;

    public VerificationRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Every check at once, on one connection with the keys copied once: missing and drifted keys, orphans, at most
     * {@code defectLimit} stored-row defects, and the stored count.
     */
    public StoredState compare(Map<String, SheetKey> sheet, int defectLimit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                stage(connection, sheet);
                StoredState state = new StoredState(keys(connection, MISSING), keys(connection, DRIFTED),
                        keys(connection, ORPHANS), defects(connection, defectLimit), count(connection));
                connection.commit();
                return state;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Missing and drifted keys of a few sellers (a resync's), and the stored count: what a recheck needs. */
    public StoredState recheck(Map<String, SheetKey> sheet) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                stage(connection, sheet);
                StoredState state = new StoredState(keys(connection, MISSING), keys(connection, DRIFTED), List.of(),
                        List.of(), count(connection));
                connection.commit();
                return state;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void stage(Connection connection, Map<String, SheetKey> sheet) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_KEYS);
            statement.execute("DELETE FROM verify_keys");
        }
        CsvCopy rows = CsvCopy.rows(sheet.size());
        sheet.forEach((key, row) -> rows.add(key, row.contentHash(), row.hasProperty() ? "t" : "f"));
        rows.copy(connection, COPY_KEYS);
    }

    private static int count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM sellers")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static List<SellerDefect> defects(Connection connection, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(STORED_DEFECTS)) {
            statement.setInt(1, limit);
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

    private static List<String> keys(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> keys = new ArrayList<>();
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
            return keys;
        }
    }
}
