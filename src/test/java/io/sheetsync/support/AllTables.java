package io.sheetsync.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Every row of every table of the test database, as PostgreSQL renders it, with its xmin (which changes with any
 * write to the row, even one that changes no value): two equal snapshots mean nothing was written in between.
 */
public final class AllTables {

    private AllTables() {
    }

    /** One line per row, {@code table: {json} xmin=n}, tables and rows in a fixed order. */
    public static List<String> snapshot(TestDatabase database) {
        List<String> lines = new ArrayList<>();
        for (String table : database.query("SELECT quote_ident(table_name) FROM information_schema.tables"
                + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")) {
            lines.add(table + " (" + database.query("SELECT count(*) FROM " + table).get(0) + " rows)");
            lines.addAll(database.query("SELECT '" + table + ": ' || row_to_json(t)::text || ' xmin=' || t.xmin"
                    + " FROM " + table + " t ORDER BY 1"));
        }
        return lines;
    }
}
