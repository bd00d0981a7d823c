package io.sheetsync.alert;

import io.sheetsync.audit.ErrorKind;
import io.sheetsync.sync.ColumnChange;
import io.sheetsync.verify.Verification;

import java.util.List;
import java.util.UUID;

/**
 * How a run ended, as far as alerting cares.
 *
 * @param error               the run's error text, or null
 * @param errorKind           its category and SQLSTATE, or null when the run did not fail
 * @param verification        what the check after the run found, or null when the run failed before it
 * @param consecutiveFailures failed runs since the last completed one, this one included
 * @param lostColumns         the columns the sheet lost, when that failed the run ({@link Failure#COLUMN_VANISHED})
 */
public record RunOutcome(UUID runId, Failure failure, String error, ErrorKind errorKind, Verification verification,
                         int consecutiveFailures, List<ColumnChange> lostColumns) {

    /** Why a run failed, if it did. */
    public enum Failure {
        NONE,
        /** sellers were still missing (or drifted) after the automatic resync */
        GAPS,
        /** the sheet came back empty, headerless or too small */
        SOURCE_SHRUNK,
        /** the sheet lost a mapped column the last completed run had */
        COLUMN_VANISHED,
        /** anything else: fetch, database, configuration */
        ERROR
    }

    public RunOutcome {
        lostColumns = List.copyOf(lostColumns);
    }

    public boolean completed() {
        return failure == Failure.NONE;
    }
}
