package io.sheetsync.verify;

import io.sheetsync.seller.SellerDefect;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Verification's checks over one part of the sheet's key range, in one statement: the stage's keys of that part
 * joined once with the stored sellers of that part (a full join: a key on either side alone is missing or an orphan)
 * and their property records. Two parts side by side, one per core, took 0.9-1.2 s at 700 000 rows where a join from
 * the stage beside a pass over {@code sellers}, each reading all of {@code sellers}, took 1.35-1.5 s (psql, the
 * same rows).
 */
final class KeyRangeCheck {

    // What a stored row must be, the CHECK and NOT NULL constraints aside: they can be dropped, or bypassed.
    private static final String BROKEN = "seller_number !~ '^AA[0-9]+$' OR name IS NULL OR btrim(name) = ''"
            + " OR inquiry_date IS NULL";

    // A staged seller that is stored, with a property record where the sheet has no property data, or the reverse.
    private static final String PROPERTY_OUT_OF_STEP = "k.seller_number IS NOT NULL AND s.id IS NOT NULL"
            + " AND k.has_property <> (p.seller_id IS NOT NULL)";

    /*
     * Every check over the keys of one part of the range (%1$s, on the stage and on sellers alike, its parameter after
     * the stage's id): the stored count, the orphans, the missing and drifted keys, the ids of broken rows, and the
     * property records out of step (id, key, and whether the sheet has property data, aggregated in one order). The
     * broken check is made as sellers is read, so the join carries a flag instead of the row's fields.
     */
    private static final String PART = """
            SELECT count(s.id),
              array_agg(s.seller_number) FILTER (WHERE k.seller_number IS NULL),
              array_agg(k.seller_number) FILTER (WHERE s.id IS NULL),
              array_agg(k.seller_number) FILTER (WHERE s.id IS NOT NULL AND k.seller_number IS NOT NULL
                AND s.content_hash IS DISTINCT FROM k.content_hash),
              array_agg(s.id) FILTER (WHERE s.broken),
              array_agg(s.id) FILTER (WHERE %2$s),
              array_agg(k.seller_number) FILTER (WHERE %2$s),
              array_agg(k.has_property) FILTER (WHERE %2$s)
            FROM (SELECT seller_number, content_hash, has_property FROM sheet_stage WHERE stage_id = ? AND %1$s) k
              FULL JOIN (SELECT id, seller_number, content_hash, (%3$s) AS broken FROM sellers WHERE %1$s) s
                ON s.seller_number = k.seller_number
              LEFT JOIN properties p ON p.seller_id = s.id""";

    /*
     * The parts: the keys before the split key, the others (a NULL key, which a dropped constraint would let in,
     * among them), or all of them. In byte order (COLLATE "C"): any key splits the range, and comparing bytes costs
     * less than the database's collation (0.9-1.0 s against 1.0-1.1 s per part at 700 000 rows).
     */
    private static final String BEFORE_SPLIT = PART.formatted("seller_number COLLATE \"C\" < ?", PROPERTY_OUT_OF_STEP,
            BROKEN);
    private static final String FROM_SPLIT = PART.formatted("(seller_number COLLATE \"C\" < ?) IS NOT TRUE",
            PROPERTY_OUT_OF_STEP, BROKEN);
    private static final String WHOLE = PART.formatted("true", PROPERTY_OUT_OF_STEP, BROKEN);

    /*
     * The middle bound of the stage's key histogram (each read ANALYZEs the stage, seller/SheetStage): a key about
     * halfway through it. None for a stage too small to have a histogram.
     */
    private static final String SPLIT_KEY = """
            SELECT b[array_length(b, 1) / 2 + 1] FROM (SELECT histogram_bounds::text::text[] AS b FROM pg_stats
              WHERE schemaname = current_schema() AND tablename = 'sheet_stage' AND attname = 'seller_number') h""";

    /** What one part found; two parts add up with {@link #plus}. */
    record Findings(int stored, List<String> orphans, List<String> missing, List<String> drifted, List<UUID> broken,
                    List<SellerDefect> propertyDefects) {

        Findings plus(Findings other) {
            return new Findings(stored + other.stored, joined(orphans, other.orphans), joined(missing, other.missing),
                    joined(drifted, other.drifted), joined(broken, other.broken),
                    joined(propertyDefects, other.propertyDefects));
        }

        private static <T> List<T> joined(List<T> first, List<T> second) {
            List<T> both = new ArrayList<>(first);
            both.addAll(second);
            return both;
        }
    }

    private KeyRangeCheck() {
    }

    /** A key about halfway through the stage's keys, or null if the stage has none to offer (too few rows). */
    static String splitKey(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SPLIT_KEY);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    static Findings beforeSplit(Connection connection, long stage, String split) throws SQLException {
        return part(connection, BEFORE_SPLIT, stage, split);
    }

    static Findings fromSplit(Connection connection, long stage, String split) throws SQLException {
        return part(connection, FROM_SPLIT, stage, split);
    }

    static Findings whole(Connection connection, long stage) throws SQLException {
        return part(connection, WHOLE, stage, null);
    }

    private static Findings part(Connection connection, String sql, long stage, String split) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, stage);
            if (split != null) {
                statement.setString(2, split);
                statement.setString(3, split);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                List<UUID> outOfStep = list(rows.getArray(6), UUID.class);
                List<String> outOfStepKeys = list(rows.getArray(7), String.class);
                List<Boolean> sheetHasProperty = list(rows.getArray(8), Boolean.class);
                List<SellerDefect> propertyDefects = new ArrayList<>();
                for (int i = 0; i < outOfStep.size(); i++) {
                    propertyDefects.add(new SellerDefect(outOfStep.get(i), outOfStepKeys.get(i),
                            sheetHasProperty.get(i) ? SellerDefect.Kind.MISSING_PROPERTY
                                    : SellerDefect.Kind.UNEXPECTED_PROPERTY, "property"));
                }
                return new Findings(rows.getInt(1), list(rows.getArray(2), String.class),
                        list(rows.getArray(3), String.class), list(rows.getArray(4), String.class),
                        list(rows.getArray(5), UUID.class), propertyDefects);
            }
        }
    }

    /** An array the aggregate left NULL (no row matched) is an empty list. */
    private static <T> List<T> list(Array array, Class<T> type) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<T> elements = new ArrayList<>();
        for (Object element : (Object[]) array.getArray()) {
            elements.add(type.cast(element));
        }
        return elements;
    }
}
