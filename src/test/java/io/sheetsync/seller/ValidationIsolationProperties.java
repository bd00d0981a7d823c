package io.sheetsync.seller;

import io.sheetsync.support.MessySheets;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.SyncedSellers;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Invalid rows of a messy sheet are skipped and logged one by one while a real run writes every valid row. */
class ValidationIsolationProperties {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(Map::of);

    // The row a validation message is about: the first row it names (a duplicate's message names its winner after).
    private static final Pattern NAMED_ROW = Pattern.compile("(?<![0-9])row ([0-9]+)(?![0-9])");

    private static SyncedSellers sellers;

    @BeforeAll
    static void connect() {
        sellers = new SyncedSellers(SYNC.service(), SYNC.database());
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 30: Validation error isolation — for any validation"
            + " error on a specific record, the system should skip that record, log the error, and continue with"
            + " other records")
    void every_invalid_row_is_skipped_and_logged_by_its_row_while_every_valid_row_is_written() {
        PropertyTests.runs().forAll(MessySheets.sheets(0, 10)).checkAssert(sheet -> {
            sellers.reset();

            RunSummary run = sellers.sync(sheet);

            // CONTRACT section 6: a sheet without a single valid row fails the run; invalid rows alone never do.
            assertThat(run.status()).as("run status").isEqualTo(sheet.validRowCount() > 0 ? "completed" : "failed");
            Map<String, SyncedSellers.Stored> stored = sellers.stored();
            assertThat(stored.keySet()).as("stored sellers").isEqualTo(sheet.expectedKeys());
            SyncedSellers.assertHoldsSheet(stored, sheet);

            List<String> messages = sellers.errorMessages(run, "validation");
            Set<Integer> invalid = sheet.invalidRows();
            for (int row : invalid) {
                assertThat(messages).as("validation errors naming invalid row %d", row)
                        .filteredOn(message -> names(message, row)).hasSize(1);
            }
            List<Integer> about = new ArrayList<>();
            List<String> sheetRefusals = new ArrayList<>();
            messages.forEach(message -> {
                Integer row = rowOf(message);
                if (row == null) {
                    sheetRefusals.add(message);
                } else {
                    about.add(row);
                }
            });
            // A sheet without a valid row is refused as a whole: one validation error of its own, naming no row.
            assertThat(sheetRefusals).as("refusals of the whole sheet").hasSize(sheet.validRowCount() > 0 ? 0 : 1);
            // A duplicate's loser may be logged as well; a row that was written never is.
            assertThat(about).as("rows the validation errors are about").allMatch(row -> invalid.contains(row)
                    || sheet.duplicateRows().contains(row));
        });
    }

    private static boolean names(String message, int row) {
        Matcher named = NAMED_ROW.matcher(message);
        while (named.find()) {
            if (Integer.parseInt(named.group(1)) == row) {
                return true;
            }
        }
        return false;
    }

    private static Integer rowOf(String message) {
        Matcher named = NAMED_ROW.matcher(message);
        return named.find() ? Integer.valueOf(named.group(1)) : null;
    }
}
