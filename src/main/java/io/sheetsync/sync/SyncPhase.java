package io.sheetsync.sync;

/** Where a run is, as the progress API reports it (the seed's detecting / syncing / verifying, and the end). */
public enum SyncPhase {
    DETECTING, SYNCING, VERIFYING, FINISHED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
