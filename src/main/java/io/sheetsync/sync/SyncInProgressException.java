package io.sheetsync.sync;

import java.util.Optional;

/** A sync was asked for while one is running (here, or in another instance sharing the database). */
public class SyncInProgressException extends Exception {

    private final transient SyncRun localRun;

    public SyncInProgressException(SyncRun localRun) {
        super(localRun == null
                ? "a sync is already running in another instance sharing this database"
                : "sync " + localRun.id() + " is already running");
        this.localRun = localRun;
    }

    /** The running sync when it runs in this process; empty when another instance holds the lock. */
    public Optional<SyncRun> localRun() {
        return Optional.ofNullable(localRun);
    }
}
