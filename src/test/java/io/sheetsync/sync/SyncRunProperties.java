package io.sheetsync.sync;

import io.sheetsync.audit.TriggerSource;
import io.sheetsync.support.Csv;
import io.sheetsync.support.SheetArbitraries;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

import java.nio.file.Files;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed properties of audit logging and idempotency, checked on whole runs against the real database. */
class SyncRunProperties {

    static final List<String> HEADER = SheetArbitraries.HEADER;

    static TestDatabase database;
    static TestService service;

    @BeforeContainer
    static void start() throws Exception {
        database = TestDatabase.create(SyncRunProperties.class);
        service = TestService.start(database, Files.createTempDirectory("sync-properties"), Map.of());
    }

    @AfterContainer
    static void stop() {
        service.close();
        database.close();
    }

    @BeforeTry
    void emptyTables() {
        database.execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 6: for any sync operation start, an audit log entry is"
            + " created with start timestamp and trigger source")
    void every_start_is_audited(@ForAll TriggerSource trigger) throws Exception {
        SyncRun run = service.service().coordinator().begin(trigger);
        try {
            assertThat(database.query("SELECT trigger_source || '|' || status || '|' || (start_time IS NOT NULL)"
                    + " FROM sync_audit_logs WHERE id = '" + run.id() + "'"))
                    .containsExactly(trigger.code() + "|in_progress|true");
        } finally {
            service.service().coordinator().finish(run);
        }
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 7: for any processed seller record, the log contains"
            + " operation type, seller number and result")
    void every_processed_record_is_logged(@ForAll("sheets") List<List<String>> rows) throws Exception {
        service.sheet(Csv.sheet(HEADER, rows));

        RunSummary summary = service.syncNow();

        Set<String> stored = new HashSet<>(database.query("SELECT seller_number FROM sellers"));
        List<String> logged = database.query("SELECT seller_number || '|' || operation || '|' || result FROM sync_record_logs"
                + " WHERE audit_log_id = '" + summary.syncId() + "'");
        for (String seller : stored) {
            assertThat(logged).contains(seller + "|create|success");
        }
        long failures = logged.stream().filter(line -> line.endsWith("|failure")).count();
        assertThat(failures).isEqualTo(summary.counts().failed());
        assertThat(logged).hasSize(stored.size() + (int) failures);
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 9: for any sync operation completion, the audit log is"
            + " updated with end timestamp, success count and failure count")
    void every_completion_is_audited(@ForAll("sheets") List<List<String>> rows) throws Exception {
        service.sheet(Csv.sheet(HEADER, rows));

        RunSummary summary = service.syncNow();

        assertThat(database.query("SELECT status || '|' || (end_time >= start_time) || '|' || success_count || '|'"
                + " || failure_count FROM sync_audit_logs WHERE id = '" + summary.syncId() + "'"))
                .containsExactly(summary.status() + "|true|" + summary.counts().succeeded() + "|"
                        + summary.counts().failed());
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 37: for any seller record that already exists, the sync"
            + " updates the record rather than creating a duplicate")
    void existing_sellers_are_updated_not_duplicated(@ForAll("sheets") List<List<String>> rows,
                                                     @ForAll("names") String newName) throws Exception {
        service.sheet(Csv.sheet(HEADER, rows));
        service.syncNow();
        Map<String, Integer> before = versions();
        List<List<String>> renamed = rows.stream()
                .map(row -> List.of(row.get(0), newName + row.get(1), row.get(2), row.get(3))).toList();

        service.sheet(Csv.sheet(HEADER, renamed));
        service.syncNow();

        assertThat(database.query("SELECT seller_number FROM sellers GROUP BY seller_number HAVING count(*) > 1")).isEmpty();
        Map<String, Integer> after = versions();
        before.forEach((seller, version) -> assertThat(after.get(seller))
                .as("version of %s", seller).isEqualTo(newName.isEmpty() ? version : version + 1));
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 38: for any sync executed multiple times with the same"
            + " data, the result is identical without data corruption")
    void the_same_sheet_twice_gives_the_same_database(@ForAll("sheets") List<List<String>> rows) throws Exception {
        service.sheet(Csv.sheet(HEADER, rows));
        service.syncNow();
        List<String> first = database.query("SELECT s.seller_number || '|' || s.name || '|' || s.version || '|' || s.xmin"
                + " || '|' || coalesce(p.property_type, '-') || '|' || coalesce(p.xmin::text, '-')"
                + " FROM sellers s LEFT JOIN properties p ON p.seller_id = s.id ORDER BY 1");

        RunSummary again = service.syncNow();

        assertThat(database.query("SELECT s.seller_number || '|' || s.name || '|' || s.version || '|' || s.xmin"
                + " || '|' || coalesce(p.property_type, '-') || '|' || coalesce(p.xmin::text, '-')"
                + " FROM sellers s LEFT JOIN properties p ON p.seller_id = s.id ORDER BY 1")).isEqualTo(first);
        assertThat(again.counts().created() + again.counts().updated()).isZero();
    }

    @Provide
    Arbitrary<List<List<String>>> sheets() {
        return SheetArbitraries.sheets();
    }

    @Provide
    Arbitrary<String> names() {
        return SheetArbitraries.names();
    }

    private static Map<String, Integer> versions() throws SQLException {
        Map<String, Integer> versions = new HashMap<>();
        for (String row : database.query("SELECT seller_number || '=' || version FROM sellers")) {
            versions.put(row.substring(0, row.indexOf('=')), Integer.parseInt(row.substring(row.indexOf('=') + 1)));
        }
        return versions;
    }

}
