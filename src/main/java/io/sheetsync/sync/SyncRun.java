package io.sheetsync.sync;

import io.sheetsync.audit.ErrorKind;
import io.sheetsync.audit.RunCounts;
import io.sheetsync.audit.RunStatus;
import io.sheetsync.audit.TriggerSource;

import java.sql.SQLException;
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
    private final RunControl control;
    private final SyncProgress progress = new SyncProgress();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger validRows = new AtomicInteger();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger updated = new AtomicInteger();
    private final AtomicInteger unchanged = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final java.util.Set<String> failedWrites = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> deferred = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<SyncStage, Duration> stageDurations = new EnumMap<>(SyncStage.class);
    private final Map<SyncStage, Integer> openSpans = new EnumMap<>(SyncStage.class);
    private final Map<SyncStage, Instant> spansSince = new EnumMap<>(SyncStage.class);
    private volatile RunStatus status = RunStatus.IN_PROGRESS;
    private volatile Instant endTime;
    private volatile String errorMessage;
    private volatile ErrorKind errorKind;

    SyncRun(UUID id, TriggerSource trigger, Instant startTime, SyncLock.Held lock, RunControl control) {
        this.id = id;
        this.trigger = trigger;
        this.startTime = startTime;
        this.lock = lock;
        this.control = control;
    }

    /** Deadline, stop requests and recovery state of this run. */
    public RunControl control() {
        return control;
    }

    /** Runs a query on the session that holds this run's lock (it fails when that session, and the lock, is gone). */
    public <T> T onLockSession(SyncLock.SessionQuery<T> query) throws SQLException {
        return lock.query(query);
    }

    /** After the lock's session may have died: takes the lock again when it did, unless another instance has it. */
    public SyncLock.Retake retakeLock() throws SQLException {
        return lock.retake();
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

    /** The category and SQLSTATE of the error that failed the run, or null while it has not failed. */
    public ErrorKind errorKind() {
        return errorKind;
    }

    public RunCounts counts() {
        return new RunCounts(total.get(), validRows.get(), created.get(), updated.get(), unchanged.get(), failed.get());
    }

    /** Time spent per stage so far; a stage the run never reached has no entry. */
    public synchronized Map<SyncStage, Duration> stageDurations() {
        return Map.copyOf(stageDurations);
    }

    /** Adds time spent in a stage. */
    synchronized void addStageTime(SyncStage stage, Duration spent) {
        stageDurations.merge(stage, spent, Duration::plus);
    }

    /**
     * A span of work in a stage begins, at {@code at}. Batches are written by several threads at once: a stage's time
     * is the wall time during which at least one of its spans was open, not the sum of the spans.
     */
    synchronized void spanStarted(SyncStage stage, Instant at) {
        if (openSpans.merge(stage, 1, Integer::sum) == 1) {
            spansSince.put(stage, at);
        }
    }

    /** A span begun by {@link #spanStarted} ends, at {@code at}. */
    synchronized void spanEnded(SyncStage stage, Instant at) {
        if (openSpans.merge(stage, -1, Integer::sum) == 0) {
            addStageTime(stage, Duration.between(spansSince.remove(stage), at));
        }
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

    /**
     * Sellers whose difference from the sheet is already accounted for in this run: a version conflict or a batch set
     * aside (both queued for a retry), or a conflict resolved in favour of the newer database version. Verification
     * does not count them as drift, and the automatic resync leaves them to the retry queue.
     */
    public void defer(java.util.Collection<String> sellerNumbers) {
        deferred.addAll(sellerNumbers);
    }

    public java.util.Set<String> deferred() {
        return java.util.Set.copyOf(deferred);
    }

    /** Remembers sellers whose write failed in this run, so a later resync that heals them can say so. */
    void writesFailed(java.util.Collection<String> sellerNumbers) {
        int added = 0;
        for (String key : sellerNumbers) {
            if (failedWrites.add(key)) {
                added++;
            }
        }
        failed.addAndGet(added);
    }

    /** Sellers written by a resync: those that had failed in this run no longer count as failures. */
    void writesHealed(java.util.Collection<String> sellerNumbers) {
        int healed = 0;
        for (String key : sellerNumbers) {
            if (failedWrites.remove(key)) {
                healed++;
            }
        }
        failed.addAndGet(-healed);
    }

    void end(RunStatus finalStatus, Instant at, String error, ErrorKind kind) {
        this.errorMessage = error;
        this.errorKind = kind;
        this.endTime = at;
        this.status = finalStatus;
        progress.finish();
    }

    void releaseLock() {
        lock.close();
    }
}
