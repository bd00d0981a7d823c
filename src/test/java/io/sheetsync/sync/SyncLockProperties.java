package io.sheetsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.audit.TriggerSource;
import io.sheetsync.support.MessySheet;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.MidBatch;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RowBlocker;
import io.sheetsync.support.RunLogs;
import io.sheetsync.support.StoredSellers;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.support.Unchecked;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed property 39: of sync attempts made at the same moment, through any trigger and on either of two instances
 * sharing the database, exactly one run starts; the others are refused or skipped, and the data ends exactly as the
 * sheet says, written once. Also: a run whose lock session died does not take the lock back from another instance.
 */
class SyncLockProperties {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ExecutorService THREADS = Executors.newCachedThreadPool();
    static TestDatabase database;
    static final TestService[] INSTANCES = new TestService[2];

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create(SyncLockProperties.class);
        for (int i = 0; i < INSTANCES.length; i++) {
            INSTANCES[i] = TestService.start(database, Files.createTempDirectory("sync-lock-" + i),
                    Map.of("SYNC_BATCH_SIZE", "3"));
        }
    }

    @AfterAll
    static void stop() {
        THREADS.shutdownNow();
        for (TestService instance : INSTANCES) {
            instance.close();
        }
        database.close();
    }

    /** How a sync is asked for. */
    enum Trigger {
        /** {@code POST /api/sync}: 202 or 409. */
        API,
        /** A manual start in the process (as {@code --once} and the API do): started, or SyncInProgressException. */
        MANUAL,
        /** A scheduler tick: started, or skipped. */
        SCHEDULED
    }

    /** One attempt: on which instance, through which trigger. */
    record Attempt(int instance, Trigger trigger) {
        @Override
        public String toString() {
            return trigger + "@" + instance;
        }
    }

    /** Attempts made together, while the sheet's seller {@code heldSeller} is held so a started run stays running. */
    record Contest(MessySheet sheet, String heldSeller, List<Attempt> attempts) {
        @Override
        public String toString() {
            return attempts + " together, the run held at " + heldSeller + ", sheet:" + sheet;
        }
    }

    /** What one attempt got: a started run (its id, and its end to wait for) or a refusal. */
    record Outcome(Attempt attempt, String syncId, Future<?> end) {
        boolean started() {
            return syncId != null;
        }
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 39: Concurrent sync prevention — for any concurrent"
            + " sync operation attempt, the system should prevent the second operation from starting")
    void of_concurrent_attempts_on_two_instances_exactly_one_runs_and_the_data_is_written_once() {
        PropertyTests.runs().forAll(contests()).checkAssert(contest -> Unchecked.check(() -> check(contest)));
    }

    private static void check(Contest contest) throws Exception {
        awaitNoRun();
        RunLogs.reset(database);
        for (TestService instance : INSTANCES) {
            instance.sheet(contest.sheet().csv());
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (RowBlocker blocker = RowBlocker.insert(database, contest.heldSeller())) {
            CyclicBarrier together = new CyclicBarrier(contest.attempts().size());
            List<Future<Outcome>> attempts = new ArrayList<>();
            for (Attempt attempt : contest.attempts()) {
                attempts.add(THREADS.submit(() -> {
                    together.await();
                    return attempt(attempt);
                }));
            }
            for (Future<Outcome> attempt : attempts) {
                outcomes.add(attempt.get(30, TimeUnit.SECONDS));
            }
            List<Outcome> started = outcomes.stream().filter(Outcome::started).toList();
            assertThat(started).as("attempts that started a run: %s", outcomes).hasSize(1);
            // the winner is still inside its batch: every refusal happened while a run was going on
            blocker.awaitWaiter();
            blocker.rollback();
        }
        Outcome winner = outcomes.stream().filter(Outcome::started).findFirst().orElseThrow();
        if (winner.end() != null) {
            winner.end().get(60, TimeUnit.SECONDS);
        }
        awaitNoRun();

        String trigger = winner.attempt().trigger() == Trigger.SCHEDULED ? "scheduled" : "manual";
        assertThat(database.query("SELECT id || '|' || trigger_source || '|' || status FROM sync_audit_logs"))
                .as("runs recorded").containsExactly(winner.syncId() + "|" + trigger + "|completed");
        StoredSellers.assertHolds(database, contest.sheet().expectedSellers());
        List<String> creates = new ArrayList<>();
        contest.sheet().expectedKeys().forEach(key -> creates.add(key + "|create"));
        assertThat(database.query("SELECT seller_number || '|' || operation FROM sync_record_logs"
                + " WHERE result = 'success' ORDER BY 1")).as("successful writes of every run")
                .containsExactlyInAnyOrderElementsOf(creates);
        assertThat(RowBlocker.syncLockHeld(database)).as("sync lock held after the run").isFalse();
    }

    /** Waits until neither instance runs a sync or anything of one (its alerts, say) is still on its way. */
    private static void awaitNoRun() {
        for (TestService instance : INSTANCES) {
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(() -> instance.service().coordinator().current().isEmpty()
                            && instance.service().camelContext().getInflightRepository().size() == 0);
        }
    }

    private static Outcome attempt(Attempt attempt) throws Exception {
        TestService instance = INSTANCES[attempt.instance()];
        SyncCoordinator coordinator = instance.service().coordinator();
        switch (attempt.trigger()) {
            case API -> {
                HttpResponse<String> answer = instance.post("/api/sync", TestService.OPERATOR);
                JsonNode body = JSON.readTree(answer.body());
                if (answer.statusCode() == 202) {
                    return new Outcome(attempt, body.path("syncId").asText(), null);
                }
                assertThat(answer.statusCode()).as("answer to %s: %s", attempt, answer.body()).isEqualTo(409);
                assertThat(body.path("error").asText()).isEqualTo("sync_in_progress");
                return new Outcome(attempt, null, null);
            }
            case MANUAL -> {
                try {
                    return execute(attempt, instance, coordinator.begin(TriggerSource.MANUAL, null));
                } catch (SyncInProgressException refused) {
                    return new Outcome(attempt, null, null);
                }
            }
            default -> {
                // as route sync-if-idle does for a timer: a tick that finds a sync running is skipped
                try {
                    return execute(attempt, instance, coordinator.begin(TriggerSource.SCHEDULED, null));
                } catch (SyncInProgressException skipped) {
                    return new Outcome(attempt, null, null);
                }
            }
        }
    }

    private static Outcome execute(Attempt attempt, TestService instance, SyncRun run) {
        if (run == null) {
            return new Outcome(attempt, null, null);
        }
        Future<?> end = THREADS.submit(() -> instance.request("direct:sync-execute", run));
        return new Outcome(attempt, run.id().toString(), end);
    }

    private static Gen<Contest> contests() {
        Gen<MessySheet> sheets = MessySheets.sheets(1, 8).assuming(sheet -> !sheet.expectedKeys().isEmpty());
        Gen<Attempt> attempts = Generate.range(0, 1).zip(Generate.enumValues(Trigger.class), Attempt::new);
        Gen<Contest> contests = in -> {
            MessySheet sheet = sheets.generate(in);
            List<String> keys = new ArrayList<>(sheet.expectedKeys());
            String held = keys.get(Generate.range(0, keys.size() - 1).generate(in));
            List<Attempt> together = new ArrayList<>();
            int count = Generate.range(2, 6).generate(in);
            for (int i = 0; i < count; i++) {
                together.add(attempts.generate(in));
            }
            return new Contest(sheet, held, together);
        };
        return contests.describedAs(Contest::toString);
    }

    @Test
    void a_run_whose_lock_session_died_stops_once_another_instance_holds_the_lock() throws Exception {
        RunLogs.reset(database);
        List<String> sheet = plainSheet(7);
        INSTANCES[0].sheet(sheet);
        INSTANCES[1].sheet(sheet);
        SyncRun[] other = new SyncRun[1];

        RunSummary first = MidBatch.sync(INSTANCES[0], database, "AA104", (db, blocker) -> {
            RowBlocker.terminateSyncLockSession(database);
            other[0] = INSTANCES[1].service().coordinator().begin(TriggerSource.MANUAL, null);
        });
        RunSummary second = INSTANCES[1].service().camelContext().createProducerTemplate()
                .requestBody("direct:sync-execute", other[0], RunSummary.class);

        assertThat(first.status()).isEqualTo("failed");
        assertThat(database.query("SELECT outcome FROM sync_audit_logs WHERE id = '" + first.syncId() + "'"))
                .containsExactly("lock_lost");
        assertThat(second.status()).isEqualTo("completed");
        assertWrittenOnce(first, second);
    }

    @Test
    void a_run_whose_lock_session_died_takes_the_lock_again_while_no_one_else_holds_it() throws Exception {
        RunLogs.reset(database);
        INSTANCES[0].sheet(plainSheet(7));

        RunSummary run = MidBatch.sync(INSTANCES[0], database, "AA104", (db, blocker) -> RowBlocker.terminateSyncLockSession(database));

        assertThat(run.status()).isEqualTo("completed");
        assertThat(RunLogs.actions(database, run.syncId())).containsExactly("lock_reacquired");
        assertWrittenOnce(run);
    }

    /** Every seller AA101.. of the plain sheet is stored once and was created by exactly one of the runs. */
    private static void assertWrittenOnce(RunSummary... runs) {
        List<String> written = new ArrayList<>();
        for (RunSummary run : runs) {
            written.addAll(RunLogs.successfulWrites(database, run.syncId()));
        }
        written.sort(null);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            expected.add("AA" + (100 + i) + "|create");
        }
        assertThat(written).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(database.query("SELECT seller_number || '|' || name || '|' || version FROM sellers"))
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(log -> log.replace("|create", ""))
                        .map(key -> key + "|Seller " + key.substring(2) + "|1").toList());
    }

    private static List<String> plainSheet(int sellers) {
        List<String> lines = new ArrayList<>(List.of("seller_number,name,inquiry_date"));
        for (int i = 1; i <= sellers; i++) {
            lines.add("AA" + (100 + i) + ",Seller " + (100 + i) + ",2024-01-01");
        }
        return lines;
    }
}
