package io.sheetsync.sync;

import java.util.concurrent.atomic.AtomicInteger;

/** Live counters of a running sync, safe to read from API threads while the run updates them. */
public final class SyncProgress {

    private final AtomicInteger totalRecords = new AtomicInteger();
    private final AtomicInteger processedRecords = new AtomicInteger();
    private final AtomicInteger successCount = new AtomicInteger();
    private final AtomicInteger errorCount = new AtomicInteger();
    private volatile SyncPhase phase = SyncPhase.DETECTING;

    /** A consistent-enough copy for one API answer. */
    public record Snapshot(int totalRecords, int processedRecords, int successCount, int errorCount, String currentPhase) {
    }

    public void phase(SyncPhase next) {
        phase = next;
    }

    public SyncPhase phase() {
        return phase;
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
                phase.code());
    }
}
