package io.sheetsync.sync;

import io.sheetsync.audit.AuditLog;
import io.sheetsync.audit.RunHistory;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.seller.StagedSheet;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The shrink guard: a sheet with no valid rows, or with fewer valid rows than the last completed run allows, is
 * refused before anything is written.
 */
public final class ShrinkGuard {

    private final RunHistory history;

    public ShrinkGuard(RunHistory history) {
        this.history = history;
    }

    /** Throws when the parsed sheet shrank beyond SYNC_MAX_SHRINK_PERCENT of the last completed run, or is empty. */
    public void check(StagedSheet parsed, SyncConfig settings) throws SQLException {
        if (parsed.validRowCount() == 0) {
            throw new SourceShrunkException("the sheet has no valid rows (" + parsed.rejections().size()
                    + " invalid, " + parsed.blankRows() + " blank): refusing to call an empty sheet a success");
        }
        Optional<AuditLog> last = history.lastCompleted();
        if (last.isEmpty() || last.get().counts().validRows() == 0) {
            return;
        }
        int before = last.get().counts().validRows();
        long minimum = (long) Math.ceil(before * (100 - settings.maxShrinkPercent()) / 100.0);
        if (parsed.validRowCount() < minimum) {
            throw new SourceShrunkException("the sheet has " + parsed.validRowCount() + " valid rows, the last"
                    + " completed run had " + before + " (more than " + settings.maxShrinkPercent() + "% fewer):"
                    + " check the sheet; raise SYNC_MAX_SHRINK_PERCENT if the shrink is real");
        }
    }
}
