package io.sheetsync.sync;

import java.util.Locale;

/**
 * The steps a run spends its time in: fetch (reading the sheet), compare (parsing, validating and de-duplicating
 * it), update (the batch merges, where rows are compared with the stored ones and written) and verify. The metrics
 * time each; the progress API shows the coarser phase each belongs to (the seed's detecting / syncing / verifying).
 */
public enum SyncStage {
    FETCH("detecting"),
    COMPARE("detecting"),
    UPDATE("syncing"),
    VERIFY("verifying");

    /** The phase the progress API shows once a run has ended. */
    public static final String FINISHED_PHASE = "finished";

    private final String phase;

    SyncStage(String phase) {
        this.phase = phase;
    }

    /** The progress phase this stage belongs to, as the progress API names it. */
    public String phase() {
        return phase;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
