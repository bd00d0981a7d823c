package io.sheetsync.recovery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sheetsync.support.SheetsApiFake;
import io.sheetsync.support.SheetsApiFake.Api;
import io.sheetsync.support.SheetsApiFake.ScriptedResponse;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.sync.RunSummary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed property 31: every successful automatic recovery is logged and lands in the run's audit log. Whole runs of the
 * service against the Sheets API fake playing transient failures before it answers.
 */
class RecoveryActionProperties {

    static final SheetsApiFake FAKE = new SheetsApiFake();
    static TestDatabase database;
    static TestService service;

    @BeforeContainer
    static void start() throws Exception {
        FAKE.spreadsheet("book").sheet("Sellers").row("seller_number", "name", "inquiry_date")
                .row("AA1", "One", "2024-01-01");
        database = TestDatabase.create(RecoveryActionProperties.class);
        service = TestService.start(database, Files.createTempDirectory("recovery-actions"), Map.of(
                "SYNC_SHEETS_SPREADSHEET_ID", "book",
                "SYNC_SHEETS_ROOT_URL", FAKE.rootUrl(),
                "SYNC_SHEETS_ACCESS_TOKEN", FAKE.token(),
                "SYNC_RETRY_INITIAL_DELAY_MS", "1",
                "SYNC_RETRY_MAX_DELAY_MS", "5"));
    }

    @AfterContainer
    static void stop() {
        service.close();
        database.close();
        FAKE.close();
    }

    @BeforeTry
    void freshBreaker() {
        service.service().camelContext().getRegistry()
                .lookupByNameAndType(SheetCircuitBreaker.NAME, CircuitBreaker.class).reset();
        FAKE.clearRequests();
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 31: for any successful automatic recovery, the system"
            + " logs the recovery action and updates the audit log")
    void a_fetch_that_recovered_is_recorded_in_the_runs_audit_log(@ForAll("failures") List<ScriptedResponse> failures)
            throws Exception {
        FAKE.enqueue(failures.toArray(ScriptedResponse[]::new));

        RunSummary summary = service.syncNow();

        assertThat(summary.status()).isEqualTo("completed");
        assertThat(FAKE.pendingScriptedResponses()).isZero();
        List<String> actions = database.query("SELECT action || '|' || detail FROM sync_recovery_actions"
                + " WHERE audit_log_id = '" + summary.syncId() + "'");
        if (failures.isEmpty()) {
            assertThat(actions).isEmpty();
        } else {
            assertThat(actions).containsExactly("retry_succeeded|Sheets fetch succeeded after " + failures.size()
                    + (failures.size() == 1 ? " retry" : " retries"));
        }
    }

    /** Up to three transient answers (the default SYNC_RETRY_MAX), on either call of a fetch. */
    @Provide
    Arbitrary<List<ScriptedResponse>> failures() {
        Arbitrary<ScriptedResponse> failure = net.jqwik.api.Combinators.combine(
                Arbitraries.of(429, 500, 502, 503, 504), Arbitraries.of(Api.METADATA, Api.VALUES),
                Arbitraries.of("0", null))
                .as((status, api, retryAfter) -> ScriptedResponse.status(status).withRetryAfter(retryAfter).on(api));
        return failure.list().ofMaxSize(3);
    }
}
