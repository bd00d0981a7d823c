package io.sheetsync.verify;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds sheet keys that are absent from the database with one set operation, however large the sheet: the check
 * that would have caught AA12679.
 */
public final class GapDetector {

    private final DataSource dataSource;

    public GapDetector(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Seller numbers of {@code sheetKeys} with no row in {@code sellers}, sorted. */
    public List<String> missing(Collection<String> sheetKeys) throws SQLException {
        if (sheetKeys.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT k.seller_number FROM unnest(?::varchar[]) AS k(seller_number)
                     WHERE NOT EXISTS (SELECT 1 FROM sellers s WHERE s.seller_number = k.seller_number)
                     ORDER BY k.seller_number""")) {
            Array keys = connection.createArrayOf("varchar", sheetKeys.toArray());
            statement.setArray(1, keys);
            List<String> missing = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    missing.add(rows.getString(1));
                }
            }
            return missing;
        }
    }
}
