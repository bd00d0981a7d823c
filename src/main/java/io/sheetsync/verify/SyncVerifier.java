package io.sheetsync.verify;

import io.sheetsync.seller.StagedSheet;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The check after every run (seed SyncVerificationService): counts, gaps, orphans, drift and data integrity, each
 * found with set queries over the whole sheet rather than a lookup per seller.
 */
public final class SyncVerifier {

    /** At most this many stored-row defects are listed per run; the check stops looking after that. */
    static final int DEFECT_LIMIT = 1000;

    private final VerificationRepository stored;
    private final IntegrityChecker integrity;
    private final Clock clock;

    public SyncVerifier(VerificationRepository stored, IntegrityChecker integrity, Clock clock) {
        this.stored = stored;
        this.integrity = integrity;
        this.clock = clock;
    }

    /**
     * Compares the staged sheet with what the database holds now.
     *
     * @param accountedFor sellers whose difference the run already reported and queued (version conflicts, batches
     *                     set aside) or resolved for the database: not drift. Missing ones are still gaps.
     */
    public Verification verify(StagedSheet sheet, Set<String> accountedFor) throws SQLException {
        VerificationRepository.StoredState state = stored.compare(sheet.stageId(), DEFECT_LIMIT);
        List<String> drift = state.drifted().stream().filter(key -> !accountedFor.contains(key)).toList();
        List<IntegrityIssue> issues = integrity.issues(sheet.rejections(), state.defects());
        return new Verification(state.missing().isEmpty() && drift.isEmpty(), sheet.sellerCount(), state.count(),
                state.missing(), issues, false, false, state.missing(), state.orphans(), drift, clock.instant());
    }

    /** Checks again, after a resync, exactly the keys that were missing or drifted. */
    public Verification recheck(Verification before, StagedSheet sheet, List<String> resynced) throws SQLException {
        VerificationRepository.StoredState state = stored.recheck(sheet.stageId(), resynced);
        return before.afterResync(state.missing(), state.drifted(), state.count(), clock.instant());
    }

    /**
     * The sellers of the sheet that a resync must write again, in key order: those missing or drifted, except those
     * the retry queue already has (writing them again now would only hit the same lock or refusal).
     */
    public static List<String> toResync(Verification verification, Set<String> deferred) {
        Set<String> keys = new TreeSet<>(verification.remainingGaps());
        keys.addAll(verification.drift());
        keys.removeAll(deferred);
        return List.copyOf(keys);
    }
}
