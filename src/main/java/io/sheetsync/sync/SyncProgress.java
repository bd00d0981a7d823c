package io.sheetsync.sync;

import java.util.concurrent.atomic.AtomicInteger;

/** Live counters of a running sync, safe to read from API threads while the run updates them. */
public final class SyncProgress {

    private final AtomicInteger totalRecords = new AtomicInteger();
    private final AtomicInteger processedRecords = new AtomicInteger();
    private final AtomicInteger successCount = new AtomicInteger();
    private final AtomicInteger errorCount = new AtomicInteger();
    private volatile SyncStage stage = SyncStage.FETCH;
    private volatile boolean finished;

    /** A consistent-enough copy for one API answer. */
    public record Snapshot(int totalRecords, int processedRecords, int successCount, int errorCount, String currentPhase) {
    }

    /** The run enters the next of its stages. */
    public void enter(SyncStage next) {
        stage = next;
    }

    /** The run has ended. */
    public void finish() {
        finished = true;
    }

    /** The phase the progress API shows: the current stage's, or finished. */
    public String phase() {
        return finished ? SyncStage.FINISHED_PHASE : stage.phase();
    }

    public void total(int records) {
        totalRecords.set(records);
    }

    public void succeeded(int records) {
        successCount.addAndGet(records);
        processedRecords.addAndGet(records);
    }

    public void failed(int records) {
        errorCount.addAndGet(records);
        processedRecords.addAndGet(records);
    }

    public Snapshot snapshot() {
        return new Snapshot(totalRecords.get(), processedRecords.get(), successCount.get(), errorCount.get(),
                phase());
    }
}
