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
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The read-back queries of verification on {@code sellers} and {@code properties}: missing, orphaned and drifted keys
 * and stored rows that break the rules. The sheet's keys (with their content hash and whether they have a property)
 * are the read's stage ({@code sheet_stage}). However large the sheet, the checks read it and {@code sellers} twice,
 * side by side: one join from the stage (missing, drifted, property records out of step) and one pass over
 * {@code sellers} (the count, the orphans, the rows that break the rules, whose details are then read by id).
 */
public final class VerificationRepository {

    // the staged keys of the run, all of them or (a recheck) those of the array, that are missing or stored otherwise
    private static final String SHEET_SIDE = """
            SELECT k.seller_number, s.id, s.id IS NULL AS missing,
              s.content_hash IS DISTINCT FROM k.content_hash AS drifted,
              k.has_property <> (p.id IS NOT NULL) AS property_out_of_step, k.has_property
            FROM sheet_stage k LEFT JOIN sellers s ON s.seller_number = k.seller_number
              LEFT JOIN properties p ON p.seller_id = s.id
            WHERE k.stage_id = ? AND (?::varchar[] IS NULL OR k.seller_number = ANY(?::varchar[]))
              AND (s.id IS NULL OR s.content_hash IS DISTINCT FROM k.content_hash
                OR k.has_property <> (p.id IS NOT NULL))
            ORDER BY k.seller_number""";

    // What a stored row must be, the CHECK and NOT NULL constraints aside: they can be dropped, or bypassed.
    private static final String BROKEN = "s.seller_number !~ '^AA[0-9]+$' OR s.name IS NULL OR btrim(s.name) = ''"
            + " OR s.inquiry_date IS NULL";

    private static final String STORED_SIDE = "SELECT count(*),"
            + " array_agg(s.seller_number ORDER BY s.seller_number) FILTER (WHERE k.seller_number IS NULL),"
            + " array_agg(s.id) FILTER (WHERE " + BROKEN + ")"
            + " FROM sellers s LEFT JOIN (SELECT seller_number FROM sheet_stage WHERE stage_id = ?) k"
            + " ON k.seller_number = s.seller_number";

    private static final String ROW_DEFECTS = """
            SELECT s.id, s.seller_number, d.kind, d.field FROM sellers s
              CROSS JOIN LATERAL (VALUES
                ('INVALID_FORMAT', 'seller_number', s.seller_number !~ '^AA[0-9]+$'),
                ('MISSING_REQUIRED_FIELD', 'name', s.name IS NULL OR btrim(s.name) = ''),
                ('MISSING_REQUIRED_FIELD', 'inquiry_date', s.inquiry_date IS NULL)) d (kind, field, broken)
              WHERE s.id = ANY(?) AND d.broken
            ORDER BY 2, 3
            LIMIT ?""";

    private static final String COUNT = "SELECT count(*) FROM sellers";

    /** What the database holds against a sheet's keys (see {@link #compare}). */
    public record StoredState(List<String> missing, List<String> drifted, List<String> orphans,
                              List<SellerDefect> defects, int count) {
    }

    /** Defects in the order verification lists them: by seller number, then kind. */
    private static final Comparator<SellerDefect> LISTED = Comparator.comparing(SellerDefect::sellerNumber)
            .thenComparing(defect -> defect.kind().name());

    private final DataSource dataSource;
    /** Runs the stage's side of {@link #compare} while the caller's thread reads sellers. */
    private final ExecutorService worker = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "verification");
        thread.setDaemon(true);
        return thread;
    });

    public VerificationRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Every check at once, against the staged sheet and one snapshot of the database: missing and drifted keys,
     * orphans, at most {@code defectLimit} stored-row defects, and the stored count. The stage's join and the pass
     * over sellers run side by side on two connections that share the snapshot (PostgreSQL's exported snapshots):
     * each reads every stored seller, and the server has a core for each.
     */
    public StoredState compare(long stage, int defectLimit) throws SQLException {
        try (Connection stored = dataSource.getConnection(); Connection staged = dataSource.getConnection()) {
            begin(stored);
            begin(staged);
            try {
                oneCoreEach(stored);
                oneCoreEach(staged);
                shareSnapshot(stored, staged);
                Future<SheetSide> sheetSide = worker.submit(() -> sheetSide(staged, stage, null));
                StoredState state;
                try (PreparedStatement statement = stored.prepareStatement(STORED_SIDE)) {
                    statement.setLong(1, stage);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        SheetSide sheet = result(sheetSide);
                        List<SellerDefect> defects = new ArrayList<>(sheet.propertyDefects());
                        defects.addAll(rowDefects(stored, rows.getArray(3), defectLimit));
                        defects.sort(LISTED);
                        state = new StoredState(sheet.missing(), sheet.drifted(), strings(rows.getArray(2)),
                                List.copyOf(defects.subList(0, Math.min(defectLimit, defects.size()))),
                                rows.getInt(1));
                    }
                } finally {
                    awaitQuietly(sheetSide); // never hand the other connection back mid-query
                }
                stored.commit();
                staged.commit();
                return state;
            } catch (SQLException | RuntimeException e) {
                stored.rollback();
                staged.rollback();
                throw e;
            }
        }
    }

    private static void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    }

    /**
     * Keeps each side on one core: the two sides already run side by side, and parallel workers on top of them only
     * contend for the same cores (both sides took about a fifth longer with them on 2 cores, 100 000 rows).
     */
    private static void oneCoreEach(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL max_parallel_workers_per_gather = 0");
        }
    }

    /** Makes {@code to} see exactly what {@code from} sees: its transaction's snapshot, exported and imported. */
    private static void shareSnapshot(Connection from, Connection to) throws SQLException {
        String snapshot;
        try (Statement statement = from.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_export_snapshot()")) {
            rows.next();
            snapshot = rows.getString(1);
        }
        try (PreparedStatement statement = to.prepareStatement("SET TRANSACTION SNAPSHOT '"
                + snapshot.replace("'", "''") + "'")) {
            statement.execute();
        }
    }

    /** Waits for the stage's side to end, whatever became of it; its failure, if any, is the caller's to report. */
    private static void awaitQuietly(Future<SheetSide> sheetSide) {
        try {
            sheetSide.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // reported by result() when the caller got that far; otherwise the caller's own failure stands
        }
    }

    private static SheetSide result(Future<SheetSide> sheetSide) throws SQLException {
        try {
            return sheetSide.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while verifying", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new SQLException("verification failed: " + e.getCause(), e.getCause());
        }
    }

    /** Missing and drifted keys of a few staged sellers (a resync's), and the stored count: what a recheck needs. */
    public StoredState recheck(long stage, Collection<String> keys) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                SheetSide sheet = sheetSide(connection, stage, keys);
                int count;
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery(COUNT)) {
                    rows.next();
                    count = rows.getInt(1);
                }
                connection.commit();
                return new StoredState(sheet.missing(), sheet.drifted(), List.of(), List.of(), count);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private record SheetSide(List<String> missing, List<String> drifted, List<SellerDefect> propertyDefects) {
    }

    /** The staged keys missing from sellers or stored otherwise, over the whole stage or only {@code only} of it. */
    private static SheetSide sheetSide(Connection connection, long stage, Collection<String> only)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SHEET_SIDE)) {
            Array array = only == null ? null : connection.createArrayOf("varchar", only.toArray());
            statement.setLong(1, stage);
            statement.setArray(2, array);
            statement.setArray(3, array);
            List<String> missing = new ArrayList<>();
            List<String> drifted = new ArrayList<>();
            List<SellerDefect> defects = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getString(1);
                    if (rows.getBoolean(3)) {
                        missing.add(key);
                        continue;
                    }
                    if (rows.getBoolean(4)) {
                        drifted.add(key);
                    }
                    if (rows.getBoolean(5)) {
                        defects.add(new SellerDefect(rows.getObject(2, UUID.class), key, rows.getBoolean(6)
                                ? SellerDefect.Kind.MISSING_PROPERTY : SellerDefect.Kind.UNEXPECTED_PROPERTY,
                                "property"));
                    }
                }
            }
            return new SheetSide(missing, drifted, defects);
        }
    }

    /** The defects of the stored rows found broken, at most {@code limit}; none to read in the usual case. */
    private static List<SellerDefect> rowDefects(Connection connection, Array broken, int limit)
            throws SQLException {
        List<SellerDefect> defects = new ArrayList<>();
        if (broken == null) {
            return defects;
        }
        try (PreparedStatement statement = connection.prepareStatement(ROW_DEFECTS)) {
            statement.setArray(1, broken);
            statement.setInt(2, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    defects.add(new SellerDefect(rows.getObject(1, UUID.class), rows.getString(2),
                            SellerDefect.Kind.valueOf(rows.getString(3)), rows.getString(4)));
                }
            }
        }
        return defects;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
