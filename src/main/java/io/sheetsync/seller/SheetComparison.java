package io.sheetsync.seller;

import io.sheetsync.db.CsvCopy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole sheet compared with the stored sellers in bulk, before any batch is written: a run that changes nothing
 * then writes nothing, and one that changes 1 % merges only that 1 %. The batch merge still decides everything
 * itself (it reads the stored rows again in its own transaction); this only spares it the rows it would leave alone.
 */
public final class SheetComparison {

    private static final String CREATE_SHEET_KEYS = """
            CREATE TEMP TABLE IF NOT EXISTS sheet_keys (
              seller_number varchar(50) PRIMARY KEY, content_hash varchar(64), source_row int, has_property boolean,
              property_address text, property_type text, land_area numeric, building_area numeric
            ) ON COMMIT DELETE ROWS""";

    private static final String COPY_SHEET_KEYS = """
            COPY sheet_keys (seller_number, content_hash, source_row, has_property, property_address, property_type,
              land_area, building_area) FROM STDIN WITH (FORMAT csv)""";

    /*
     * The sheet rows the batch merge would touch: new, changed (content hash), moved (source_row), or whose property
     * record differs from the row's property cells (added, cleared or changed behind the run). Every other row is one
     * the merge would leave exactly as it is.
     */
    private static final String TO_WRITE = """
            SELECT k.seller_number FROM sheet_keys k
            LEFT JOIN sellers t ON t.seller_number = k.seller_number
            LEFT JOIN properties p ON p.seller_id = t.id
            WHERE t.id IS NULL OR t.content_hash IS DISTINCT FROM k.content_hash
              OR t.source_row IS DISTINCT FROM k.source_row
              OR (k.has_property AND (p.address, p.property_type, p.land_area, p.building_area)
                    IS DISTINCT FROM (k.property_address, k.property_type, k.land_area, k.building_area))
              OR (NOT k.has_property AND p.id IS NOT NULL)""";

    /**
     * The seller numbers of {@code sellers} the batch merge would write anything for (see {@link SellerRepository#upsert}); the others
     * are stored exactly as the sheet has them. One COPY of keys and hashes and one set query, however large the
     * sheet, in the caller's transaction (auto-commit off). Seller numbers must be unique.
     */
    public Set<String> toWrite(Connection connection, List<Seller> sellers) throws SQLException {
        if (sellers.isEmpty()) {
            return Set.of();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_SHEET_KEYS);
            statement.execute("DELETE FROM sheet_keys");
        }
        CsvCopy keys = CsvCopy.rows(sellers.size());
        for (Seller seller : sellers) {
            Property property = seller.property();
            keys.add(seller.sellerNumber(), seller.contentHash(), Integer.toString(seller.sourceRow()),
                    property == null ? "f" : "t", property == null ? null : property.address(),
                    property == null ? null : property.propertyType(),
                    property == null ? null : plain(property.landArea()),
                    property == null ? null : plain(property.buildingArea()));
        }
        keys.copy(connection, COPY_SHEET_KEYS);
        Set<String> toWrite = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(TO_WRITE)) {
            while (rows.next()) {
                toWrite.add(rows.getString(1));
            }
        }
        return toWrite;
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
