package io.sheetsync.seller;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The sheet rows a sync would write anything for, each with what it would write; every other row of the sheet is
 * stored exactly as the sheet has it. The run writes exactly these keys; a plan describes them. In sheet order when
 * the comparison made it.
 */
public record SheetDifference(Map<String, Kind> differing) {

    /** What the batch merge ({@link SellerRepository#upsert}) does with a row. */
    public enum Kind {
        /** Not stored yet: inserted, with its property record when it has one. */
        CREATE,
        /** Its content changed: rewritten (new version), its property record made to match. */
        UPDATE,
        /** Same content, but its property record differs from the row's property cells: the record is rewritten. */
        PROPERTY,
        /** Same content and property, another sheet row: only source_row is written. */
        MOVE,
        /**
         * Changed in the database after the sync last wrote it, later than the row's updated_at: the merge keeps the
         * database's version and logs the conflict, writing nothing (CONTRACT section 6, conflict resolution).
         */
        DATABASE_NEWER
    }

    public SheetDifference {
        differing = Collections.unmodifiableMap(differing);
    }

    /** The keys the batches carry (the merge decides each of them again in its own transaction), in map order. */
    public Set<String> toWrite() {
        return differing.keySet();
    }

    /** How many rows are of any of these kinds. */
    public int count(Kind... kinds) {
        Set<Kind> wanted = Set.copyOf(Arrays.asList(kinds));
        return (int) differing.values().stream().filter(wanted::contains).count();
    }
}
