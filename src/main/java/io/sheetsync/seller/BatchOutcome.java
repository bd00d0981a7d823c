package io.sheetsync.seller;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one batch upsert did, by seller number.
 *
 * @param unchanged sellers already as the sheet says, and sellers whose newer database version was kept (see
 *                  {@code resolved})
 * @param conflicts sellers whose stored row changed under us (optimistic lock lost): not overwritten
 * @param notStored new sellers the database did not store although it reported no error (a trigger, a rule): the
 *                  very way a seller once went missing. Both are reported as failures, never lost silently.
 * @param resolved  sellers changed both in the database (outside the sync) and in the sheet, and which side won;
 *                  each is also in {@code updated} (the sheet won) or {@code unchanged} (the database won)
 */
public record BatchOutcome(List<String> created, List<String> updated, List<String> unchanged, List<String> conflicts,
                           List<String> notStored, List<Conflict> resolved) {

    /** Which version of a row changed on both sides was kept: the most recent by timestamp. */
    public enum Winner { SHEET, DATABASE }

    /**
     * A row changed both in the database and in the sheet.
     *
     * @param databaseUpdatedAt the stored row's updated_at
     * @param sheetUpdatedAt    the sheet row's updated_at, or null when the sheet has none (then the sheet wins)
     */
    public record Conflict(String sellerNumber, Winner winner, Instant databaseUpdatedAt, Instant sheetUpdatedAt) {
        public Conflict {
            Objects.requireNonNull(sellerNumber);
            Objects.requireNonNull(winner);
            Objects.requireNonNull(databaseUpdatedAt);
        }
    }

    public BatchOutcome {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        unchanged = List.copyOf(unchanged);
        conflicts = List.copyOf(conflicts);
        notStored = List.copyOf(notStored);
        resolved = List.copyOf(resolved);
    }

    /** An outcome with no silently unstored rows and no resolved conflicts. */
    public BatchOutcome(List<String> created, List<String> updated, List<String> unchanged, List<String> conflicts) {
        this(created, updated, unchanged, conflicts, List.of(), List.of());
    }

    public int size() {
        return created.size() + updated.size() + unchanged.size() + failed();
    }

    /** Sellers of the batch that did not end as the sheet says. */
    public int failed() {
        return conflicts.size() + notStored.size();
    }
}
