package io.sheetsync.support;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A sheet and a later version of it, with what happened to each seller in between: the oracle of a second sync.
 *
 * @param changes for every seller of either version, how it changed
 */
public record SheetEdit(MessySheet before, MessySheet after, Map<String, Change> changes) {

    /** What the edit did to one seller. */
    public enum Change { KEPT, RENAMED, REMOVED, ADDED }

    public SheetEdit {
        changes = Map.copyOf(changes);
    }

    /** The record-log operation a sync of {@code after} must report for each seller it stores, once {@code before} is in. */
    public Map<String, String> expectedOperations() {
        Map<String, String> operations = new TreeMap<>();
        changes.forEach((key, change) -> {
            switch (change) {
                case ADDED -> operations.put(key, "create");
                case RENAMED -> operations.put(key, "update");
                case KEPT -> operations.put(key, "unchanged");
                default -> { }
            }
        });
        return operations;
    }

    /** Seller numbers the edit removed from the sheet: still stored, now orphans. */
    public Set<String> removed() {
        Set<String> removed = new TreeSet<>();
        changes.forEach((key, change) -> {
            if (change == Change.REMOVED) {
                removed.add(key);
            }
        });
        return removed;
    }

    @Override
    public String toString() {
        return "before:" + before + "after:" + after + "changes: " + new TreeMap<>(changes);
    }
}
