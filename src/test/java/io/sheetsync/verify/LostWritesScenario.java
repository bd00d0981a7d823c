package io.sheetsync.verify;

import io.sheetsync.support.MessyRow;
import io.sheetsync.support.MessySheet;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.SheetEdit;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One generated situation for a sync and what it must end in: an optional earlier sheet synced first (its sellers
 * stay stored, so a later sheet without them leaves orphans), the sheet of the run under test, and the sellers whose
 * inserts the database silently drops during that run (the AA12679 incident), once or on every attempt. Everything
 * below is worked out from these generated inputs and CONTRACT section 6, never from what the service reports.
 *
 * @param earlier the sheet synced before the run under test, or null for an empty database
 * @param drops   seller numbers of the run's sheet whose inserts are dropped, and how often
 */
record LostWritesScenario(MessySheet earlier, MessySheet sheet, Map<String, Drop> drops) {

    /** How often the database drops a seller's insert. */
    enum Drop {
        /** The first insert only: the automatic resync stores it. */
        ONCE,
        /** Every insert: the gap remains after the resync. */
        ALWAYS
    }

    LostWritesScenario {
        drops = Map.copyOf(drops);
    }

    /**
     * Scenarios around sheets of {@code sheets}: alone on an empty database, or as the later version of an edited
     * sheet whose first version was synced before (kept, renamed, removed and added sellers; sometimes most rows cut,
     * down to a sheet the shrink guard refuses). With {@code dropping}, a share of the run's new sellers (none to all
     * of them) lose their inserts.
     */
    static Gen<LostWritesScenario> scenarios(Gen<MessySheet> sheets, boolean dropping) {
        Gen<SheetEdit> edits = MessySheets.edits(0, 10);
        Gen<Integer> dropShares = Generate.pick(List.of(0, 20, 50, 100));
        Gen<Integer> percent = Generate.range(1, 100);
        Gen<Integer> keptShares = Generate.pick(List.of(100, 100, 50, 25));
        Gen<Drop> kinds = Generate.pick(List.of(Drop.ONCE, Drop.ALWAYS));
        Gen<LostWritesScenario> scenarios = in -> {
            MessySheet earlier = null;
            MessySheet sheet;
            if (Generate.booleans().generate(in)) {
                SheetEdit edit = edits.generate(in);
                earlier = edit.before();
                // Sometimes most rows go missing as well, so the shrink guard has sheets to refuse.
                int kept = keptShares.generate(in);
                List<MessyRow> rows = new ArrayList<>();
                edit.after().rows().stream().filter(row -> percent.generate(in) <= kept).forEach(rows::add);
                sheet = edit.after().withRows(rows);
            } else {
                sheet = sheets.generate(in);
            }
            Map<String, Drop> drops = new TreeMap<>();
            int share = dropping ? dropShares.generate(in) : 0;
            Set<String> stored = storedBefore(earlier);
            for (String key : sheet.expectedKeys()) {
                // Only inserts can be lost: a seller already stored is updated or left alone.
                if (!stored.contains(key) && percent.generate(in) <= share) {
                    drops.put(key, kinds.generate(in));
                }
            }
            return new LostWritesScenario(earlier, sheet, drops);
        };
        return scenarios.describedAs(LostWritesScenario::toString);
    }

    /** Sheets for runs where gaps matter: valid-only or messy with distinct keys, at least one valid row. */
    static Gen<MessySheet> sheetsWithDistinctSellers() {
        return Generate.frequency(
                Pair.of(1, MessySheets.validSheets(1, 10)),
                Pair.of(1, MessySheets.distinctSheets(1, 10).assuming(sheet -> sheet.validRowCount() > 0)));
    }

    /** Whether the earlier sheet was stored: a sheet without any valid row is refused (CONTRACT section 6). */
    boolean earlierCompleted() {
        return earlier != null && earlier.validRowCount() > 0;
    }

    /** The sellers stored before the run under test. */
    Set<String> storedBefore() {
        return storedBefore(earlier);
    }

    private static Set<String> storedBefore(MessySheet earlier) {
        return earlier == null || earlier.validRowCount() == 0 ? Set.of() : earlier.expectedKeys();
    }

    /**
     * Whether the run is refused before it writes: no valid row, or fewer than half the valid rows of the last
     * completed run (the shrink guard at its default of 50%).
     */
    boolean refused() {
        int valid = sheet.validRowCount();
        return valid == 0 || (earlierCompleted() && 2 * valid < earlier.validRowCount());
    }

    /** Seller numbers missing after the writes: every dropped insert, when the run gets to writing at all. */
    Set<String> gaps() {
        return refused() ? Set.of() : new TreeSet<>(drops.keySet());
    }

    /** Gaps the automatic resync heals. */
    Set<String> healed() {
        return keys(Drop.ONCE);
    }

    /** Gaps still missing after the automatic resync. */
    Set<String> remaining() {
        return keys(Drop.ALWAYS);
    }

    /** Whether the run must end completed: it was not refused and no gap remained. */
    boolean completes() {
        return !refused() && remaining().isEmpty();
    }

    /** Every seller stored after the run. */
    Set<String> storedAfter() {
        Set<String> stored = new TreeSet<>(storedBefore());
        if (!refused()) {
            stored.addAll(sheet.expectedKeys());
            stored.removeAll(remaining());
        }
        return stored;
    }

    /** Stored sellers that the run's sheet does not hold. */
    Set<String> orphans() {
        Set<String> orphans = new TreeSet<>(storedBefore());
        orphans.removeAll(sheet.expectedKeys());
        return orphans;
    }

    /** Whether the sheet has rows a person must fix: invalid rows, or rows losing to a duplicate. */
    static boolean hasIntegrityIssues(MessySheet sheet) {
        return !sheet.invalidRows().isEmpty() || !sheet.duplicateRows().isEmpty();
    }

    private Set<String> keys(Drop kind) {
        Set<String> keys = new TreeSet<>();
        if (!refused()) {
            drops.forEach((key, drop) -> {
                if (drop == kind) {
                    keys.add(key);
                }
            });
        }
        return keys;
    }

    @Override
    public String toString() {
        return (earlier == null ? "\nno earlier sync\n" : "\nearlier sync of:" + earlier) + "then a sync of:" + sheet
                + "dropped inserts: " + new TreeMap<>(drops);
    }
}
