package io.sheetsync.recovery;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** One row of {@code sync_recovery_actions}: something the service did to recover, within one run. */
public record RecoveryAction(Kind kind, String sellerNumber, String detail, Instant timestamp) {

    /**
     * The actions of the seed's "recovery action logging" (property 31), plus conflicts resolved by timestamp and a
     * vanished or emptied column a run accepted because an operator acknowledged the alert that named it.
     */
    public enum Kind {
        RETRY_SUCCEEDED, RECONNECTED, LOCK_REACQUIRED, BATCH_RETRIED, RECORD_QUEUED, QUEUED_RECORD_SYNCED,
        CONFLICT_RESOLVED, OUTCOME_RECORDED_LATE, COLUMN_REMOVAL_ACCEPTED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the action is logged as a warning: the run goes on, but someone chose to lose data. */
        boolean warns() {
            return this == COLUMN_REMOVAL_ACCEPTED;
        }
    }

    public RecoveryAction {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(detail);
        Objects.requireNonNull(timestamp);
    }

    public static RecoveryAction of(Kind kind, String detail, Instant at) {
        return new RecoveryAction(kind, null, detail, at);
    }

    public static RecoveryAction forSeller(Kind kind, String sellerNumber, String detail, Instant at) {
        return new RecoveryAction(kind, sellerNumber, detail, at);
    }
}
