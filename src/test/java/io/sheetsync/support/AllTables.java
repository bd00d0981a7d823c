package io.sheetsync.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Every row of every table of the test database, as PostgreSQL renders it, with its xmin (which changes with any
 * write to the row, even one that changes no value): two equal snapshots mean nothing was written in between.
 */
public final class AllTables {

    private AllTables() {
    }

    /** One line per row, {@code table: {json} xmin=n}, tables and rows in a fixed order; one connection, one query. */
    public static List<String> snapshot(TestDatabase database) {
        try (Connection connection = database.pooled(); Statement statement = connection.createStatement()) {
            List<String> selects = new ArrayList<>();
            try (ResultSet tables = statement.executeQuery("SELECT quote_ident(table_name) FROM"
                    + " information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                while (tables.next()) {
                    String table = tables.getString(1);
                    selects.add("SELECT '" + table + ": ' || row_to_json(t)::text || ' xmin=' || t.xmin FROM " + table
                            + " t");
                }
            }
            List<String> lines = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(String.join(" UNION ALL ", selects) + " ORDER BY 1")) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw new IllegalStateException("reading every table failed", e);
        }
    }
}
