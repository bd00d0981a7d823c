package io.sheetsync.recovery;

import io.sheetsync.support.LosingTrigger;
import io.sheetsync.support.MessySheet;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.MidBatch;
import io.sheetsync.support.MidBatch.Fault;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RunLogs;
import io.sheetsync.support.SheetsApiFake;
import io.sheetsync.support.SheetsBreaker;
import io.sheetsync.support.SheetsApiFake.Api;
import io.sheetsync.support.SheetsApiFake.ScriptedResponse;
import io.sheetsync.support.StoredSellers;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.support.Unchecked;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed property 31: every automatic recovery a run makes is logged as a recovery action of that run, and the run's
 * audit log shows it. Whole runs of the service reading generated sheets from the Sheets API fake, disturbed by
 * generated trouble the run recovers from: transient answers of the API (retried fetch), a database statement cancelled
 * or connections terminated mid-batch (retried batch, reconnect, lock taken again), inserts the database silently
 * dropped (gaps healed by the automatic resync), sellers left in the retry queue by an earlier run (synced from the
 * queue). The expected actions are worked out from the disturbances alone.
 */
class RecoveryActionProperties {

    static final SheetsApiFake FAKE = new SheetsApiFake();
    static final int WRITERS = 2;
    static TestDatabase database;
    static TestService service;
    static LosingTrigger losingTrigger;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create(RecoveryActionProperties.class);
        service = TestService.start(database, Files.createTempDirectory("recovery-actions"), Map.of(
                "SYNC_SHEETS_SPREADSHEET_ID", "book",
                "SYNC_SHEETS_ROOT_URL", FAKE.rootUrl(),
                "SYNC_SHEETS_ACCESS_TOKEN", FAKE.token(),
                "SYNC_BATCH_SIZE", "3",
                "SYNC_BATCH_WRITERS", Integer.toString(WRITERS),
                "SYNC_RETRY_INITIAL_DELAY_MS", "1",
                "SYNC_RETRY_MAX_DELAY_MS", "5"));
        losingTrigger = LosingTrigger.install(database);
    }

    @AfterAll
    static void stop() {
        service.close();
        database.close();
        FAKE.close();
    }

    /**
     * What goes wrong during one run, all of it recoverable.
     *
     * @param fetchFailures transient answers the Sheets API gives before a good one (at most SYNC_RETRY_MAX, 3)
     * @param fault         what happens to the database while the batch creating {@code heldSeller} waits (null:
     *                      nothing)
     * @param lostOnce      sellers whose first insert the database drops without an error (the AA12679 incident)
     * @param queued        sellers an earlier run failed for a transient reason, waiting in the retry queue
     */
    record Trouble(MessySheet sheet, List<ScriptedResponse> fetchFailures, Fault fault, String heldSeller,
                   Set<String> lostOnce, Set<String> queued) {
        @Override
        public String toString() {
            return "fetch failures " + fetchFailures + ", database " + (fault == null ? "fine" : fault + " at "
                    + heldSeller) + ", inserts lost once " + lostOnce + ", queued " + queued + ", sheet:" + sheet;
        }
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 31: Recovery action logging — for any successful"
            + " automatic recovery, the system should log the recovery action and update the audit log")
    void every_automatic_recovery_of_a_run_is_logged_as_its_recovery_action_and_in_its_audit_log() {
        PropertyTests.runs().forAll(troubles()).checkAssert(trouble -> Unchecked.check(() -> check(trouble)));
    }

    private static void check(Trouble trouble) throws Exception {
        RunLogs.reset(database);
        losingTrigger.clear();
        trouble.lostOnce().forEach(key -> losingTrigger.drop(key, 1));
        if (!trouble.queued().isEmpty()) {
            database.execute("INSERT INTO sync_retry_queue (seller_number, error_type, reason, attempts,"
                    + " first_failed_at, last_failed_at, next_attempt_at) SELECT key, 'database', 'version conflict in"
                    + " an earlier run', 1, now(), now(), now() FROM unnest(string_to_array('"
                    + String.join(",", trouble.queued()) + "', ',')) AS key");
        }
        SheetsBreaker.of(service.service().camelContext()).reset();
        FAKE.spreadsheet("book").sheet("Sellers").rows(trouble.sheet().values());
        FAKE.enqueue(trouble.fetchFailures().toArray(ScriptedResponse[]::new));

        RunSummary summary = trouble.fault() == null ? service.syncNow()
                : MidBatch.sync(service, database, trouble.heldSeller(), trouble.fault());

        String run = summary.syncId();
        assertThat(summary.status()).as("run status (error: %s)", summary.error()).isEqualTo("completed");
        assertThat(FAKE.pendingScriptedResponses()).as("transient answers not played").isZero();
        List<String[]> actions = RunLogs.actionRows(database, run).stream().map(row -> row.split("\\|", 3)).toList();
        List<String> kinds = actions.stream().map(row -> row[0]).toList();
        int retried = trouble.fault() == null ? 0 : MidBatch.retriedBatches(kinds, trouble.fault(), WRITERS);
        assertThat(kinds).as("recovery actions of the run")
                .containsExactlyInAnyOrderElementsOf(expectedActions(trouble, retried));
        assertThat(actions).filteredOn(row -> row[0].equals("queued_record_synced")).as("queued sellers synced")
                .map(row -> row[1]).containsExactlyInAnyOrderElementsOf(trouble.queued());
        int retries = trouble.fetchFailures().size();
        assertThat(actions).filteredOn(row -> row[0].equals("retry_succeeded")).map(row -> row[2])
                .as("a retried fetch names how many retries it took")
                .allMatch(detail -> detail.matches(".*\\b" + retries + "\\b.*"));
        String lost = String.join(",", trouble.lostOnce());
        String healed = String.join(",", trouble.lostOnce().stream().map(key -> key + ":true").toList());
        assertThat(auditLine(run)).as("the run's audit log: its end, the gaps found and healed, the queue emptied")
                .isEqualTo("completed|true|attempted " + !lost.isEmpty() + "|healed " + !lost.isEmpty()
                        + "|gaps " + lost + "|recorded " + healed + "|queued 0");
        StoredSellers.assertHolds(database, trouble.sheet().expectedSellers());
    }

    /**
     * The run's audit row in one line: status, whether it ended, whether the resync was attempted and healed
     * everything, the gaps its verification found, the gaps recorded with their healing, and the retry queue's size.
     */
    private static String auditLine(String run) {
        return database.query("""
                SELECT status || '|' || (end_time IS NOT NULL)
                  || '|attempted ' || (verification_result ->> 'autoResyncAttempted')
                  || '|healed ' || (verification_result ->> 'autoResyncSuccess')
                  || '|gaps ' || coalesce((SELECT string_agg(key, ',' ORDER BY key COLLATE "C")
                       FROM jsonb_array_elements_text(verification_result -> 'gapsDetected') AS key), '')
                  || '|recorded ' || coalesce((SELECT string_agg(g.seller_number || ':' || g.resynced, ','
                       ORDER BY g.seller_number COLLATE "C") FROM sync_gaps g WHERE g.audit_log_id = a.id), '')
                  || '|queued ' || (SELECT count(*) FROM sync_retry_queue)
                FROM sync_audit_logs a WHERE a.id = '%s'""".formatted(run)).get(0);
    }

    /**
     * The actions README "Failure modes" promises for each disturbance, sorted; {@code retriedBatches}: how many
     * batches the fault caught while they were written (see {@link MidBatch#retriedBatches}).
     */
    private static List<String> expectedActions(Trouble trouble, int retriedBatches) {
        List<String> actions = new ArrayList<>();
        if (!trouble.fetchFailures().isEmpty()) {
            actions.add("retry_succeeded");
        }
        if (trouble.fault() != null) {
            actions.addAll(Collections.nCopies(retriedBatches, "batch_retried"));
            if (trouble.fault().losesConnection()) {
                actions.addAll(Collections.nCopies(retriedBatches, "reconnected"));
            }
            if (trouble.fault() == Fault.TERMINATED_ALL_SESSIONS) {
                actions.add("lock_reacquired");
            }
        }
        trouble.queued().forEach(key -> actions.add("queued_record_synced"));
        actions.sort(null);
        return actions;
    }

    private static Gen<Trouble> troubles() {
        Gen<MessySheet> sheets = MessySheets.sheets(1, 8).assuming(sheet -> !sheet.expectedKeys().isEmpty());
        Gen<ScriptedResponse> failure = Generate.pick(List.of(429, 500, 502, 503, 504))
                .zip(Generate.pick(List.of(Api.METADATA, Api.VALUES)), Generate.pick(List.of("", "0")),
                        (status, api, retryAfter) -> ScriptedResponse.status(status)
                                .withRetryAfter(retryAfter.isEmpty() ? null : retryAfter).on(api));
        // fewer retries more often: each costs the run a redelivery
        Gen<Integer> retries = Generate.frequency(Pair.of(2, Generate.constant(0)), Pair.of(2, Generate.constant(1)),
                Pair.of(1, Generate.range(2, 3)));
        Gen<Fault> faults = Generate.frequency(
                Pair.of(1, Generate.constant((Fault) null)),
                Pair.of(3, Generate.enumValues(Fault.class)));
        Gen<Trouble> troubles = in -> {
            MessySheet sheet = sheets.generate(in);
            List<ScriptedResponse> failures = new ArrayList<>();
            int count = retries.generate(in);
            for (int i = 0; i < count; i++) {
                failures.add(failure.generate(in));
            }
            List<String> keys = new ArrayList<>(sheet.expectedKeys());
            String held = keys.get(Generate.range(0, keys.size() - 1).generate(in));
            Fault fault = faults.generate(in);
            Set<String> lost = new TreeSet<>();
            Set<String> queued = new TreeSet<>();
            for (String key : keys) {
                if (!key.equals(held) && Generate.range(1, 4).generate(in) == 1) {
                    lost.add(key);
                } else if (Generate.range(1, 4).generate(in) == 1) {
                    queued.add(key);
                }
            }
            return new Trouble(sheet, failures, fault, held, lost, queued);
        };
        return troubles.describedAs(Trouble::toString);
    }
}
