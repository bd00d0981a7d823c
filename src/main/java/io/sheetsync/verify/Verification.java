package io.sheetsync.verify;

import java.time.Instant;
import java.util.List;

/**
 * What the check after a run found (seed SyncVerificationResult), stored with the run and answered by the API.
 *
 * @param spreadsheetCount    distinct valid seller numbers in the sheet
 * @param databaseCount       sellers stored after the run
 * @param gapsDetected        sheet keys missing from the database after the writes
 * @param remainingGaps       of those, the keys still missing after the automatic resync
 * @param orphans             stored sellers that are not in the sheet (reported, never deleted)
 * @param drift               stored sellers whose content differs from the sheet after the run (after the resync)
 * @param success             true when nothing is missing or drifted after the resync
 */
public record Verification(
        boolean success,
        int spreadsheetCount,
        int databaseCount,
        List<String> gapsDetected,
        List<IntegrityIssue> integrityIssues,
        boolean autoResyncAttempted,
        boolean autoResyncSuccess,
        List<String> remainingGaps,
        List<String> orphans,
        List<String> drift,
        Instant timestamp) {

    public Verification {
        gapsDetected = List.copyOf(gapsDetected);
        integrityIssues = List.copyOf(integrityIssues);
        remainingGaps = List.copyOf(remainingGaps);
        orphans = List.copyOf(orphans);
        drift = List.copyOf(drift);
    }

    /** The same verification after an automatic resync that left {@code stillMissing} and {@code stillDrifted}. */
    public Verification afterResync(List<String> stillMissing, List<String> stillDrifted, int databaseCountNow,
                                    Instant at) {
        boolean healed = stillMissing.isEmpty() && stillDrifted.isEmpty();
        return new Verification(healed, spreadsheetCount, databaseCountNow, gapsDetected, integrityIssues, true,
                healed, stillMissing, orphans, stillDrifted, at);
    }

    /** True when some key is missing or drifted and a resync should be tried. */
    public boolean needsResync() {
        return !remainingGaps.isEmpty() || !drift.isEmpty();
    }
}
