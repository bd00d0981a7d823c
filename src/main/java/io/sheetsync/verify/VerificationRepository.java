package io.sheetsync.verify;

import io.sheetsync.db.ArrayLiterals;
import io.sheetsync.seller.SellerDefect;

import javax.sql.DataSource;
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
 * are the read's stage ({@code sheet_stage}). However large the sheet, one full join of the stage with {@code sellers}
 * (and their property records) answers every check at once; it runs in two halves of the key range side by side, one
 * per core, on two connections that see one snapshot.
 */
public final class VerificationRepository {

    // those of the given staged keys (a resync's) that are missing, or stored with another content
    private static final String RECHECK = """
            SELECT k.seller_number, s.id IS NULL AS missing
            FROM sheet_stage k LEFT JOIN sellers s ON s.seller_number = k.seller_number
            WHERE k.stage_id = ? AND k.seller_number = ANY(?::varchar[])
              AND (s.id IS NULL OR s.content_hash IS DISTINCT FROM k.content_hash)
            ORDER BY k.seller_number""";

    private static final String ROW_DEFECTS = """
            SELECT s.id, s.seller_number, d.kind, d.field FROM sellers s
              CROSS JOIN LATERAL (VALUES
                ('INVALID_FORMAT', 'seller_number', s.seller_number !~ '^AA[0-9]+$'),
                ('MISSING_REQUIRED_FIELD', 'name', s.name IS NULL OR btrim(s.name) = ''),
                ('MISSING_REQUIRED_FIELD', 'inquiry_date', s.inquiry_date IS NULL)) d (kind, field, broken)
              WHERE s.id = ANY(?::uuid[]) AND d.broken
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
    /** Checks one part of the key range of {@link #compare} while the caller's thread checks the other. */
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
     * orphans, at most {@code defectLimit} stored-row defects, and the stored count. The stage's key range is checked
     * in two parts side by side ({@link KeyRangeCheck}), on two connections that share the snapshot (PostgreSQL's
     * exported snapshots): the server has a core for each.
     */
    public StoredState compare(long stage, int defectLimit) throws SQLException {
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            begin(first);
            begin(second);
            try {
                oneCoreEach(first);
                oneCoreEach(second);
                shareSnapshot(first, second);
                KeyRangeCheck.Findings found = findings(first, second, stage);
                List<SellerDefect> defects = new ArrayList<>(found.propertyDefects());
                defects.addAll(rowDefects(first, found.broken(), defectLimit));
                defects.sort(LISTED);
                StoredState state = new StoredState(sorted(found.missing()), sorted(found.drifted()),
                        sorted(found.orphans()), List.copyOf(defects.subList(0, Math.min(defectLimit, defects.size()))),
                        found.stored());
                first.commit();
                second.commit();
                return state;
            } catch (SQLException | RuntimeException e) {
                first.rollback();
                second.rollback();
                throw e;
            }
        }
    }

    /** Both parts of the key range, the second on the worker; the whole range at once if the stage has no split key. */
    private KeyRangeCheck.Findings findings(Connection first, Connection second, long stage) throws SQLException {
        String split = KeyRangeCheck.splitKey(first);
        if (split == null) {
            return KeyRangeCheck.whole(first, stage);
        }
        Future<KeyRangeCheck.Findings> after = worker.submit(() -> KeyRangeCheck.fromSplit(second, stage, split));
        try {
            return KeyRangeCheck.beforeSplit(first, stage, split).plus(result(after));
        } finally {
            awaitQuietly(after); // never hand the other connection back mid-query
        }
    }

    private static List<String> sorted(List<String> keys) {
        return keys.stream().sorted(Comparator.nullsFirst(Comparator.naturalOrder())).toList();
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

    /** Waits for the other part to end, whatever became of it; its failure, if any, is the caller's to report. */
    private static void awaitQuietly(Future<?> part) {
        try {
            part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // reported by result() when the caller got that far; otherwise the caller's own failure stands
        }
    }

    private static <T> T result(Future<T> part) throws SQLException {
        try {
            return part.get();
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
                List<String> missing = new ArrayList<>();
                List<String> drifted = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement(RECHECK)) {
                    statement.setLong(1, stage);
                    statement.setString(2, ArrayLiterals.texts(keys));
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            (rows.getBoolean(2) ? missing : drifted).add(rows.getString(1));
                        }
                    }
                }
                int count;
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery(COUNT)) {
                    rows.next();
                    count = rows.getInt(1);
                }
                connection.commit();
                return new StoredState(missing, drifted, List.of(), List.of(), count);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** The defects of the stored rows found broken, at most {@code limit}; none to read in the usual case. */
    private static List<SellerDefect> rowDefects(Connection connection, List<UUID> broken, int limit)
            throws SQLException {
        List<SellerDefect> defects = new ArrayList<>();
        if (broken.isEmpty()) {
            return defects;
        }
        try (PreparedStatement statement = connection.prepareStatement(ROW_DEFECTS)) {
            statement.setString(1, ArrayLiterals.uuids(broken));
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
}
