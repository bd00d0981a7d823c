package io.sheetsync.seller;

import io.sheetsync.db.ArrayLiterals;
import io.sheetsync.db.OrderedIds;
import io.sheetsync.sheet.SheetField;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes sellers and their properties: the batch upsert on {@code sellers} and {@code properties} (the checks that
 * read them back are {@code verify.VerificationRepository}'s).
 *
 * <p>A batch is read from the read's stage on the server ({@code sheet_stage}, by its keys) by each of a handful of set
 * statements, so a batch of any size costs a handful of round trips and nothing travels through the process. Unchanged
 * rows (same content hash) are not touched; changed rows are updated only if their {@code version} is still the one
 * read in this transaction (optimistic locking), and get {@code version + 1}.
 */
public final class SellerRepository {

    /**
     * The batch's staged sellers, as {@code s}; takes two parameters, the stage and the array of seller numbers. Read
     * again by each statement through the stage's index, which costs less than copying the batch into a table of its
     * own first (a batch is a few hundred rows).
     */
    private static final String BATCH = """
            (SELECT seller_number, name, inquiry_date, phone, email, address, status, source_row,
              source_updated_at::timestamptz AS source_updated_at, content_hash, raw, has_property, property_address,
              property_type, land_area, building_area
             FROM sheet_stage WHERE stage_id = ? AND seller_number = ANY(?::varchar[])) s""";

    /*
     * A stored row changed outside the sync (its updated_at is later than the sync's last write, or the sync never
     * wrote it) whose sheet row changed too is a conflict: the most recent wins (DatabaseNewer). The batch's stored
     * rows are found first, and only theirs are read from the stage: a batch of new sellers (all of an initial load)
     * reads nothing there; read stage first, the batches of an initial load spent a tenth of their server time here.
     * Parameters: the seller numbers, then the stage.
     */
    private static final String READ_EXISTING = "WITH t AS MATERIALIZED (SELECT seller_number, version, content_hash,"
            + " last_synced_at, updated_at FROM sellers WHERE seller_number = ANY(?::varchar[]))"
            + " SELECT s.seller_number, t.version,"
            + " t.content_hash = s.content_hash AS unchanged,"
            + " t.content_hash IS DISTINCT FROM s.content_hash"
            + " AND (t.last_synced_at IS NULL OR t.updated_at > t.last_synced_at) AS conflict,"
            + " t.content_hash IS DISTINCT FROM s.content_hash AND " + DatabaseNewer.CONDITION + " AS keep_database,"
            + " t.updated_at, s.source_updated_at"
            + " FROM t JOIN (SELECT seller_number, content_hash, source_updated_at::timestamptz AS source_updated_at"
            + " FROM sheet_stage WHERE stage_id = ?) s ON s.seller_number = t.seller_number";

    // the rows to write, each with the version read above (0: none was stored) and the id it gets if it is inserted
    // (db.OrderedIds; a row stored meanwhile keeps its own); parameters: the three timestamps, then the seller
    // numbers, their versions and ids, then the stage. A row staged without its cells (the database held its content
    // when the read began, see StageFilling) is never written: only a hand edit of the stored row since then brings
    // one here, and it comes back as a version conflict or a row not stored, for the next run.
    private static final String UPSERT = """
            INSERT INTO sellers AS t (id, seller_number, name, inquiry_date, phone, email, address, status,
              source_row, source_updated_at, content_hash, raw, version, created_at, updated_at, last_synced_at)
            SELECT w.id, s.seller_number, s.name, s.inquiry_date, s.phone, s.email, s.address, s.status, s.source_row,
              s.source_updated_at::timestamptz, s.content_hash, s.raw::jsonb, w.version + 1, ?, ?, ?
            FROM unnest(?::varchar[], ?::int[], ?::uuid[]) AS w(seller_number, version, id)
              JOIN sheet_stage s ON s.seller_number = w.seller_number AND s.stage_id = ? AND s.raw IS NOT NULL
            ON CONFLICT (seller_number) DO UPDATE SET name = EXCLUDED.name, inquiry_date = EXCLUDED.inquiry_date,
              phone = EXCLUDED.phone, email = EXCLUDED.email, address = EXCLUDED.address, status = EXCLUDED.status,
              source_row = EXCLUDED.source_row, source_updated_at = EXCLUDED.source_updated_at,
              content_hash = EXCLUDED.content_hash, raw = EXCLUDED.raw, version = EXCLUDED.version,
              updated_at = EXCLUDED.updated_at, last_synced_at = EXCLUDED.last_synced_at
            WHERE t.version = EXCLUDED.version - 1
            RETURNING t.seller_number, t.id""";

    // A row that only moved in the sheet keeps its version: its content did not change.
    private static final String REFRESH_SOURCE_ROW = "UPDATE sellers t SET source_row = s.source_row FROM " + BATCH
            + " WHERE t.seller_number = s.seller_number AND t.content_hash = s.content_hash"
            + " AND t.source_row IS DISTINCT FROM s.source_row";

    private static final String UPSERT_PROPERTIES = """
            INSERT INTO properties AS p (seller_id, address, property_type, land_area, building_area, version,
              created_at, updated_at)
            SELECT t.id, s.property_address, s.property_type, s.land_area, s.building_area, 1, ?, ?
            FROM %s JOIN sellers t ON t.seller_number = s.seller_number AND t.content_hash = s.content_hash
            WHERE s.has_property
            ON CONFLICT (seller_id) DO UPDATE SET address = EXCLUDED.address, property_type = EXCLUDED.property_type,
              land_area = EXCLUDED.land_area, building_area = EXCLUDED.building_area, version = p.version + 1,
              updated_at = EXCLUDED.updated_at
            WHERE (p.address, p.property_type, p.land_area, p.building_area)
              IS DISTINCT FROM (EXCLUDED.address, EXCLUDED.property_type, EXCLUDED.land_area, EXCLUDED.building_area)
            """.formatted(BATCH);

    /*
     * The property records of sellers this batch created: their ids are new, so no record can exist, and a plain
     * insert spares what UPSERT_PROPERTIES pays per row to find that out (the conflict check, the seller looked up by
     * key). An initial load writes nothing else. Parameters: the two timestamps, the sellers' ids and keys, the ids of
     * the records (db.OrderedIds, as the sellers'), then the stage.
     */
    private static final String INSERT_NEW_PROPERTIES = """
            INSERT INTO properties (id, seller_id, address, property_type, land_area, building_area, version,
              created_at, updated_at)
            SELECT w.id, w.seller_id, s.property_address, s.property_type, s.land_area, s.building_area, 1, ?, ?
            FROM unnest(?::uuid[], ?::varchar[], ?::uuid[]) AS w(seller_id, seller_number, id)
              JOIN sheet_stage s ON s.seller_number = w.seller_number AND s.stage_id = ? AND s.has_property""";

    // "A property record exists exactly when the row has property data": clearing the cells removes the record.
    private static final String DELETE_CLEARED_PROPERTIES = "DELETE FROM properties p USING " + BATCH + ", sellers t"
            + " WHERE t.seller_number = s.seller_number AND t.content_hash = s.content_hash"
            + " AND p.seller_id = t.id AND NOT s.has_property";

    /** Where each optional field is stored; fixed names, never input, so they may be written into SQL. */
    private static final Map<SheetField, String> STORED_IN = storedIn();

    /**
     * Upserts one batch, the staged sellers of {@code batch} (seller numbers, unique), inside the caller's transaction
     * (auto-commit off). A key the stage does not hold is reported as not stored.
     */
    public BatchOutcome upsert(Connection connection, long stage, List<String> batch, Instant now)
            throws SQLException {
        if (batch.isEmpty()) {
            return new BatchOutcome(List.of(), List.of(), List.of(), List.of());
        }
        String keys = ArrayLiterals.texts(batch);
        Map<String, Boolean> existingUnchanged = new HashMap<>();
        Map<String, Integer> toWrite = new LinkedHashMap<>();
        batch.forEach(key -> toWrite.put(key, 0));
        Map<String, BatchOutcome.Conflict> conflicts = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(READ_EXISTING)) {
            statement.setString(1, keys);
            statement.setLong(2, stage);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getString(1);
                    boolean unchanged = rows.getBoolean(3);
                    boolean keepDatabase = rows.getBoolean(5);
                    existingUnchanged.put(key, unchanged);
                    if (unchanged || keepDatabase) {
                        toWrite.remove(key);
                    } else {
                        toWrite.put(key, rows.getInt(2));
                    }
                    if (rows.getBoolean(4)) {
                        Timestamp sheetTime = rows.getTimestamp(7);
                        conflicts.put(key, new BatchOutcome.Conflict(key,
                                keepDatabase ? BatchOutcome.Winner.DATABASE : BatchOutcome.Winner.SHEET,
                                rows.getTimestamp(6).toInstant(), sheetTime == null ? null : sheetTime.toInstant()));
                    }
                }
            }
        }

        Timestamp timestamp = Timestamp.from(now);
        Set<String> written = new HashSet<>();
        Map<String, UUID> created = new LinkedHashMap<>(); // key -> id of the sellers this batch inserted
        if (!toWrite.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
                statement.setTimestamp(1, timestamp);
                statement.setTimestamp(2, timestamp);
                statement.setTimestamp(3, timestamp);
                statement.setString(4, ArrayLiterals.texts(toWrite.keySet()));
                statement.setString(5, ArrayLiterals.integers(toWrite.values()));
                statement.setString(6, ArrayLiterals.uuids(newIds(toWrite.size())));
                statement.setLong(7, stage);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String key = rows.getString(1);
                        written.add(key);
                        if (toWrite.get(key) == 0) { // no stored row was read: an insert (a conflict writes nothing)
                            created.put(key, rows.getObject(2, UUID.class));
                        }
                    }
                }
            }
        }
        if (!existingUnchanged.isEmpty()) {
            // only a row stored before this batch can have moved, or have a property record to remove (an initial
            // load skips both: they were a tenth of its time on the server)
            String existing = ArrayLiterals.texts(existingUnchanged.keySet());
            try (PreparedStatement refresh = connection.prepareStatement(REFRESH_SOURCE_ROW);
                 PreparedStatement cleared = connection.prepareStatement(DELETE_CLEARED_PROPERTIES)) {
                batchOf(refresh, 1, stage, existing);
                refresh.executeUpdate();
                batchOf(cleared, 1, stage, existing);
                cleared.executeUpdate();
            }
        }
        if (!created.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(INSERT_NEW_PROPERTIES)) {
                statement.setTimestamp(1, timestamp);
                statement.setTimestamp(2, timestamp);
                statement.setString(3, ArrayLiterals.uuids(created.values()));
                statement.setString(4, ArrayLiterals.texts(created.keySet()));
                statement.setString(5, ArrayLiterals.uuids(newIds(created.size())));
                statement.setLong(6, stage);
                statement.executeUpdate();
            }
        }
        if (created.size() < batch.size()) {
            String others = created.isEmpty() ? keys
                    : ArrayLiterals.texts(batch.stream().filter(key -> !created.containsKey(key)).toList());
            try (PreparedStatement statement = connection.prepareStatement(UPSERT_PROPERTIES)) {
                statement.setTimestamp(1, timestamp);
                statement.setTimestamp(2, timestamp);
                batchOf(statement, 3, stage, others);
                statement.executeUpdate();
            }
        }
        return classify(batch, existingUnchanged, written, conflicts);
    }

    /** {@code count} new ids, in order (see {@link OrderedIds}). */
    private static List<UUID> newIds(int count) {
        List<UUID> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(OrderedIds.next());
        }
        return ids;
    }

    /** Sets {@link #BATCH}'s two parameters, from {@code first}. */
    private static void batchOf(PreparedStatement statement, int first, long stage, String keys) throws SQLException {
        statement.setLong(first, stage);
        statement.setString(first + 1, keys);
    }

    private static BatchOutcome classify(List<String> batch, Map<String, Boolean> existingUnchanged,
                                         Set<String> written,
                                         Map<String, BatchOutcome.Conflict> conflicts) {
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<String> notStored = new ArrayList<>();
        List<BatchOutcome.Conflict> resolved = new ArrayList<>();
        for (String key : batch) {
            Boolean sameContent = existingUnchanged.get(key);
            BatchOutcome.Conflict conflict = conflicts.get(key);
            if (Boolean.TRUE.equals(sameContent)) {
                unchanged.add(key);
            } else if (conflict != null && conflict.winner() == BatchOutcome.Winner.DATABASE) {
                // the newer database version was kept on purpose: not a failure, and not written
                unchanged.add(key);
                resolved.add(conflict);
            } else if (!written.contains(key)) {
                (sameContent == null ? notStored : lost).add(key);
            } else if (sameContent == null) {
                created.add(key);
            } else {
                updated.add(key);
                if (conflict != null) {
                    resolved.add(conflict);
                }
            }
        }
        return new BatchOutcome(created, updated, unchanged, lost, notStored, resolved);
    }

    /**
     * Which of the optional {@code fields} at least one of the staged sellers has a stored value for: the fields a
     * sync of the stage with the field left blank would clear.
     */
    public Set<SheetField> fieldsStoredFor(Connection connection, Set<SheetField> fields, long stage)
            throws SQLException {
        List<SheetField> asked = fields.stream().filter(STORED_IN::containsKey).toList();
        if (asked.isEmpty()) {
            return Set.of();
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < asked.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("coalesce(bool_or(").append(STORED_IN.get(asked.get(i)))
                    .append(" IS NOT NULL), false)");
        }
        sql.append(" FROM sheet_stage g JOIN sellers s ON s.seller_number = g.seller_number")
                .append(" LEFT JOIN properties p ON p.seller_id = s.id WHERE g.stage_id = ?");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setLong(1, stage);
            Set<SheetField> stored = EnumSet.noneOf(SheetField.class);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                for (int i = 0; i < asked.size(); i++) {
                    if (rows.getBoolean(i + 1)) {
                        stored.add(asked.get(i));
                    }
                }
            }
            return stored;
        }
    }

    private static Map<SheetField, String> storedIn() {
        Map<SheetField, String> columns = new EnumMap<>(SheetField.class);
        columns.put(SheetField.PHONE, "s.phone");
        columns.put(SheetField.EMAIL, "s.email");
        columns.put(SheetField.ADDRESS, "s.address");
        columns.put(SheetField.STATUS, "s.status");
        columns.put(SheetField.PROPERTY_ADDRESS, "p.address");
        columns.put(SheetField.PROPERTY_TYPE, "p.property_type");
        columns.put(SheetField.LAND_AREA, "p.land_area");
        columns.put(SheetField.BUILDING_AREA, "p.building_area");
        columns.put(SheetField.UPDATED_AT, "s.source_updated_at");
        return Collections.unmodifiableMap(columns);
    }
}
