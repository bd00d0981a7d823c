package io.sheetsync.recovery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.support.MutableClock;
import io.sheetsync.support.SheetsApiFake;
import io.sheetsync.support.SheetsApiFake.Api;
import io.sheetsync.support.SheetsApiFake.RecordedRequest;
import io.sheetsync.support.SheetsApiFake.ScriptedResponse;
import io.sheetsync.support.SheetsBreaker;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sheets fetch recovery through the whole service: the real camel-google-sheets client against the Sheets API fake
 * playing faults, the retries and the circuit breaker declared in routes/, the outcome in the real database.
 */
class SheetFetchRecoveryTest {

    @RegisterExtension
    static final SheetsApiFake FAKE = new SheetsApiFake();

    static final MutableClock CLOCK = new MutableClock();
    static TestDatabase database;
    static TestService service;
    static Map<String, String> settings;

    @TempDir
    static Path directory;

    @BeforeAll
    static void start() throws Exception {
        FAKE.spreadsheet("book").sheet("Sellers")
                .row("seller_number", "name", "inquiry_date")
                .row("AA1", "One", "2024-01-01")
                .row("AA2", "Two", "2024-01-02");
        database = TestDatabase.create(SheetFetchRecoveryTest.class);
        settings = new HashMap<>(Map.of(
                "SYNC_SHEETS_SPREADSHEET_ID", "book",
                "SYNC_SHEETS_RANGE", "Sellers",
                "SYNC_SHEETS_ROOT_URL", FAKE.rootUrl(),
                "SYNC_SHEETS_ACCESS_TOKEN", FAKE.token(),
                "SYNC_RETRY_INITIAL_DELAY_MS", "10",
                "SYNC_RETRY_MAX_DELAY_MS", "1500",
                // the breaker keeps Resilience4j's own time: it is open for real seconds, long enough for the next
                // run to find it open on a busy machine
                "SYNC_CIRCUIT_OPEN_SECONDS", "5"));
        service = TestService.start(database, directory, settings, CLOCK);
    }

    @AfterAll
    static void stop() {
        service.close();
        database.close();
    }

    @BeforeEach
    void freshState() {
        breaker().reset();
        database.execute("TRUNCATE sellers, properties, sync_audit_logs CASCADE");
    }

    @AfterEach
    void defaultSettings() {
        reconfigure(Map.of());
    }

    @Test
    void two_503_answers_then_success_complete_the_run_after_two_retries() throws Exception {
        FAKE.enqueue(ScriptedResponse.status(503).on(Api.METADATA), ScriptedResponse.status(503).on(Api.METADATA));

        RunSummary summary = service.syncNow();

        assertThat(summary.status()).isEqualTo("completed");
        assertThat(FAKE.requests(Api.METADATA)).hasSize(3);
        assertThat(database.query("SELECT seller_number FROM sellers ORDER BY 1")).containsExactly("AA1", "AA2");
        assertThat(actions(summary)).containsExactly("retry_succeeded|Sheets fetch succeeded after 2 retries");
    }

    @Test
    void a_429_with_retry_after_is_retried_no_sooner_than_asked() throws Exception {
        FAKE.enqueue(ScriptedResponse.status(429).withRetryAfter("1").on(Api.METADATA));

        RunSummary summary = service.syncNow();

        assertThat(summary.status()).isEqualTo("completed");
        List<RecordedRequest> metadata = FAKE.requests(Api.METADATA);
        assertThat(metadata).hasSize(2);
        assertThat(Duration.between(metadata.get(0).receivedAt(), metadata.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(actions(summary)).containsExactly("retry_succeeded|Sheets fetch succeeded after 1 retry");
    }

    @Test
    void a_retry_after_longer_than_the_longest_wait_fails_the_run_without_a_retry() throws Exception {
        FAKE.enqueue(ScriptedResponse.status(429).withRetryAfter("120").on(Api.METADATA));

        RunSummary summary = service.syncNow();

        assertThat(summary.status()).isEqualTo("failed");
        assertThat(FAKE.requests(Api.METADATA)).hasSize(1);
        assertThat(summary.error()).contains("quota exceeded (429)");
    }

    @Test
    void a_dead_api_fails_the_run_then_fails_fast_until_the_circuit_lets_a_trial_call_through() throws Exception {
        FAKE.enqueue(ScriptedResponse.status(503), ScriptedResponse.status(503), ScriptedResponse.status(503),
                ScriptedResponse.status(503));

        RunSummary dead = service.syncNow();

        assertThat(dead.status()).isEqualTo("failed");
        assertThat(dead.error()).contains("503");
        assertThat(FAKE.requests(Api.METADATA)).hasSize(4);
        assertThat(database.query("SELECT error_type FROM sync_error_logs WHERE audit_log_id = '" + dead.syncId() + "'"))
                .containsExactly("network");
        assertThat(service.get("/api/sync/status", TestService.VIEWER).statusCode()).isEqualTo(200);

        RunSummary fastFail = service.syncNow();

        assertThat(fastFail.status()).isEqualTo("failed");
        assertThat(fastFail.error()).contains("circuit breaker is open");
        assertThat(FAKE.requests(Api.METADATA)).hasSize(4);

        Thread.sleep(5_100); // SYNC_CIRCUIT_OPEN_SECONDS, then the next call is the trial
        RunSummary recovered = service.syncNow();

        assertThat(recovered.status()).isEqualTo("completed");
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(database.query("SELECT seller_number FROM sellers ORDER BY 1")).containsExactly("AA1", "AA2");
    }

    @Test
    void an_answer_slower_than_the_timeout_is_abandoned_and_retried() throws Exception {
        reconfigure(Map.of("SYNC_SHEETS_TIMEOUT_SECONDS", "1"));
        FAKE.enqueue(ScriptedResponse.slow(Duration.ofSeconds(3)).on(Api.METADATA));

        RunSummary summary = service.syncNow();

        assertThat(summary.status()).isEqualTo("completed");
        assertThat(FAKE.requests(Api.METADATA)).hasSize(2);
        assertThat(actions(summary)).containsExactly("retry_succeeded|Sheets fetch succeeded after 1 retry");
    }

    @Test
    void a_wrong_spreadsheet_id_fails_at_once_with_its_reason_and_never_opens_the_circuit() throws Exception {
        reconfigure(Map.of("SYNC_SHEETS_SPREADSHEET_ID", "no-such-book"));

        for (int run = 0; run < 5; run++) {
            RunSummary summary = service.syncNow();

            assertThat(summary.status()).isEqualTo("failed");
            assertThat(summary.error()).isEqualTo("spreadsheet no-such-book not found: check SYNC_SHEETS_SPREADSHEET_ID");
        }
        assertThat(FAKE.requests(Api.METADATA)).hasSize(5);
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private static List<String> actions(RunSummary summary) {
        return database.query("SELECT action || '|' || detail FROM sync_recovery_actions WHERE audit_log_id = '"
                + summary.syncId() + "' ORDER BY timestamp");
    }

    private static CircuitBreaker breaker() {
        return SheetsBreaker.of(service.service().camelContext());
    }

    /** Applies settings at runtime, as a hot reload would: the fetch reads them at each call. */
    private static void reconfigure(Map<String, String> changes) {
        Map<String, String> env = new HashMap<>(settings);
        env.putAll(changes);
        service.service().config().replace(SyncConfig.load(
                TestService.settings(database, directory.resolve("sellers.csv"), env), new Properties()));
    }
}
