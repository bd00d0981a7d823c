package io.sheetsync.seller;

import java.util.List;

/**
 * What one batch upsert did, by seller number.
 *
 * @param conflicts sellers whose stored row changed under us (optimistic lock lost): not overwritten
 * @param notStored new sellers the database did not store although it reported no error (a trigger, a rule): the
 *                  very way a seller once went missing. Both are reported as failures, never lost silently.
 */
public record BatchOutcome(List<String> created, List<String> updated, List<String> unchanged, List<String> conflicts,
                           List<String> notStored) {

    public BatchOutcome {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        unchanged = List.copyOf(unchanged);
        conflicts = List.copyOf(conflicts);
        notStored = List.copyOf(notStored);
    }

    public int size() {
        return created.size() + updated.size() + unchanged.size() + failed();
    }

    /** Sellers of the batch that did not end as the sheet says. */
    public int failed() {
        return conflicts.size() + notStored.size();
    }
}
