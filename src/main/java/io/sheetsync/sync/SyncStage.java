package io.sheetsync.sync;

import java.util.Locale;

/**
 * The steps a run spends its time in, as the metrics report them: fetch (reading the sheet), compare (parsing,
 * validating and de-duplicating it), update (the batch merges, where rows are compared with the stored ones and
 * written) and verify. Finer than {@link SyncPhase}, which is what the progress API shows.
 */
public enum SyncStage {
    FETCH(SyncPhase.DETECTING),
    COMPARE(SyncPhase.DETECTING),
    UPDATE(SyncPhase.SYNCING),
    VERIFY(SyncPhase.VERIFYING);

    private final SyncPhase phase;

    SyncStage(SyncPhase phase) {
        this.phase = phase;
    }

    /** The progress phase this stage belongs to. */
    public SyncPhase phase() {
        return phase;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
