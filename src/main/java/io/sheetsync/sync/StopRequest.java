package io.sheetsync.sync;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Why a run is asked to stop before its end, by whom, and when. The run honours it between batches: a batch in
 * progress always finishes (or rolls back) whole.
 *
 * @param by the caller's role for a cancel ({@code operator}, {@code admin}); {@code shutdown} or {@code timeout} else
 */
public record StopRequest(Reason reason, String by, Instant at) {

    /** The outcomes of {@code sync_audit_logs.outcome}. */
    public enum Reason {
        CANCELLED, TIMED_OUT, SHUTDOWN, LOCK_LOST;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public StopRequest {
        Objects.requireNonNull(reason);
        Objects.requireNonNull(by);
        Objects.requireNonNull(at);
    }

    public static StopRequest cancelledBy(String role, Instant at) {
        return new StopRequest(Reason.CANCELLED, role, at);
    }

    public static StopRequest shutdown(Instant at) {
        return new StopRequest(Reason.SHUTDOWN, "shutdown", at);
    }

    public static StopRequest timedOut(Instant at) {
        return new StopRequest(Reason.TIMED_OUT, "timeout", at);
    }

    public static StopRequest lockLost(Instant at) {
        return new StopRequest(Reason.LOCK_LOST, "lock_lost", at);
    }

    /** Reads back what {@link #by} stored in {@code sync_audit_logs.stop_requested_by}. */
    public static StopRequest fromStored(String by, Instant at) {
        return switch (by) {
            case "shutdown" -> shutdown(at);
            case "timeout" -> timedOut(at);
            case "lock_lost" -> lockLost(at);
            default -> cancelledBy(by, at);
        };
    }

    /** The run's error_message. */
    public String message(int runTimeoutMinutes) {
        return switch (reason) {
            case CANCELLED -> "cancelled by " + by;
            case TIMED_OUT -> "timed out: the run took longer than " + runTimeoutMinutes
                    + " min (SYNC_RUN_TIMEOUT_MINUTES); batches committed before stay, the next run does the rest";
            case SHUTDOWN -> "service stopping: the run stopped after its current batch; the next run does the rest";
            case LOCK_LOST -> "lost the sync lock: its database session ended and another instance took the lock, so"
                    + " this run stopped before writing more";
        };
    }
}
