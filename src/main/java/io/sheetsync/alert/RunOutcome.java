package io.sheetsync.alert;

import io.sheetsync.verify.Verification;

import java.util.UUID;

/**
 * How a run ended, as far as alerting cares.
 *
 * @param verification        what the check after the run found, or null when the run failed before it
 * @param consecutiveFailures failed runs since the last completed one, this one included
 */
public record RunOutcome(UUID runId, Failure failure, String error, Verification verification,
                         int consecutiveFailures) {

    /** Why a run failed, if it did. */
    public enum Failure {
        NONE,
        /** sellers were still missing (or drifted) after the automatic resync */
        GAPS,
        /** the sheet came back empty, headerless or too small */
        SOURCE_SHRUNK,
        /** anything else: fetch, database, configuration */
        ERROR
    }

    public boolean completed() {
        return failure == Failure.NONE;
    }
}
