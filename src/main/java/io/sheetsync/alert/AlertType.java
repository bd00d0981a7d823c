package io.sheetsync.alert;

/** The kinds of alert a run or the watchdog raises ({@code sync_alerts.type}). */
public enum AlertType {
    /** the last N runs failed */
    CONSECUTIVE_FAILURES,
    /** sellers were missing from the database after a run (healed or not) */
    SYNC_GAP,
    /** no run completed for too long */
    NO_SYNC,
    /** rows of the sheet or the database break the data rules */
    DATA_INTEGRITY,
    /** the sheet came back empty, headerless or much smaller than last time */
    SOURCE_SHRUNK,
    /** the sheet lost a mapped column the last completed run had (renamed, deleted or emptied) */
    COLUMN_VANISHED,
    /** a run failed */
    SYNC_FAILED,
    /** a run was much slower than the recent ones */
    PERFORMANCE_DEGRADED,
    /** a runtime setting was changed through the config API */
    CONFIG_CHANGED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
