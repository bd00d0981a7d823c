package io.sheetsync.support;

/**
 * Keeps the vanished-column guard out of the way of properties whose generated sheets change their columns at will
 * from one run to the next, as SYNC_MAX_SHRINK_PERCENT=100 does for the shrink guard: a database rule drops every
 * row a run would record in {@code sync_sheet_columns}, so each completed run looks like one from before the guard
 * existed and the next run has nothing to compare its columns with. The guard itself is tested on its own
 * (sync.ColumnGuardTest, sync.ColumnGuardProperties).
 */
public final class UnrecordedColumns {

    private UnrecordedColumns() {
    }

    /** Installs the rule in the test's database (after the service has migrated it). */
    public static void install(TestDatabase database) {
        database.execute("CREATE OR REPLACE RULE sheet_columns_unrecorded AS ON INSERT TO sync_sheet_columns"
                + " DO INSTEAD NOTHING");
    }
}
