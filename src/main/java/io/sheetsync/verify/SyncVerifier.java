package io.sheetsync.verify;

import io.sheetsync.seller.ParsedSheet;
import io.sheetsync.seller.Seller;

import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
     * Compares the parsed sheet with what the database holds now.
     *
     * @param accountedFor sellers whose difference the run already reported and queued (version conflicts, batches
     *                     set aside) or resolved for the database: not drift. Missing ones are still gaps.
     */
    public Verification verify(ParsedSheet sheet, Set<String> accountedFor) throws SQLException {
        VerificationRepository.StoredState state = stored.compare(keys(sheet.sellers()), DEFECT_LIMIT);
        List<String> drift = state.drifted().stream().filter(key -> !accountedFor.contains(key)).toList();
        List<IntegrityIssue> issues = integrity.issues(sheet.rejections(), state.defects());
        return new Verification(state.missing().isEmpty() && drift.isEmpty(), sheet.sellers().size(), state.count(),
                state.missing(), issues, false, false, state.missing(), state.orphans(), drift, clock.instant());
    }

    /** Checks again, after a resync, exactly the keys that were missing or drifted. */
    public Verification recheck(Verification before, List<Seller> resynced) throws SQLException {
        VerificationRepository.StoredState state = stored.recheck(keys(resynced));
        return before.afterResync(state.missing(), state.drifted(), state.count(), clock.instant());
    }

    /**
     * The sellers of the sheet that a resync must write again: those missing or drifted, except those the retry queue
     * already has (writing them again now would only hit the same lock or refusal).
     */
    public static List<Seller> toResync(ParsedSheet sheet, Verification verification, Set<String> deferred) {
        Set<String> keys = new java.util.HashSet<>(verification.remainingGaps());
        keys.addAll(verification.drift());
        keys.removeAll(deferred);
        return sheet.sellers().stream().filter(seller -> keys.contains(seller.sellerNumber())).toList();
    }

    private static Map<String, VerificationRepository.SheetKey> keys(List<Seller> sellers) {
        Map<String, VerificationRepository.SheetKey> keys = new HashMap<>(sellers.size() * 2);
        sellers.forEach(seller -> keys.put(seller.sellerNumber(),
                new VerificationRepository.SheetKey(seller.contentHash(), seller.property() != null)));
        return keys;
    }
}
