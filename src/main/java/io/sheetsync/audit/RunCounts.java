package io.sheetsync.audit;

/**
 * The counts a finished run reports. {@code failed} covers invalid rows, duplicate losers and rows the database did
 * not take; {@code total} is the number of data rows read (blank rows excluded).
 */
public record RunCounts(int total, int validRows, int created, int updated, int unchanged, int failed) {

    public static final RunCounts NONE = new RunCounts(0, 0, 0, 0, 0, 0);

    /** Rows that ended as the sheet says: written or already right. */
    public int succeeded() {
        return created + updated + unchanged;
    }
}
