package io.sheetsync.recovery;

import io.sheetsync.support.RowBlocker;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL trouble in the middle of a run, against the real database: sessions terminated as by a restart, the
 * database refusing connections for a while, statements failing twice, rows changed under the run. A run is held in
 * the middle of its second batch by a row the test keeps locked.
 */
class DatabaseRecoveryTest {

    static final int SELLERS = 150;
    static final String IN_SECOND_BATCH = "AA1075";

    static TestDatabase database;
    static TestService service;
    static final ExecutorService RUNNER = Executors.newSingleThreadExecutor();

    @TempDir
    static Path directory;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create(DatabaseRecoveryTest.class);
        service = TestService.start(database, directory, Map.of(
                "SYNC_BATCH_SIZE", "50",
                "SYNC_DB_TIMEOUT_SECONDS", "1",
                "SYNC_RETRY_INITIAL_DELAY_MS", "10",
                "SYNC_RETRY_QUEUE_DELAY_MINUTES", "0"));
    }

    @AfterAll
    static void stop() {
        RUNNER.shutdownNow();
        service.close();
        database.executeAsAdmin("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS true");
        database.close();
    }

    @BeforeEach
    void emptyTables() throws Exception {
        database.execute("TRUNCATE sellers, properties, sync_audit_logs, sync_retry_queue CASCADE");
        service.sheet(sheet("Seller"));
    }

    @Test
    void sessions_terminated_mid_batch_are_reconnected_and_the_batch_retried_once_with_nothing_lost_or_doubled()
            throws Exception {
        Future<RunSummary> run;
        try (RowBlocker blocker = RowBlocker.insert(database, IN_SECOND_BATCH)) {
            run = RUNNER.submit(service::syncNow);
            blocker.awaitWaiter(run);

            RowBlocker.terminateServiceSessions(database);
            blocker.rollback();
        }
        RunSummary summary = run.get(60, TimeUnit.SECONDS);

        assertThat(summary.status()).isEqualTo("completed");
        assertThat(summary.counts().created()).isEqualTo(SELLERS);
        assertExactSheet("Seller");
        assertThat(database.query("SELECT count(*) || '|' || count(DISTINCT seller_number) FROM sync_record_logs"
                + " WHERE audit_log_id = '" + summary.syncId() + "' AND result = 'success'"))
                .containsExactly(SELLERS + "|" + SELLERS);
        assertThat(actions(summary.syncId())).containsExactly("batch_retried", "lock_reacquired", "reconnected");
        assertThat(RowBlocker.syncLockHeld(database)).isFalse();
        assertThat(service.syncNow().counts().unchanged()).isEqualTo(SELLERS);
    }

    @Test
    void a_database_that_stays_down_fails_the_run_and_the_next_run_after_recovery_completes() throws Exception {
        RunSummary failed;
        Future<RunSummary> run;
        try (RowBlocker blocker = RowBlocker.insert(database, IN_SECOND_BATCH)) {
            run = RUNNER.submit(service::syncNow);
            blocker.awaitWaiter(run);

            database.executeAsAdmin("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS false");
            RowBlocker.terminateServiceSessions(database);
            blocker.rollback();
            failed = run.get(60, TimeUnit.SECONDS);
        } finally {
            database.executeAsAdmin("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS true");
        }

        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.error()).startsWith("database unreachable: the connection was lost")
                .contains("SYNC_DB_TIMEOUT_SECONDS");
        // the same process answers again once the database does: no restart
        await().atMost(Duration.ofSeconds(30))
                .until(() -> service.get("/api/sync/status", TestService.VIEWER).statusCode() == 200);

        RunSummary next = service.syncNow();

        assertThat(next.status()).isEqualTo("completed");
        assertExactSheet("Seller");
        assertThat(database.query("SELECT status || '|' || (end_time IS NOT NULL) || '|' || (error_message = '"
                + failed.error().replace("'", "''") + "') FROM sync_audit_logs WHERE id = '" + failed.syncId() + "'"))
                .containsExactly("failed|true|true");
        assertThat(actions(failed.syncId())).containsExactly("outcome_recorded_late");
        assertThat(database.query("SELECT count(*)::text FROM sync_audit_logs WHERE status = 'in_progress'"))
                .containsExactly("0");
    }

    @Test
    void a_batch_the_database_refuses_twice_is_set_aside_queued_and_synced_by_the_retry_run() throws Exception {
        Future<RunSummary> run;
        try (RowBlocker blocker = RowBlocker.insert(database, IN_SECOND_BATCH)) {
            run = RUNNER.submit(service::syncNow);
            blocker.awaitWaiter(run);
            blocker.cancelWaiters();
            blocker.awaitWaiter(run);
            blocker.cancelWaiters();
            RunSummary first = run.get(60, TimeUnit.SECONDS);
            blocker.rollback();

            assertThat(first.counts().created()).isEqualTo(SELLERS - 50);
            assertThat(first.counts().failed()).isEqualTo(50);
            assertThat(first.gaps()).hasSize(50).contains(IN_SECOND_BATCH);
            assertThat(database.query("SELECT count(*)::text FROM sync_retry_queue WHERE error_type = 'database'"))
                    .containsExactly("50");
            assertThat(database.query("SELECT count(*)::text FROM sync_record_logs WHERE audit_log_id = '"
                    + first.syncId() + "' AND result = 'failure'")).containsExactly("50");
            assertThat(actions(first.syncId())).contains("batch_retried", "record_queued");
        }

        RunSummary retry = service.service().camelContext().createProducerTemplate()
                .requestBody("direct:retry-queue", null, RunSummary.class);

        assertThat(retry.status()).isEqualTo("completed");
        assertThat(retry.counts().created()).isEqualTo(50);
        assertExactSheet("Seller");
        assertThat(database.query("SELECT count(*)::text FROM sync_retry_queue")).containsExactly("0");
        assertThat(database.query("SELECT count(*)::text FROM sync_recovery_actions WHERE audit_log_id = '"
                + retry.syncId() + "' AND action = 'queued_record_synced'")).containsExactly("50");
        assertThat(service.service().camelContext().createProducerTemplate()
                .requestBody("direct:retry-queue", null, RunSummary.class)).isNull();
    }

    @Test
    void a_row_changed_under_the_run_is_never_overwritten_and_is_queued_then_synced_by_a_later_run()
            throws Exception {
        service.syncNow();
        service.sheet(sheet("Renamed"));
        Future<RunSummary> run;
        try (RowBlocker blocker = RowBlocker.update(database, IN_SECOND_BATCH, "changed by someone else")) {
            run = RUNNER.submit(service::syncNow);
            blocker.awaitWaiter(run);
            blocker.commit();
        }
        RunSummary conflicted = run.get(60, TimeUnit.SECONDS);

        assertThat(conflicted.counts().updated()).isEqualTo(SELLERS - 1);
        assertThat(conflicted.counts().failed()).isEqualTo(1);
        assertThat(database.query("SELECT name || '|' || version FROM sellers WHERE seller_number = '"
                + IN_SECOND_BATCH + "'")).containsExactly("changed by someone else|2");
        assertThat(database.query("SELECT seller_number FROM sync_retry_queue")).containsExactly(IN_SECOND_BATCH);

        RunSummary retry = service.service().camelContext().createProducerTemplate()
                .requestBody("direct:retry-queue", null, RunSummary.class);

        assertThat(retry.counts().updated()).isEqualTo(1);
        assertExactSheet("Renamed");
        assertThat(database.query("SELECT version::text FROM sellers WHERE seller_number = '" + IN_SECOND_BATCH + "'"))
                .containsExactly("3");
        assertThat(actions(retry.syncId())).containsExactly("conflict_resolved", "queued_record_synced");
        assertThat(database.query("SELECT count(*)::text FROM sync_retry_queue")).containsExactly("0");
    }

    private static void assertExactSheet(String prefix) {
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= SELLERS; i++) {
            expected.add("AA" + (1000 + i) + "|" + prefix + " " + i);
        }
        assertThat(database.query("SELECT seller_number || '|' || name FROM sellers ORDER BY seller_number"))
                .containsExactlyElementsOf(expected);
    }

    private static List<String> actions(String syncId) {
        return database.query("SELECT DISTINCT action FROM sync_recovery_actions WHERE audit_log_id = '" + syncId
                + "' ORDER BY action");
    }

    private static List<String> sheet(String prefix) {
        List<String> lines = new ArrayList<>();
        lines.add("seller_number,name,inquiry_date");
        for (int i = 1; i <= SELLERS; i++) {
            lines.add("AA" + (1000 + i) + "," + prefix + " " + i + ",2024-01-01");
        }
        return lines;
    }
}
