package io.sheetsync.sync;

import io.sheetsync.audit.RunCounts;
import io.sheetsync.audit.RunStatus;
import io.sheetsync.audit.TriggerSource;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One sync from start to end: its audit id, what started it, live progress and counts, and the lock it holds.
 * Counters are atomic because the API reads them while the run writes them.
 */
public final class SyncRun {

    private final UUID id;
    private final TriggerSource trigger;
    private final Instant startTime;
    private final SyncLock.Held lock;
    private final SyncProgress progress = new SyncProgress();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger validRows = new AtomicInteger();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger updated = new AtomicInteger();
    private final AtomicInteger unchanged = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Map<SyncPhase, Duration> phaseDurations = new EnumMap<>(SyncPhase.class);
    private final Map<SyncStage, Duration> stageDurations = new EnumMap<>(SyncStage.class);
    private volatile RunStatus status = RunStatus.IN_PROGRESS;
    private volatile Instant endTime;
    private volatile String errorMessage;

    SyncRun(UUID id, TriggerSource trigger, Instant startTime, SyncLock.Held lock) {
        this.id = id;
        this.trigger = trigger;
        this.startTime = startTime;
        this.lock = lock;
    }

    public UUID id() {
        return id;
    }

    public TriggerSource trigger() {
        return trigger;
    }

    public Instant startTime() {
        return startTime;
    }

    public SyncProgress progress() {
        return progress;
    }

    public RunStatus status() {
        return status;
    }

    public Instant endTime() {
        return endTime;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public RunCounts counts() {
        return new RunCounts(total.get(), validRows.get(), created.get(), updated.get(), unchanged.get(), failed.get());
    }

    /** Time spent per phase so far, for the summary. */
    public synchronized Map<SyncPhase, Duration> phaseDurations() {
        return Map.copyOf(phaseDurations);
    }

    /** Time spent per stage so far; a stage the run never reached has no entry. */
    public synchronized Map<SyncStage, Duration> stageDurations() {
        return Map.copyOf(stageDurations);
    }

    /** Adds time spent in a stage, and so in its phase. */
    synchronized void addStageTime(SyncStage stage, Duration spent) {
        stageDurations.merge(stage, spent, Duration::plus);
        phaseDurations.merge(stage.phase(), spent, Duration::plus);
    }

    void rowsRead(int rows, int valid) {
        total.set(rows);
        validRows.set(valid);
    }

    void addCreated(int n) {
        created.addAndGet(n);
    }

    void addUpdated(int n) {
        updated.addAndGet(n);
    }

    void addUnchanged(int n) {
        unchanged.addAndGet(n);
    }

    void addFailed(int n) {
        failed.addAndGet(n);
    }

    void end(RunStatus finalStatus, Instant at, String error) {
        this.errorMessage = error;
        this.endTime = at;
        this.status = finalStatus;
        progress.phase(SyncPhase.FINISHED);
    }

    void releaseLock() {
        lock.close();
    }
}
