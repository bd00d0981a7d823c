package io.sheetsync.seller;

/**
 * The conflict rule of the batch merge, in one place for the merge and the comparison that predicts it: a stored row
 * changed outside the sync (its updated_at is later than the sync's last write, or the sync never wrote it) keeps its
 * version when that is strictly newer than the sheet row's updated_at; a sheet row without updated_at is the source
 * of truth. SQL over {@code t} (the stored seller) and {@code s} (the sheet row); applies to rows whose content
 * differs.
 */
final class DatabaseNewer {

    static final String CONDITION = "((t.last_synced_at IS NULL OR t.updated_at > t.last_synced_at)"
            + " AND s.source_updated_at IS NOT NULL AND t.updated_at > s.source_updated_at)";

    private DatabaseNewer() {
    }
}
