package io.sheetsync.seller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.db.CsvCopy;
import io.sheetsync.db.OwnTransaction;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The sheet as one read (a run's or a plan's) parsed it, staged in {@code sheet_stage} chunk by chunk while it is
 * fetched: the process keeps no whole-sheet copy of the cells. The comparison with the database, the batch merges
 * and verification read the stage with set queries ({@code stage_id = ?}); a stage is removed when its read is over,
 * and one left behind by a process that died is removed by the next run's read.
 */
public final class SheetStage {

    /** A stage older than this belongs to a process that died: no run lives that long (SYNC_RUN_TIMEOUT_MINUTES). */
    private static final String ABANDONED_AFTER = "1 day";

    private static final String REMOVE_ABANDONED = "DELETE FROM sheet_stage WHERE stage_id IN"
            + " (SELECT id FROM sheet_stages WHERE opened_at < now() - interval '" + ABANDONED_AFTER + "')";
    private static final String REMOVE_ABANDONED_STAGES =
            "DELETE FROM sheet_stages WHERE opened_at < now() - interval '" + ABANDONED_AFTER + "'";
    private static final String OPEN = "INSERT INTO sheet_stages DEFAULT VALUES RETURNING id";

    // A read's rows are deleted when it ends, and deleted rows stay in the table until a vacuum: 100 000 a run, which
    // an autovacuum that is off or behind may never catch up with (a no-change run read 0.9 GB of them after a few
    // dozen runs, and took 40 % longer). Emptying the whole table leaves none, and is cheaper than the delete. It is
    // only done while no other stage is open and no one else uses the table (NOWAIT): a TRUNCATE is not MVCC-safe,
    // so it must never run under rows someone may still read. And only once the table is large: a TRUNCATE takes
    // about 10 ms (its commit waits for the WAL), more than deleting a small sheet's rows.
    private static final String SIZE = "SELECT pg_relation_size('sheet_stage')";
    private static final String CLAIM = "LOCK TABLE sheet_stage IN ACCESS EXCLUSIVE MODE NOWAIT";
    private static final String OTHER_STAGES = "SELECT EXISTS (SELECT 1 FROM sheet_stages WHERE id <> ?)";
    private static final String EMPTY = "TRUNCATE sheet_stage";
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** No stage of the caller's: stage ids start at 1. */
    private static final long NO_STAGE = 0;

    // the StageFilling.COLUMNS values of a staged row, in their binary form
    private static final String COPY = """
            COPY sheet_stage (stage_id, source_row, seller_number, name, inquiry_date, phone, email, address, status,
              source_updated_at, content_hash, raw, has_property, property_address, property_type, land_area,
              building_area) FROM STDIN WITH (FORMAT binary)""";

    // every row of the given keys that were staged more than once
    private static final String DUPLICATED = """
            SELECT seller_number, source_row, source_updated_at FROM (
              SELECT seller_number, source_row, source_updated_at,
                count(*) OVER (PARTITION BY seller_number) AS copies
              FROM sheet_stage WHERE stage_id = ? AND seller_number = ANY(?)) staged
            WHERE copies > 1 ORDER BY seller_number, source_row""";

    private static final String REMOVE_ROWS =
            "DELETE FROM sheet_stage WHERE stage_id = ? AND seller_number = ? AND source_row = ?";

    // A row staged without its cells and fields (the database held its content, see StageFilling#append) takes the
    // stored row's, which are the same (the same hash); its cells in the order jsonb keeps keys. Only such a row
    // joins a stored one, so each coalesce takes the staged value of every other row, null or not.
    private static final String SELLERS = """
            SELECT s.seller_number, coalesce(s.name, t.name), coalesce(s.inquiry_date, t.inquiry_date),
              coalesce(s.phone, t.phone), coalesce(s.email, t.email), coalesce(s.address, t.address),
              coalesce(s.status, t.status), s.source_row, s.source_updated_at, coalesce(s.raw::text, t.raw::text),
              s.property_address, s.property_type, s.land_area, s.building_area
            FROM sheet_stage s LEFT JOIN sellers t ON s.raw IS NULL AND t.seller_number = s.seller_number
              AND t.content_hash = s.content_hash
            WHERE s.stage_id = ? AND s.seller_number = ANY(?) AND (s.raw IS NOT NULL OR t.id IS NOT NULL)
            ORDER BY s.source_row""";

    private static final String KEYS = "SELECT seller_number FROM sheet_stage WHERE stage_id = ? ORDER BY source_row";

    private static final String CLOSE = "DELETE FROM sheet_stage WHERE stage_id = ?";
    private static final String CLOSE_STAGE = "DELETE FROM sheet_stages WHERE id = ?";

    private static final TypeReference<LinkedHashMap<String, String>> RAW = new TypeReference<>() {
    };

    /** From this size on, a read that ends alone empties the table (a 100 000-row stage takes 20 to 150 MB). */
    private static final long EMPTY_FROM_BYTES = 8L << 20;

    private final ObjectMapper json;
    private final long emptyFromBytes;

    public SheetStage(ObjectMapper json) {
        this(json, EMPTY_FROM_BYTES);
    }

    /** @param emptyFromBytes the table's size from which a read that ends alone empties it (tests use 0) */
    public SheetStage(ObjectMapper json, long emptyFromBytes) {
        this.json = json;
        this.emptyFromBytes = emptyFromBytes;
    }

    /**
     * Removes the stages of processes that died, then empties the table if it has grown large and no other stage is
     * open, in a transaction of its own on {@code connection}, which is left as it was found. For a run's read, before
     * it opens its stage: a plan never commits its stage, so its rows leave only deleted rows behind, which this
     * removes too.
     */
    public void tidy(Connection connection) throws SQLException {
        OwnTransaction.run(connection, () -> {
            try (PreparedStatement abandoned = connection.prepareStatement(REMOVE_ABANDONED);
                 PreparedStatement stages = connection.prepareStatement(REMOVE_ABANDONED_STAGES)) {
                abandoned.executeUpdate();
                stages.executeUpdate();
            }
            emptyIfAlone(connection, NO_STAGE);
        });
    }

    /** Opens an empty stage in the caller's transaction. */
    public long open(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(OPEN);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Fills a stage in the caller's transaction, part by part: each part is sent as it is appended, through one COPY
     * left open until {@link StageFilling#finish}, so the server stores it while the next part is parsed. The
     * connection runs nothing else until the filling is finished or closed.
     */
    public StageFilling filling(Connection connection, long stage) {
        return new StageFilling(connection, stage, COPY);
    }

    /**
     * Every staged row of those of {@code keys} that were staged more than once, by key and then sheet row; the reader
     * names the keys it may have seen twice, so a sheet without duplicates costs no query.
     */
    public List<SellerParser.KeyedRow> duplicated(Connection connection, long stage, Collection<String> keys)
            throws SQLException {
        List<SellerParser.KeyedRow> rows = new ArrayList<>();
        if (keys.isEmpty()) {
            return rows;
        }
        try (PreparedStatement statement = connection.prepareStatement(DUPLICATED)) {
            statement.setLong(1, stage);
            statement.setArray(2, connection.createArrayOf("varchar", keys.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String updated = result.getString(3);
                    rows.add(new SellerParser.KeyedRow(result.getString(1), result.getInt(2),
                            updated == null ? null : OffsetDateTime.parse(updated)));
                }
            }
        }
        return rows;
    }

    /** Removes these staged rows (the losers of duplicated keys). */
    public void remove(Connection connection, long stage, Collection<RowRejection> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(REMOVE_ROWS)) {
            for (RowRejection row : rows) {
                statement.setLong(1, stage);
                statement.setString(2, row.sellerNumber());
                statement.setInt(3, row.rowNumber());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * Refreshes the planner's statistics of the stage once a read is staged: the comparison and the merges that read
     * it next would otherwise be planned for an empty table.
     */
    public void analyze(Connection connection) throws SQLException {
        // the columns the stage is joined and filtered on: the raw cells' statistics would cost most and serve nothing
        try (PreparedStatement statement = connection.prepareStatement(
                "ANALYZE sheet_stage (stage_id, seller_number)")) {
            statement.execute();
        }
    }

    /**
     * The staged sellers of these keys, in sheet order; meant for a page of them, not the whole sheet. A row staged
     * without its cells comes with the stored row's (the same, but for the order of keys): a plan lists such rows
     * when they only moved or their property record is out of step, and reads them in the snapshot its stage was
     * compared in. One whose stored row no longer has its hash is left out.
     */
    public List<Seller> sellers(Connection connection, long stage, Collection<String> keys) throws SQLException {
        List<Seller> sellers = new ArrayList<>(keys.size());
        if (keys.isEmpty()) {
            return sellers;
        }
        try (PreparedStatement statement = connection.prepareStatement(SELLERS)) {
            statement.setLong(1, stage);
            statement.setArray(2, connection.createArrayOf("varchar", keys.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sellers.add(seller(rows));
                }
            }
        }
        return sellers;
    }

    /** The staged seller numbers that pass {@code filter}, in sheet order. */
    public List<String> keys(Connection connection, long stage, Predicate<String> filter) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(KEYS)) {
            statement.setLong(1, stage);
            statement.setFetchSize(10_000);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getString(1);
                    if (filter.test(key)) {
                        keys.add(key);
                    }
                }
            }
        }
        return keys;
    }

    /**
     * Removes the stage and its rows (the whole table's, when no other stage is open), in a transaction of its own on
     * {@code connection}, which is left as it was found.
     */
    public void close(Connection connection, long stage) throws SQLException {
        OwnTransaction.run(connection, () -> {
            if (!emptyIfAlone(connection, stage)) {
                try (PreparedStatement rows = connection.prepareStatement(CLOSE)) {
                    rows.setLong(1, stage);
                    rows.executeUpdate();
                }
            }
            try (PreparedStatement stages = connection.prepareStatement(CLOSE_STAGE)) {
                stages.setLong(1, stage);
                stages.executeUpdate();
            }
        });
    }

    /**
     * Empties the table, deleted rows included, when it has grown to {@code emptyFromBytes}, no stage but {@code own}
     * is open and no one else holds a lock on it; else changes nothing. Returns whether it emptied it. In the caller's
     * transaction, which holds the table exclusively from then on: its caller commits at once.
     */
    private boolean emptyIfAlone(Connection connection, long own) throws SQLException {
        try (Statement size = connection.createStatement(); ResultSet bytes = size.executeQuery(SIZE)) {
            if (!bytes.next() || bytes.getLong(1) < emptyFromBytes) {
                return false;
            }
        }
        Savepoint before = connection.setSavepoint();
        try (Statement claim = connection.createStatement()) {
            claim.execute(CLAIM);
        } catch (SQLException e) {
            if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(before); // someone reads or fills a stage right now
            return false;
        }
        boolean others;
        try (PreparedStatement statement = connection.prepareStatement(OTHER_STAGES)) {
            statement.setLong(1, own);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                others = rows.getBoolean(1);
            }
        }
        if (others) {
            connection.rollback(before); // gives up the lock (taken after the savepoint) before the caller deletes
            return false;
        }
        try (Statement empty = connection.createStatement()) {
            empty.execute(EMPTY);
        }
        return true;
    }

    private Seller seller(ResultSet rows) throws SQLException {
        String updated = rows.getString(9);
        String address = rows.getString(11);
        String type = rows.getString(12);
        BigDecimal land = rows.getBigDecimal(13);
        BigDecimal building = rows.getBigDecimal(14);
        Property property = address == null && type == null && land == null && building == null ? null
                : new Property(address, type, land, building);
        return new Seller(rows.getString(1), rows.getString(2), rows.getObject(3, LocalDate.class), rows.getString(4),
                rows.getString(5), rows.getString(6), rows.getString(7), property, rows.getInt(8),
                updated == null ? null : OffsetDateTime.parse(updated), raw(rows.getString(10)));
    }

    private Map<String, String> raw(String stored) throws SQLException {
        try {
            return json.readValue(stored, RAW);
        } catch (JsonProcessingException e) {
            throw new SQLException("a staged raw row is not a JSON object of text: " + e.getOriginalMessage(), e);
        }
    }
}
