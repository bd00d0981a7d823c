package io.sheetsync.sync;

import io.sheetsync.sheet.SheetFormatException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The sheet lost mapped columns the last completed run had (renamed, deleted, or blank in every valid row), and no
 * operator accepted that: the run is refused before anything is written, because going on would blank those fields
 * for every seller. A validation error, like any sheet refused as a whole.
 */
public class ColumnVanishedException extends SheetFormatException {

    private final transient List<ColumnChange> changes;

    public ColumnVanishedException(List<ColumnChange> changes) {
        super(message(changes));
        this.changes = List.copyOf(changes);
    }

    /** The columns lost, in field order. */
    public List<ColumnChange> changes() {
        return changes;
    }

    private static String message(List<ColumnChange> changes) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a refusal names at least one column");
        }
        return "the sheet lost " + changes.size() + " column(s) the last completed run had: "
                + changes.stream().map(ColumnChange::describe).collect(Collectors.joining("; "))
                + ". Nothing was written: syncing would blank " + changes.stream().map(c -> c.field().id())
                .collect(Collectors.joining(", ")) + " for every seller. Restore the column(s), or, if this is"
                + " intended, acknowledge this run's column_vanished alert (POST /api/alerts/{id}/acknowledge,"
                + " operator): the next run then accepts it";
    }
}
