package io.sheetsync.seller;

import io.sheetsync.support.IntendedSeller;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RunLogs;
import io.sheetsync.support.ServiceSessions;
import io.sheetsync.support.SheetEdit;
import io.sheetsync.support.StoredSellers;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.support.Unchecked;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed property 40: a run never overwrites blindly a row another writer changed while the run wrote it. A generated
 * sheet is synced, then edited (rows kept, renamed, removed, added); while the edit is synced, other writers change
 * generated stored sellers in transactions they commit only once the run waits on their row (or after the run, for
 * rows it never writes). Every row the run meant to update and found changed is reported as a conflict, queued, and
 * keeps the other writer's version; everything else ends as the sheet says.
 */
class OptimisticLockingProperties {

    static final ExecutorService RUNNER = Executors.newSingleThreadExecutor();
    static TestDatabase database;
    static TestService service;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create(OptimisticLockingProperties.class);
        // small batches: the run meets the changed rows in different batches; no shrink guard for edits that remove
        service = TestService.start(database, Files.createTempDirectory("optimistic-locking"), Map.of(
                "SYNC_BATCH_SIZE", "3",
                "SYNC_MAX_SHRINK_PERCENT", "100"));
    }

    @AfterAll
    static void stop() {
        RUNNER.shutdownNow();
        service.close();
        database.close();
    }

    /**
     * An edit of the sheet and what other writers do while it is synced.
     *
     * @param changes the stored sellers other writers rename during the second run, with the names they give them
     */
    record Interference(SheetEdit edit, Map<String, String> changes) {
        @Override
        public String toString() {
            return "other writers rename " + changes + " during the sync of\n" + edit;
        }
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 40: Optimistic locking — for any record update, the"
            + " system should use optimistic locking to prevent concurrent update conflicts")
    void a_row_changed_by_another_writer_while_the_run_writes_it_is_reported_as_a_conflict_never_overwritten() {
        PropertyTests.runs().forAll(interferences())
                .checkAssert(interference -> Unchecked.check(() -> check(interference)));
    }

    private static void check(Interference interference) throws Exception {
        SheetEdit edit = interference.edit();
        Map<String, String> changes = interference.changes();
        RunLogs.reset(database);
        service.sheet(edit.before().csv());
        assertThat(service.syncNow().status()).as("first sync").isEqualTo("completed");
        service.sheet(edit.after().csv());

        RunSummary summary = syncWhileOthersWrite(changes);

        Map<String, String> operations = edit.expectedOperations();
        Set<String> conflicts = new TreeSet<>();
        Map<String, IntendedSeller> expected = new TreeMap<>(edit.before().expectedSellers());
        List<String> writes = new ArrayList<>();
        operations.forEach((key, operation) -> {
            if (operation.equals("update") && changes.containsKey(key)) {
                conflicts.add(key);
            } else {
                expected.put(key, edit.after().expectedSellers().get(key));
                if (!operation.equals("unchanged")) {
                    writes.add(key + "|" + operation);
                }
            }
        });
        Map<String, Integer> versions = new TreeMap<>();
        expected.keySet().forEach(key -> versions.put(key, 1
                + ("update".equals(operations.get(key)) && !conflicts.contains(key) ? 1 : 0)
                + (changes.containsKey(key) ? 1 : 0)));
        changes.forEach((key, name) -> expected.put(key, expected.get(key).renamed(name)));

        String run = summary.syncId();
        assertThat(summary.status()).as("run status (error: %s)", summary.error()).isEqualTo("completed");
        assertThat(StoredSellers.versions(StoredSellers.assertHolds(database, expected))).as("versions")
                .isEqualTo(versions);
        assertThat(RunLogs.successfulWrites(database, run)).as("rows written")
                .containsExactlyInAnyOrderElementsOf(writes);
        assertThat(RunLogs.failedWrites(database, run)).as("writes refused").filteredOn(log -> !log.endsWith("|skip"))
                .containsExactlyInAnyOrderElementsOf(conflicts.stream().map(key -> key + "|update").toList());
        assertThat(database.query("SELECT seller_number FROM sync_error_logs WHERE error_type = 'database' AND"
                + " audit_log_id = '" + run + "' ORDER BY 1")).as("database errors")
                .containsExactlyInAnyOrderElementsOf(conflicts);
        assertThat(database.query("SELECT seller_number FROM sync_retry_queue ORDER BY 1")).as("retry queue")
                .containsExactlyInAnyOrderElementsOf(conflicts);
        assertThat(RunLogs.actionDetails(database, run, "record_queued")).as("record_queued actions")
                .map(detail -> detail.substring(0, detail.indexOf('|'))).containsExactlyInAnyOrderElementsOf(conflicts);
    }

    /**
     * Syncs the current sheet while other writers hold their changes open; a writer commits when the run waits on its
     * row, so the run meets the change in the middle of its write. Writers whose rows the run never touched commit
     * after it.
     */
    private static RunSummary syncWhileOthersWrite(Map<String, String> changes) throws Exception {
        List<OtherWriter> writers = new ArrayList<>();
        try (ServiceSessions sessions = ServiceSessions.watch(database)) {
            for (Map.Entry<String, String> change : changes.entrySet()) {
                writers.add(OtherWriter.rename(change.getKey(), change.getValue()));
            }
            Future<RunSummary> run = RUNNER.submit(service::syncNow);
            while (!writers.isEmpty() && !run.isDone()) {
                await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                        .until(() -> run.isDone() || !blocking(writers, sessions.blockers()).isEmpty());
                for (OtherWriter writer : blocking(writers, sessions.blockers())) {
                    writer.commit();
                }
            }
            RunSummary summary = run.get(60, TimeUnit.SECONDS);
            for (OtherWriter writer : writers) {
                writer.commit();
            }
            return summary;
        } finally {
            for (OtherWriter writer : writers) {
                writer.close();
            }
        }
    }

    /** The writers, not yet committed, among the sessions the service waits on. */
    private static List<OtherWriter> blocking(List<OtherWriter> writers, Set<String> blockers) {
        return writers.stream().filter(writer -> !writer.committed && blockers.contains(writer.pid)).toList();
    }

    /** Another writer's open transaction that renamed one stored seller (version + 1, updated_at = now). */
    private static final class OtherWriter implements AutoCloseable {
        private final Connection connection;
        private final String pid;
        private boolean committed;

        private OtherWriter(Connection connection, String pid) {
            this.connection = connection;
            this.pid = pid;
        }

        static OtherWriter rename(String sellerNumber, String name) throws SQLException {
            Connection connection = database.connect();
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement("UPDATE sellers SET name = ?,"
                    + " version = version + 1, updated_at = now() WHERE seller_number = ?");
                 PreparedStatement backend = connection.prepareStatement("SELECT pg_backend_pid()::text")) {
                update.setString(1, name);
                update.setString(2, sellerNumber);
                assertThat(update.executeUpdate()).as("stored rows of %s", sellerNumber).isEqualTo(1);
                try (ResultSet rows = backend.executeQuery()) {
                    rows.next();
                    return new OtherWriter(connection, rows.getString(1));
                }
            } catch (SQLException | RuntimeException | Error e) {
                connection.close();
                throw e;
            }
        }

        void commit() throws SQLException {
            if (!committed) {
                connection.commit();
                committed = true;
            }
        }

        @Override
        public void close() throws SQLException {
            try (connection) {
                if (!committed) {
                    connection.rollback();
                }
            }
        }
    }

    private static Gen<Interference> interferences() {
        Gen<SheetEdit> edits = MessySheets.edits(1, 8).assuming(edit -> !edit.before().expectedKeys().isEmpty()
                && !edit.after().expectedKeys().isEmpty());
        Gen<String> names = MessySheets.names();
        Gen<Interference> interferences = in -> {
            SheetEdit edit = edits.generate(in);
            Map<String, String> changes = new TreeMap<>();
            for (String key : edit.before().expectedKeys()) {
                if (Generate.booleans().generate(in)) {
                    changes.put(key, names.generate(in));
                }
            }
            return new Interference(edit, changes);
        };
        return interferences.describedAs(Interference::toString);
    }
}
