package io.sheetsync.sync;

import io.sheetsync.support.MessySheet;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.SheetEdit;
import io.sheetsync.support.SyncedSellers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Syncing a sheet again updates sellers in place, and syncing the same sheet again changes nothing at all. */
class IdempotencyProperties {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(Map::of);

    private static SyncedSellers sellers;

    @BeforeAll
    static void connect() {
        sellers = new SyncedSellers(SYNC.service(), SYNC.database());
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 37: Upsert behavior — for any seller record that"
            + " already exists, the sync should update the record rather than creating a duplicate")
    void an_edited_sheet_updates_renamed_sellers_in_place_and_leaves_the_others_alone() {
        PropertyTests.runs().forAll(MessySheets.edits(1, 10)).checkAssert(edit -> {
            sellers.reset();
            MessySheet before = edit.before();
            MessySheet after = edit.after();
            RunSummary first = sellers.sync(before);
            assertThat(first.status()).as("first run").isEqualTo(before.validRowCount() > 0 ? "completed" : "failed");
            Map<String, SyncedSellers.Stored> earlier = sellers.stored();
            List<String> earlierDump = sellers.dump();

            RunSummary second = sellers.sync(after);

            Map<String, SyncedSellers.Stored> later = sellers.stored();
            if (refusedAsShrunk(before, after)) {
                assertThat(second.status()).as("second run, refused by the shrink guard").isEqualTo("failed");
                assertThat(sellers.dump()).as("tables after a refused run").isEqualTo(earlierDump);
                return;
            }
            assertThat(second.status()).as("second run").isEqualTo("completed");
            Set<String> everyKey = new TreeSet<>(before.expectedKeys());
            everyKey.addAll(after.expectedKeys());
            assertThat(later.keySet()).as("stored sellers: each once, removed ones kept").isEqualTo(everyKey);
            SyncedSellers.assertHoldsSheet(later, after);
            edit.changes().forEach((key, change) -> {
                SyncedSellers.Stored was = earlier.get(key);
                SyncedSellers.Stored is = later.get(key);
                switch (change) {
                    case ADDED -> {
                        assertThat(was).as("%s before it was added", key).isNull();
                        assertThat(is.version()).as("version of added %s", key).isEqualTo(1);
                    }
                    case RENAMED -> {
                        assertThat(is.id()).as("id of renamed %s", key).isEqualTo(was.id());
                        assertThat(is.version()).as("version of renamed %s", key).isEqualTo(was.version() + 1);
                        assertThat(is.createdAt()).as("created_at of renamed %s", key).isEqualTo(was.createdAt());
                        assertThat(is.updatedAt()).as("updated_at of renamed %s", key).isAfter(was.updatedAt());
                        // The rename touches the seller only: its property record is the same one, unchanged.
                        assertThat(is.propertyId()).as("property of renamed %s", key).isEqualTo(was.propertyId());
                        assertThat(is.propertyVersion()).as("property version of renamed %s", key)
                                .isEqualTo(was.propertyVersion());
                    }
                    // A kept row may have moved in the sheet: only its source_row follows it.
                    case KEPT -> assertThat(is).as("kept %s", key).usingRecursiveComparison()
                            .ignoringFields("sourceRow").isEqualTo(was);
                    case REMOVED -> assertThat(is).as("removed %s, now an orphan", key).isEqualTo(was);
                    default -> throw new IllegalStateException(change.name());
                }
            });
            List<String> written = new ArrayList<>();
            edit.expectedOperations().forEach((key, operation) -> {
                if (!operation.equals("unchanged")) {
                    written.add(key + " " + operation + " success");
                }
            });
            assertThat(writes(sellers.recordLogs(second))).as("creates and updates of the second run")
                    .containsExactlyInAnyOrderElementsOf(written);
        });
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 38: Sync operation idempotency — for any sync"
            + " operation executed multiple times with the same data, the result should be identical without data"
            + " corruption")
    void syncing_the_same_sheet_again_leaves_sellers_and_properties_exactly_as_they_were() {
        PropertyTests.runs().forAll(MessySheets.sheets(0, 10), Generate.range(1, 3)).checkAssert((sheet, again) -> {
            sellers.reset();
            String expectedStatus = sheet.validRowCount() > 0 ? "completed" : "failed";
            assertThat(sellers.sync(sheet).status()).as("first run").isEqualTo(expectedStatus);
            List<String> firstDump = sellers.dump();

            for (int i = 1; i <= again; i++) {
                RunSummary repeat = sellers.sync();

                assertThat(repeat.status()).as("run %d", i + 1).isEqualTo(expectedStatus);
                assertThat(sellers.dump()).as("sellers and properties after run %d", i + 1).isEqualTo(firstDump);
                assertThat(writes(sellers.recordLogs(repeat))).as("creates and updates of run %d", i + 1).isEmpty();
                assertThat(repeat.counts().created() + repeat.counts().updated()).as("reported writes of run %d",
                        i + 1).isZero();
            }
            Map<String, SyncedSellers.Stored> stored = sellers.stored();
            assertThat(stored.keySet()).as("stored sellers").isEqualTo(sheet.expectedKeys());
            SyncedSellers.assertHoldsSheet(stored, sheet);
        });
    }

    /**
     * CONTRACT section 6, from the generated sheets: the second run is refused when the edited sheet has no valid
     * row, or fewer than half the valid rows of the first run, if that one completed.
     */
    private static boolean refusedAsShrunk(MessySheet before, MessySheet after) {
        return after.validRowCount() == 0
                || before.validRowCount() > 0 && 2 * after.validRowCount() < before.validRowCount();
    }

    private static List<String> writes(List<String> recordLogs) {
        return recordLogs.stream().filter(line -> !line.contains(" skip ")).toList();
    }
}
