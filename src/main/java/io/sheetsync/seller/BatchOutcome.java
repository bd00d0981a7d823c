package io.sheetsync.seller;

import java.util.List;

/**
 * What one batch upsert did, by seller number.
 *
 * @param conflicts sellers whose stored row changed under us (optimistic lock lost) or that were not written for
 *                  another reason the database gave no error for; they are reported as failures, never lost silently
 */
public record BatchOutcome(List<String> created, List<String> updated, List<String> unchanged, List<String> conflicts) {

    public BatchOutcome {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        unchanged = List.copyOf(unchanged);
        conflicts = List.copyOf(conflicts);
    }

    public int size() {
        return created.size() + updated.size() + unchanged.size() + conflicts.size();
    }
}
