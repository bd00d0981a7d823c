package io.sheetsync.sync;

import io.sheetsync.sheet.SheetField;
import io.sheetsync.support.MessyRow;
import io.sheetsync.support.MessySheet;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.SyncedSellers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The vanished-column guard over generated messy sheets. */
class ColumnGuardProperties {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(Map::of);

    /** The optional fields in the contract's order: the columns a sheet may lose. */
    private static final List<String> OPTIONAL = Arrays.stream(SheetField.values()).filter(f -> !f.required())
            .map(SheetField::id).toList();

    private static SyncedSellers sellers;

    @BeforeAll
    static void connect() {
        sellers = new SyncedSellers(SYNC.service(), SYNC.database());
    }

    @Test
    @DisplayName("A sheet that lost any of its optional columns is refused naming exactly those, and nothing is written")
    void dropping_optional_columns_is_refused_naming_exactly_them_and_leaves_every_table_row_as_it_was() {
        PropertyTests.runs().forAll(MessySheets.sheets(1, 10), Generate.range(0, (1 << OPTIONAL.size()) - 1))
                .assuming((sheet, drop) -> sheet.validRowCount() > 0)
                .checkAssert((sheet, drop) -> {
                    sellers.reset();
                    assertThat(sellers.sync(sheet).status()).as("first run").isEqualTo("completed");
                    List<String> before = sellers.dump();
                    List<String> columnsBefore = SYNC.database().query(
                            "SELECT audit_log_id || field || header || filled FROM sync_sheet_columns ORDER BY 1");
                    // the oracle: the optional columns the sheet has whose bit is set, in field order
                    List<String> dropped = new ArrayList<>();
                    for (int i = 0; i < OPTIONAL.size(); i++) {
                        if ((drop & (1 << i)) != 0 && sheet.has(OPTIONAL.get(i))) {
                            dropped.add(OPTIONAL.get(i));
                        }
                    }

                    RunSummary second = sellers.sync(without(sheet, dropped));

                    assertThat(sellers.dump()).as("sellers and properties after the second run").isEqualTo(before);
                    if (dropped.isEmpty()) {
                        assertThat(second.status()).as("second run, no column lost").isEqualTo("completed");
                        return;
                    }
                    assertThat(second.status()).as("second run, columns %s lost", dropped).isEqualTo("failed");
                    assertThat(SYNC.database().query("SELECT c->>'field' FROM sync_alerts,"
                            + " jsonb_array_elements(details->'columns') WITH ORDINALITY AS t(c, n)"
                            + " WHERE type = 'column_vanished' AND severity = 'high' ORDER BY n"))
                            .as("the fields the alert names").containsExactlyElementsOf(dropped);
                    for (String field : OPTIONAL) {
                        if (dropped.contains(field)) {
                            assertThat(second.error()).as("the run's error").contains(" " + field + " (column '");
                        } else {
                            assertThat(second.error()).as("the run's error").doesNotContain(" " + field + " (column '");
                        }
                    }
                    assertThat(SYNC.database().query(
                            "SELECT audit_log_id || field || header || filled FROM sync_sheet_columns ORDER BY 1"))
                            .as("recorded columns").isEqualTo(columnsBefore);
                });
    }

    /** The sheet with the columns of the given fields cut out of its header and every row. */
    private static MessySheet without(MessySheet sheet, List<String> fields) {
        List<Integer> kept = new ArrayList<>();
        for (int column = 0; column < sheet.fields().size(); column++) {
            if (!fields.contains(sheet.fields().get(column))) {
                kept.add(column);
            }
        }
        List<MessyRow> rows = new ArrayList<>();
        for (MessyRow row : sheet.rows()) {
            List<String> cells = kept.stream().filter(column -> column < row.cells().size())
                    .map(column -> row.cells().get(column)).toList();
            rows.add(new MessyRow(cells, row.kind(), row.intended(), row.defect()));
        }
        return new MessySheet(kept.stream().map(sheet.header()::get).toList(),
                kept.stream().map(sheet.fields()::get).toList(), rows);
    }
}
