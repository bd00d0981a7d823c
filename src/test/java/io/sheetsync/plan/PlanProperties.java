package io.sheetsync.plan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.seller.SellerChange;
import io.sheetsync.support.AllTables;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RunningService;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A plan is the difference between the sheet and the database, and the run that follows writes exactly it. */
class PlanProperties {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(Map::of);

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String STORED = """
            SELECT s.seller_number, s.name, s.inquiry_date::text, s.phone, s.email, s.address, s.status, p.address,
              p.property_type, p.land_area, p.building_area, s.source_updated_at, s.source_row, s.raw::text,
              s.version, s.xmin::text || '/' || coalesce(p.xmin::text, '-')
            FROM sellers s LEFT JOIN properties p ON p.seller_id = s.id""";

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 47: a plan equals the difference between sheet and"
            + " database, and the run writes exactly it")
    void a_plan_lists_exactly_what_the_next_run_writes_and_the_run_writes_nothing_else() {
        PropertyTests.runs().forAll(PlanSheets.examples()).checkAssert(example -> {
            SYNC.database().execute("DELETE FROM sellers; DELETE FROM sync_retry_queue; DELETE FROM sync_audit_logs;"
                    + " DELETE FROM sync_alerts");
            assertThat(sync(PlanSheets.Example.csv(example.before())).status()).as("the first run")
                    .isEqualTo("completed");
            write(PlanSheets.Example.csv(example.after()));
            Map<String, Stored> before = stored();
            List<String> tables = AllTables.snapshot(SYNC.database());

            Plan plan = (Plan) SYNC.service().request("direct:plan", null);

            assertThat(AllTables.snapshot(SYNC.database())).as("every table after the plan").isEqualTo(tables);
            List<SellerChange> expected = PlanSheets.expectedChanges(example);
            assertThat(plan.changes()).as("the plan's changes").isEqualTo(expected);
            boolean refused = PlanSheets.columnEmptied(example);
            assertThat(plan.guards()).extracting(Plan.Guard::guard).as("the plan's guards")
                    .isEqualTo(refused ? List.of("vanished_column") : List.of());
            assertThat(plan.counts()).as("the plan's counts").isEqualTo(expectedCounts(example, expected));
            assertThat(plan.inStep()).isEqualTo(expected.isEmpty() && !refused);
            assertThat(plan.truncated()).isFalse();

            RunSummary run = sync(null);

            Map<String, Stored> after = stored();
            if (refused) {
                assertThat(run.status()).as("the run the guard stops").isEqualTo("failed");
                assertThat(after).as("sellers after a refused run").isEqualTo(before);
                return;
            }
            assertThat(run.status()).as("the run after the plan").isEqualTo("completed");
            assertThat(after).as("every stored seller after the run").isEqualTo(expectedAfter(example, before));
            Map<String, String> operations = new TreeMap<>();
            expected.forEach(change -> operations.put(change.sellerNumber(), change.operation()));
            after.forEach((key, stored) -> {
                Stored was = before.get(key);
                String operation = operations.getOrDefault(key, "none");
                assertThat(was == null ? "create" : !was.rowVersions().equals(stored.rowVersions()) ? "written" : "none")
                        .as("what the run did to %s, planned as %s", key, operation)
                        .isEqualTo(switch (operation) {
                            case "create" -> "create";
                            case "update", "move" -> "written";
                            default -> "none";
                        });
                assertThat(stored.version()).as("version of %s, planned as %s", key, operation)
                        .isEqualTo(was == null ? 1 : operation.equals("update") ? was.version() + 1 : was.version());
            });
        });
    }

    private static Plan.Counts expectedCounts(PlanSheets.Example example, List<SellerChange> changes) {
        Set<Integer> inSheet = new HashSet<>();
        int valid = 0;
        int invalid = 0;
        for (PlanSheets.Row row : example.after()) {
            if (row.valid()) {
                inSheet.add(row.key());
                valid++;
            } else {
                invalid++;
            }
        }
        int orphans = (int) example.before().stream().filter(row -> !inSheet.contains(row.key())).count();
        int create = (int) changes.stream().filter(change -> change.operation().equals("create")).count();
        int update = (int) changes.stream().filter(change -> change.operation().equals("update")).count();
        int moved = (int) changes.stream().filter(change -> change.operation().equals("move")).count();
        return new Plan.Counts(create, update, valid - create - update - moved, invalid, 0, orphans, moved, 0);
    }

    /** The stored sellers a run of the edited sheet must leave: each valid row as generated, every other one as it was. */
    private static Map<String, Stored> expectedAfter(PlanSheets.Example example, Map<String, Stored> before) {
        Map<String, Stored> expected = new TreeMap<>();
        before.forEach((key, stored) -> expected.put(key, stored));
        for (int i = 0; i < example.after().size(); i++) {
            PlanSheets.Row row = example.after().get(i);
            if (row.valid()) {
                Stored was = before.get(row.sellerNumber());
                expected.put(row.sellerNumber(), new Stored(row.stored(i + 2), 0, "?"));
                if (was != null && was.values().equals(row.stored(i + 2))) {
                    expected.put(row.sellerNumber(), was);
                }
            }
        }
        return expected;
    }

    private static RunSummary sync(String csv) {
        if (csv != null) {
            write(csv);
        }
        try {
            return SYNC.service().syncNow();
        } catch (Exception e) {
            throw new IllegalStateException("the sync could not be run", e);
        }
    }

    private static void write(String csv) {
        try {
            SYNC.service().sheet(csv);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every stored seller with its property, in stored form, by seller number. */
    private static Map<String, Stored> stored() {
        Map<String, Stored> sellers = new TreeMap<>();
        try (Connection connection = SYNC.database().pooled(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(STORED)) {
            while (rows.next()) {
                Map<String, Object> values = new LinkedHashMap<>();
                List<String> fields = PlanSheets.HEADER.subList(1, 11);
                for (int i = 0; i < fields.size(); i++) {
                    Object value = rows.getObject(i + 2);
                    values.put(fields.get(i), value instanceof BigDecimal area
                            ? new BigDecimal(area.stripTrailingZeros().toPlainString()) : value);
                }
                OffsetDateTime updated = rows.getObject(12, OffsetDateTime.class);
                values.put("updated_at", updated == null ? null : updated.toInstant().toString());
                values.put("source_row", rows.getInt(13));
                values.put("raw", JSON.readValue(rows.getString(14), new TypeReference<LinkedHashMap<String, String>>() {
                }));
                sellers.put(rows.getString(1), new Stored(values, rows.getInt(15), rows.getString(16)));
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("reading the sellers failed", e);
        }
        return sellers;
    }

    /**
     * A stored seller: its values in stored form; its version and row versions (xmin of the seller and its property
     * record) to see what was written. Equal when the values are; the versions are compared on their own.
     */
    private record Stored(Map<String, Object> values, int version, String rowVersions) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Stored stored && values.equals(stored.values);
        }

        @Override
        public int hashCode() {
            return values.hashCode();
        }
    }
}
