package io.sheetsync.support;

import java.util.List;

/** What one run left in the audit tables (record logs, recovery actions, gaps), read back for assertions. */
public final class RunLogs {

    private RunLogs() {
    }

    /** {@code seller|operation} of every successful record log of the run, sorted: a write logged twice shows twice. */
    public static List<String> successfulWrites(TestDatabase database, String syncId) {
        return database.query("SELECT seller_number || '|' || operation FROM sync_record_logs WHERE audit_log_id = '"
                + syncId + "' AND result = 'success' ORDER BY 1");
    }

    /** {@code seller|operation} of every failed record log of the run, sorted. */
    public static List<String> failedWrites(TestDatabase database, String syncId) {
        return database.query("SELECT seller_number || '|' || operation FROM sync_record_logs WHERE audit_log_id = '"
                + syncId + "' AND result = 'failure' ORDER BY 1");
    }

    /** The action of every recovery action row of the run, sorted (one entry per row). */
    public static List<String> actions(TestDatabase database, String syncId) {
        return database.query("SELECT action FROM sync_recovery_actions WHERE audit_log_id = '" + syncId
                + "' ORDER BY 1");
    }

    /** {@code action|seller|detail} of every recovery action row of the run, sorted (seller empty when none). */
    public static List<String> actionRows(TestDatabase database, String syncId) {
        return database.query("SELECT action || '|' || coalesce(seller_number, '') || '|' || detail FROM"
                + " sync_recovery_actions WHERE audit_log_id = '" + syncId + "' ORDER BY 1");
    }

    /** {@code seller|detail} of the run's recovery actions of one kind, sorted by seller. */
    public static List<String> actionDetails(TestDatabase database, String syncId, String action) {
        return database.query("SELECT coalesce(seller_number, '') || '|' || detail FROM sync_recovery_actions"
                + " WHERE audit_log_id = '" + syncId + "' AND action = '" + action + "' ORDER BY 1");
    }

    /** Empties the tables runs write (sellers, properties, the audit and recovery tables): a fresh example's start. */
    public static void reset(TestDatabase database) {
        database.execute("DELETE FROM properties; DELETE FROM sellers; DELETE FROM sync_retry_queue;"
                + " DELETE FROM sync_alerts; DELETE FROM sync_audit_logs");
    }
}
