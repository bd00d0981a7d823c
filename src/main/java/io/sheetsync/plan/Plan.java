package io.sheetsync.plan;

import io.sheetsync.seller.SellerChange;

import java.time.Instant;
import java.util.List;

/**
 * What a sync would do now, computed without writing anything (CONTRACT section 7).
 *
 * @param inStep    nothing would be written and no guard fires
 * @param changes   every create, update and move, in that order and by sheet row, up to {@link #MAX_CHANGES}
 * @param truncated more changes than {@link #MAX_CHANGES}; the counts are complete either way
 */
public record Plan(Instant generatedAt, boolean inStep, Counts counts, List<Guard> guards,
                   List<SellerChange> changes, boolean truncated) {

    /** The most changes a plan lists. */
    public static final int MAX_CHANGES = 1000;

    public Plan {
        guards = List.copyOf(guards);
        changes = List.copyOf(changes);
    }

    /**
     * The rows of the sheet and the keys of the database by what a sync would do with them.
     *
     * @param create        sellers the sync would insert
     * @param update        sellers a stored value of which would change (their property record included)
     * @param unchanged     valid sellers it would write nothing for (those whose newer database version wins too)
     * @param invalid       rows set aside as invalid
     * @param duplicates    rows set aside because a row with the same seller number wins
     * @param orphans       stored sellers the sheet does not have (never deleted)
     * @param moved         sellers only the sheet row of which would change (source_row)
     * @param databaseNewer sellers changed in the database later than their row's updated_at: the sync keeps the
     *                      database's version and logs the conflict (among {@code unchanged})
     */
    public record Counts(int create, int update, int unchanged, int invalid, int duplicates, int orphans, int moved,
                         int databaseNewer) {

        /** Whether a sync would write any seller. */
        boolean writes() {
            return create + update + moved > 0;
        }
    }

    /**
     * A guard that would stop the real run before it writes, with the message that run would fail with.
     *
     * @param guard {@code missing_header}, {@code unusable_header}, {@code shrink} or {@code vanished_column}
     */
    public record Guard(String guard, String message) {
    }
}
