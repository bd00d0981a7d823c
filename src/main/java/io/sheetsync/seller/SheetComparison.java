package io.sheetsync.seller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.sheet.HeaderMapping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The staged sheet compared with the stored sellers in bulk, before any batch is written: one query, however large
 * the sheet. Its answer ({@link SheetDifference}) is both what a run writes (a run that
 * changes nothing writes nothing, one that changes 1 % merges that 1 %) and what a plan shows, field by field.
 */
public final class SheetComparison {

    // the stage as the merge reads it: its updated_at typed (the stage keeps the parser's text)
    private static final String SHEET = """
            (SELECT seller_number, content_hash, source_row, source_updated_at::timestamptz AS source_updated_at,
              has_property, property_address, property_type, land_area, building_area
             FROM sheet_stage WHERE stage_id = ?) s""";

    private static final String PROPERTY_DIFFERS = """
            ((s.has_property AND (p.address, p.property_type, p.land_area, p.building_area)
                IS DISTINCT FROM (s.property_address, s.property_type, s.land_area, s.building_area))
              OR (NOT s.has_property AND p.id IS NOT NULL))""";

    /*
     * The sheet rows the batch merge would touch, and how: new, changed (content hash; unless the database's version
     * is newer and wins), property record out of step with the row (added, cleared or changed behind the run), or
     * moved (source_row). Every other row is one the merge would leave exactly as it is.
     */
    private static final String DIFFERING = "SELECT s.seller_number, CASE WHEN t.id IS NULL THEN 'CREATE'"
            + " WHEN t.content_hash IS DISTINCT FROM s.content_hash THEN CASE WHEN " + DatabaseNewer.CONDITION
            + " THEN 'DATABASE_NEWER' ELSE 'UPDATE' END"
            + " WHEN " + PROPERTY_DIFFERS + " THEN 'PROPERTY' ELSE 'MOVE' END"
            + " FROM " + SHEET + " LEFT JOIN sellers t ON t.seller_number = s.seller_number"
            + " LEFT JOIN properties p ON p.seller_id = t.id"
            + " WHERE t.id IS NULL OR t.content_hash IS DISTINCT FROM s.content_hash"
            + " OR t.source_row IS DISTINCT FROM s.source_row OR " + PROPERTY_DIFFERS
            + " ORDER BY s.source_row";

    // the keys in the database the sheet does not have, counted as verification lists them
    private static final String ORPHANS = """
            SELECT count(*) FROM sellers t
            WHERE NOT EXISTS (
              SELECT 1 FROM sheet_stage s WHERE s.stage_id = ? AND s.seller_number = t.seller_number)""";

    private static final String STORED = """
            SELECT t.seller_number, t.name, t.inquiry_date, t.phone, t.email, t.address, t.status, t.source_row,
              t.source_updated_at, t.raw::text, p.id IS NOT NULL, p.address, p.property_type, p.land_area,
              p.building_area
            FROM sellers t LEFT JOIN properties p ON p.seller_id = t.id WHERE t.seller_number = ANY(?)""";

    private static final TypeReference<LinkedHashMap<String, String>> RAW = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public SheetComparison(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The staged rows the batch merge would write anything for (see {@link SellerRepository#upsert}): one query over
     * the stage, however large the sheet.
     */
    public SheetDifference compare(Connection connection, long stage) throws SQLException {
        Map<String, SheetDifference.Kind> differing = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(DIFFERING)) {
            statement.setLong(1, stage);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    differing.put(rows.getString(1), SheetDifference.Kind.valueOf(rows.getString(2)));
                }
            }
        }
        return new SheetDifference(differing);
    }

    /** The stored sellers the staged sheet does not have. */
    public int orphans(Connection connection, long stage) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ORPHANS)) {
            statement.setLong(1, stage);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /**
     * What a sync would write for each of these sellers of the sheet, field by field: one query reads the stored
     * rows of those already stored. Meant for a page of changes, not the whole sheet.
     *
     * @param mapping the header mapping in force: the raw cells of mapped columns are shown as their fields
     */
    public Map<String, List<FieldChange>> fieldChanges(Connection connection, Collection<Seller> sellers,
                                                       HeaderMapping mapping) throws SQLException {
        Map<String, StoredSeller> stored = stored(connection, sellers.stream().map(Seller::sellerNumber).toList());
        Map<String, List<FieldChange>> changes = new LinkedHashMap<>();
        for (Seller seller : sellers) {
            changes.put(seller.sellerNumber(), FieldChanges.of(seller, stored.get(seller.sellerNumber()), mapping));
        }
        return changes;
    }

    private Map<String, StoredSeller> stored(Connection connection, List<String> keys) throws SQLException {
        Map<String, StoredSeller> stored = new HashMap<>();
        if (keys.isEmpty()) {
            return stored;
        }
        try (PreparedStatement statement = connection.prepareStatement(STORED)) {
            statement.setArray(1, connection.createArrayOf("varchar", keys.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    OffsetDateTime updated = rows.getObject(9, OffsetDateTime.class);
                    stored.put(rows.getString(1), new StoredSeller(rows.getString(2),
                            rows.getObject(3, LocalDate.class), rows.getString(4), rows.getString(5),
                            rows.getString(6), rows.getString(7), (Integer) rows.getObject(8),
                            updated == null ? null : updated.toInstant(), raw(rows.getString(10)), rows.getBoolean(11),
                            rows.getString(12), rows.getString(13), rows.getBigDecimal(14), rows.getBigDecimal(15)));
                }
            }
        }
        return stored;
    }

    private Map<String, String> raw(String stored) throws SQLException {
        try {
            return stored == null ? Map.of() : json.readValue(stored, RAW);
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored raw row is not a JSON object of text: " + e.getOriginalMessage(), e);
        }
    }

}
