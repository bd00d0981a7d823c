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
 * are the read's stage ({@code sheet_stage}); the checks are four set queries, however large the sheet.
 */
public final class VerificationRepository {

    // The checks read sellers as few times as they can: one join of the stage's keys with sellers (missing and
    // drifted), one pass over sellers (the count and the orphans), one pass over sellers for the defects of the rows
    // themselves, one join for the property records.

    // the staged keys of the run, all of them or (a recheck) those of the array, that are missing or drifted
    private static final String GAPS = """
            SELECT k.seller_number, s.seller_number IS NULL AS missing
            FROM sheet_stage k LEFT JOIN sellers s ON s.seller_number = k.seller_number
            WHERE k.stage_id = ? AND (?::varchar[] IS NULL OR k.seller_number = ANY(?::varchar[]))
              AND (s.seller_number IS NULL OR s.content_hash IS DISTINCT FROM k.content_hash)
            ORDER BY k.seller_number""";

    private static final String COUNT_AND_ORPHANS = """
            SELECT count(*), array_agg(s.seller_number ORDER BY s.seller_number) FILTER (WHERE k.seller_number IS NULL)
            FROM sellers s LEFT JOIN (SELECT seller_number FROM sheet_stage WHERE stage_id = ?) k
              ON k.seller_number = s.seller_number""";

    private static final String COUNT = "SELECT count(*) FROM sellers";

    private static final String STORED_DEFECTS = """
            SELECT s.id, s.seller_number, d.kind, d.field FROM sellers s
              CROSS JOIN LATERAL (VALUES
                ('INVALID_FORMAT', 'seller_number', s.seller_number !~ '^AA[0-9]+$'),
                ('MISSING_REQUIRED_FIELD', 'name', s.name IS NULL OR btrim(s.name) = ''),
                ('MISSING_REQUIRED_FIELD', 'inquiry_date', s.inquiry_date IS NULL)) d (kind, field, broken)
              WHERE d.broken
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
            // one snapshot for every check
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Gaps gaps = gaps(connection, stage, null);
                StoredState state;
                try (PreparedStatement statement = connection.prepareStatement(COUNT_AND_ORPHANS)) {
                    statement.setLong(1, stage);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        Array orphans = rows.getArray(2);
                        state = new StoredState(gaps.missing(), gaps.drifted(),
                                orphans == null ? List.of() : List.of((String[]) orphans.getArray()),
                                defects(connection, stage, defectLimit), rows.getInt(1));
                    }
                }
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
                Gaps gaps = gaps(connection, stage, keys);
                int count;
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery(COUNT)) {
                    rows.next();
                    count = rows.getInt(1);
                }
                connection.commit();
                return new StoredState(gaps.missing(), gaps.drifted(), List.of(), List.of(), count);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private record Gaps(List<String> missing, List<String> drifted) {
    }

    /** The staged keys missing from sellers or stored otherwise, over the whole stage or only {@code only} of it. */
    private static Gaps gaps(Connection connection, long stage, Collection<String> only) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(GAPS)) {
            Array array = only == null ? null : connection.createArrayOf("varchar", only.toArray());
            statement.setLong(1, stage);
            statement.setArray(2, array);
            statement.setArray(3, array);
            List<String> missing = new ArrayList<>();
            List<String> drifted = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    (rows.getBoolean(2) ? missing : drifted).add(rows.getString(1));
                }
            }
            return new Gaps(missing, drifted);
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

}
