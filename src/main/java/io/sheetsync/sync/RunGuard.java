package io.sheetsync.sync;

import io.sheetsync.audit.AuditLog;
import io.sheetsync.audit.AuditTrail;
import io.sheetsync.audit.RunLogWriter;
import io.sheetsync.audit.RunStatus;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.recovery.RecoveryAction;
import io.sheetsync.recovery.RecoveryLog;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Makes every run end, and end on the record. Between batches ({@link #checkpoint}) a run stops when it was cancelled,
 * when the service is stopping, when it passed SYNC_RUN_TIMEOUT_MINUTES, or when it lost the sync lock and cannot take
 * it back; a watchdog ({@link #watch}) enforces the time limit even while a run waits inside a batch. A run whose end
 * could not be written (database unreachable) is written when the next run starts.
 *
 * <p>A stop request is also written to the run's audit row, so a cancel that reaches another instance is honoured by
 * the instance running the sync.
 */
public final class RunGuard {

    private static final Logger LOG = LoggerFactory.getLogger(RunGuard.class);

    /** What a cancel request found. */
    public enum CancelResult { REQUESTED, NOT_RUNNING, UNKNOWN }

    private final SyncCoordinator coordinator;
    private final RunLogWriter audit;
    private final AuditTrail trail;
    private final RecoveryLog recoveryLog;
    private final ErrorClassifier classifier;
    private final ConfigProvider config;
    private final Clock clock;
    private final Queue<SyncRun> unrecorded = new ConcurrentLinkedQueue<>();

    public RunGuard(SyncCoordinator coordinator, RunLogWriter audit, AuditTrail trail, RecoveryLog recoveryLog,
                    ErrorClassifier classifier, ConfigProvider config, Clock clock) {
        this.coordinator = coordinator;
        this.audit = audit;
        this.trail = trail;
        this.recoveryLog = recoveryLog;
        this.classifier = classifier;
        this.config = config;
        this.clock = clock;
    }

    /** The run's first step: writes the end of earlier runs of this process that the database missed. */
    public void begin(@ExchangeProperty(RunExchange.RUN) SyncRun run) {
        for (SyncRun earlier; (earlier = unrecorded.peek()) != null; ) {
            try {
                audit.complete(earlier.id(), earlier.status() == RunStatus.IN_PROGRESS ? RunStatus.FAILED
                                : earlier.status(), earlier.endTime() == null ? clock.instant() : earlier.endTime(),
                        earlier.counts(), earlier.errorMessage(), earlier.errorKind(), null);
                earlier.control().recorded();
                recordOutcome(earlier);
            } catch (SQLException e) {
                LOG.warn("syncId={} the end of run {} still cannot be written: {}", run.id(), earlier.id(),
                        classifier.safeMessage(e));
                return;
            }
            unrecorded.remove(earlier);
            recoveryLog.record(earlier.id(), RecoveryAction.of(RecoveryAction.Kind.OUTCOME_RECORDED_LATE,
                    "outcome written by run " + run.id() + " once the database answered again: " + earlier.errorMessage(),
                    clock.instant()));
        }
    }

    /**
     * Between two steps of a run: throws when the run must stop. Also proves the lock's session is alive (the query
     * runs on it), and takes the lock again when that session died, unless another instance took it meanwhile.
     */
    public void checkpoint(@ExchangeProperty(RunExchange.RUN) SyncRun run) throws RunStoppedException, SQLException {
        RunControl control = run.control();
        Instant now = clock.instant();
        if (control.stopRequest().isEmpty() && !now.isBefore(control.deadline())) {
            timeOut(run, now);
        }
        Optional<StopRequest> stored;
        try {
            stored = run.onLockSession(session -> storedStop(session, run.id()));
        } catch (SQLException lost) {
            LOG.warn("syncId={} the sync lock's database session failed ({}); taking the lock again", run.id(),
                    classifier.safeMessage(lost));
            SyncLock.Retake retake = run.retakeLock();
            if (retake == SyncLock.Retake.TAKEN_BY_ANOTHER) {
                StopRequest request = StopRequest.lockLost(now);
                control.requestStop(request);
                throw stopped(request);
            }
            if (retake == SyncLock.Retake.RETAKEN) {
                recoveryLog.record(run.id(), RecoveryAction.of(RecoveryAction.Kind.LOCK_REACQUIRED,
                        "the sync lock's database session ended; lock taken again on a new connection", now));
            }
            stored = run.onLockSession(session -> storedStop(session, run.id()));
        }
        stored.ifPresent(control::requestStop);
        Optional<StopRequest> stop = control.stopRequest();
        if (stop.isPresent()) {
            throw stopped(stop.get());
        }
    }

    /** After a failed run's end is written: a stopped run gets its outcome (cancelled, timed_out, ...). */
    public void recordOutcome(@ExchangeProperty(RunExchange.RUN) SyncRun run) {
        Optional<StopRequest> stop = run.control().stopRequest();
        if (stop.isEmpty() || !run.control().isRecorded()) {
            return;
        }
        try {
            audit.recordOutcome(run.id(), stop.get().reason().code());
        } catch (SQLException e) {
            LOG.warn("syncId={} the outcome {} could not be written: {}", run.id(), stop.get().reason().code(),
                    classifier.safeMessage(e));
        }
    }

    /** The run's last step: a run whose end the database missed is kept until it can be written. */
    public void settle(@ExchangeProperty(RunExchange.RUN) SyncRun run) {
        if (!run.control().isRecorded()) {
            unrecorded.add(run);
            LOG.error("syncId={} the run ended ({}) but the database did not take its end; it is written when the next"
                    + " run starts", run.id(), run.errorMessage());
        }
    }

    /**
     * Cancels a run (POST /api/sync/{id}/cancel). A run of this process stops after its current batch; a run of
     * another instance sees the request at its next batch; an in-progress row nobody runs any more (its process died)
     * is marked failed at once.
     */
    public CancelResult cancel(UUID id, String role) throws SQLException {
        Optional<AuditLog> log = trail.find(id);
        if (log.isEmpty()) {
            return CancelResult.UNKNOWN;
        }
        StopRequest request = StopRequest.cancelledBy(role, clock.instant());
        Optional<SyncRun> local = coordinator.current().filter(run -> run.id().equals(id));
        if (local.isPresent() && local.get().status() == RunStatus.IN_PROGRESS) {
            local.get().control().requestStop(request);
            persist(local.get().id(), request);
            LOG.warn("syncId={} cancel requested by {}: the run stops after its current batch", id, role);
            return CancelResult.REQUESTED;
        }
        if (local.isPresent() || log.get().status() != RunStatus.IN_PROGRESS) {
            return CancelResult.NOT_RUNNING;
        }
        if (coordinator.failAbandonedRuns() > 0) {
            return CancelResult.NOT_RUNNING; // nobody held the lock: the row was a leftover, now marked failed
        }
        persist(id, request);
        LOG.warn("syncId={} cancel requested by {}: another instance runs it and stops it after its current batch", id,
                role);
        return CancelResult.REQUESTED;
    }

    /** SIGTERM: the run of this process (if any) stops after its current batch. */
    public void stopForShutdown() {
        coordinator.current().ifPresent(run -> {
            StopRequest request = StopRequest.shutdown(clock.instant());
            if (run.control().requestStop(request)) {
                LOG.warn("syncId={} service stopping: the run stops after its current batch", run.id());
                persist(run.id(), request);
            }
        });
    }

    /** The watchdog's tick: a run past its deadline is stopped, and a statement it is waiting on is cancelled. */
    public void watch() {
        coordinator.current().ifPresent(run -> {
            Instant now = clock.instant();
            if (!now.isBefore(run.control().deadline()) && run.control().stopRequest().isEmpty()) {
                timeOut(run, now);
                if (run.control().cancelInFlight()) {
                    LOG.warn("syncId={} cancelled the database statement the run was waiting on", run.id());
                }
            }
        });
    }

    private void timeOut(SyncRun run, Instant now) {
        StopRequest request = StopRequest.timedOut(now);
        if (run.control().requestStop(request)) {
            LOG.error("syncId={} {}", run.id(), request.message(config.current().runTimeoutMinutes()));
            persist(run.id(), request);
        }
    }

    private void persist(UUID runId, StopRequest request) {
        try {
            audit.requestStop(runId, request.by(), request.at());
        } catch (SQLException e) {
            LOG.warn("syncId={} the stop request could not be written to the audit log: {}", runId,
                    classifier.safeMessage(e));
        }
    }

    private Optional<StopRequest> storedStop(Connection session, UUID runId) throws SQLException {
        return audit.stopMark(session, runId).map(mark -> StopRequest.fromStored(mark.by(), mark.at()));
    }

    private RunStoppedException stopped(StopRequest request) {
        return new RunStoppedException(request, request.message(config.current().runTimeoutMinutes()));
    }
}
