package io.sheetsync.sync;

import io.sheetsync.recovery.SheetRetryRule;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.sheet.SheetTransientException;
import io.sheetsync.support.MessySheet;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.SheetsApiFake.Api;
import io.sheetsync.support.SheetsApiFake.RecordedRequest;
import io.sheetsync.support.SheetsApiFake.ScriptedResponse;
import io.sheetsync.support.SheetsApiFake;
import io.sheetsync.support.SheetsBreaker;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.slf4j.LoggerFactory;

import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.sheetsync.support.Unchecked.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Seed property 28 through the whole service: generated failure sequences played by the Sheets API fake to the real
 * camel-google-sheets client, with small generated retry settings, and the requests, the run's outcome and the
 * recorded retries checked against README's failure table. Plus the retry policy's promises about waits (Retry-After,
 * the run's time limit, a stop), checked on the policy itself because they would take seconds per example to play.
 */
class RetryPolicyProperties {

    @RegisterExtension
    static final SheetsApiFake FAKE = new SheetsApiFake();

    static final String SPREADSHEET = "book";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final ListAppender<ILoggingEvent> WARNINGS = new ListAppender<>();
    static final Logger RETRY_LOG = (Logger) LoggerFactory.getLogger(SheetRetryPolicy.class);
    static final Set<Integer> TRANSIENT = Set.of(429, 500, 502, 503, 504);
    static final Pattern RETRYING = Pattern.compile("; retrying now, after waiting (\\d+) ms$");

    static TestDatabase database;
    static TestService service;
    static Path directory;
    static Map<String, String> settings;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create(RetryPolicyProperties.class);
        directory = Files.createTempDirectory("retry-properties");
        settings = Map.of(
                "SYNC_SHEETS_SPREADSHEET_ID", SPREADSHEET,
                "SYNC_SHEETS_RANGE", "Sellers",
                "SYNC_SHEETS_ROOT_URL", FAKE.rootUrl(),
                "SYNC_SHEETS_ACCESS_TOKEN", FAKE.token(),
                // Generated sheets shrink at will between examples: the shrink guard stays out of the way.
                "SYNC_MAX_SHRINK_PERCENT", "100");
        service = TestService.start(database, directory, settings);
        WARNINGS.start();
        RETRY_LOG.addAppender(WARNINGS);
    }

    @AfterAll
    static void stop() {
        RETRY_LOG.detachAppender(WARNINGS);
        service.close();
        database.close();
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 28: Network error retry — for any transient network"
            + " error, the system should retry the operation with exponential backoff up to 3 times")
    void a_fetch_that_fails_for_a_transient_reason_is_tried_again_with_doubling_waits_up_to_the_retry_limit() {
        PropertyTests.runs().forAll(MessySheets.sheets(0, 5), retrySettings(), failures())
                .checkAssert((sheet, retry, failures) -> check(() -> retriesFollowTheFailureTable(sheet, retry,
                        failures)));
    }

    private static void retriesFollowTheFailureTable(MessySheet sheet, Retry retry, List<Failure> failures)
            throws Exception {
        Expected expected = Expected.of(failures, retry);
        prepare(sheet, retry, expected);

        RunSummary summary = service.syncNow();

        boolean completes = expected.fetched() && sheet.validRowCount() > 0;
        assertThat(summary.status()).as("%s (%s)", summary.error(), expected).isEqualTo(completes ? "completed"
                : "failed");
        List<RecordedRequest> attempts = FAKE.requests(Api.METADATA);
        assertThat(attempts).as("fetch attempts (%s)", expected).hasSize(expected.attempts());
        assertThat(FAKE.requests(Api.VALUES)).as("values requests (%s)", expected).hasSize(expected.valuesRequests());
        assertThat(FAKE.pendingScriptedResponses()).as("scripted answers never asked for").isZero();
        List<Long> waits = WARNINGS.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.startsWith("syncId=" + summary.syncId()))
                .map(RETRYING::matcher).filter(Matcher::find).map(found -> Long.parseLong(found.group(1))).toList();
        assertThat(waits).as("a WARN line per retry, with its wait (%s)", expected).hasSize(expected.retries());
        List<long[]> bounds = retry.waits(expected.met());
        for (int retryNumber = 1; retryNumber <= waits.size(); retryNumber++) {
            // README: the waits start at the initial delay, each twice the one before, up to 15 % shorter or longer,
            // never above the longest; a Retry-After replaces the step. Measured from the failure to the retry, so
            // a little over the wait Camel chose; and the next attempt really comes no sooner.
            long[] range = bounds.get(retryNumber - 1);
            long wait = waits.get(retryNumber - 1);
            assertThat(wait).as("wait before retry %d (%s)", retryNumber, retry).isBetween(range[0], range[1] + 2_000);
            assertThat(Duration.between(attempts.get(retryNumber - 1).receivedAt(),
                    attempts.get(retryNumber).receivedAt())).as("time before retry %d", retryNumber)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(wait));
        }
        assertThat(database.query("SELECT action || '|' || detail FROM sync_recovery_actions WHERE audit_log_id = '"
                + summary.syncId() + "'")).as("recovery actions").isEqualTo(expected.fetched() && expected.retries() > 0
                ? List.of("retry_succeeded|Sheets fetch succeeded after " + expected.retries()
                + (expected.retries() == 1 ? " retry" : " retries")) : List.of());
        if (expected.fetched()) {
            assertThat(new TreeSet<>(database.query("SELECT seller_number FROM sellers")))
                    .isEqualTo(completes ? sheet.expectedKeys() : Set.of());
        } else {
            assertThat(database.query("SELECT error_type FROM sync_error_logs WHERE audit_log_id = '"
                    + summary.syncId() + "'")).as("error log").containsExactly("network");
            assertThat(summary.error()).as("the reason").contains(expected.reason(SPREADSHEET));
        }
    }

    /** A fresh database and breaker, the sheet in the fake, the retry settings in force, the failures queued. */
    private static void prepare(MessySheet sheet, Retry retry, Expected expected) {
        breaker().reset();
        database.execute("DELETE FROM sellers; DELETE FROM sync_audit_logs");
        FAKE.clearRequests();
        WARNINGS.list.clear();
        FAKE.spreadsheet(SPREADSHEET).sheet("Sellers").rows(sheet.values());
        Map<String, String> env = new HashMap<>(settings);
        env.put("SYNC_RETRY_MAX", Integer.toString(retry.max()));
        env.put("SYNC_RETRY_INITIAL_DELAY_MS", Long.toString(retry.initialMs()));
        env.put("SYNC_RETRY_MAX_DELAY_MS", Long.toString(retry.longestMs()));
        service.service().config().replace(SyncConfig.load(
                TestService.settings(database, directory.resolve("sellers.csv"), env), new Properties()));
        // Only the answers the run is to meet: one it never asks for would meet the next example instead.
        List<ScriptedResponse> script = new ArrayList<>();
        for (Failure failure : expected.met()) {
            if (failure.onValues()) {
                script.add(ScriptedResponse.slow(Duration.ZERO)); // the attempt's metadata request is answered
            }
            ScriptedResponse answer = ScriptedResponse.status(failure.status());
            script.add(failure.retryAfter() == null ? answer : answer.withRetryAfter(failure.retryAfter()));
        }
        FAKE.enqueue(script.toArray(ScriptedResponse[]::new));
    }

    /**
     * A failed answer of the Sheets API to one attempt of the fetch: to its metadata request or, after that was
     * answered, to its values request.
     *
     * @param retryAfter the Retry-After header sent with it, in seconds, or null
     */
    record Failure(int status, String retryAfter, boolean onValues) {

        @Override
        public String toString() {
            return status + (retryAfter == null ? "" : " Retry-After " + retryAfter) + (onValues ? " on values" : "");
        }
    }

    /**
     * The retry settings of an example.
     *
     * @param max       SYNC_RETRY_MAX
     * @param initialMs SYNC_RETRY_INITIAL_DELAY_MS
     * @param longestMs SYNC_RETRY_MAX_DELAY_MS
     */
    record Retry(int max, long initialMs, long longestMs) {

        /**
         * README: the shortest and longest wait before each retry caused by {@code failures}, in order. The first
         * starts at the initial delay, each later one is twice the wait before it; each is up to 15 % shorter or
         * longer at random and never above the longest wait. A Retry-After is waited exactly, and the doubling goes
         * on from it (from the initial delay again after a Retry-After of 0).
         */
        List<long[]> waits(List<Failure> failures) {
            List<long[]> waits = new ArrayList<>();
            long previousLow = 0;
            long previousHigh = 0;
            for (Failure failure : failures) {
                long low;
                long high;
                if (failure.retryAfter() != null) {
                    low = Long.parseLong(failure.retryAfter()) * 1000;
                    high = low;
                } else {
                    long fromLow = previousHigh == 0 ? initialMs : 2 * previousLow;
                    long fromHigh = previousHigh == 0 ? initialMs : 2 * previousHigh;
                    low = Math.min(longestMs, fromLow - fromLow * 15 / 100);
                    high = Math.min(longestMs, fromHigh + fromHigh * 15 / 100);
                }
                waits.add(new long[] {low, high});
                previousLow = low;
                previousHigh = high;
            }
            return waits;
        }
    }

    /**
     * README's failure table applied to a failure sequence: 429 and 5xx are retried up to SYNC_RETRY_MAX times,
     * unless a Retry-After asks for more than SYNC_RETRY_MAX_DELAY_MS; 400, 401, 403 and 404 never are. An attempt
     * after the failures is answered normally.
     *
     * @param met the failures the run meets, in order (those after it gave up are never asked for)
     */
    record Expected(List<Failure> met, boolean fetched, int retries) {

        static Expected of(List<Failure> failures, Retry retry) {
            List<Failure> met = new ArrayList<>();
            for (Failure failure : failures) {
                met.add(failure);
                boolean transientFailure = TRANSIENT.contains(failure.status());
                boolean waitTooLong = failure.retryAfter() != null
                        && Long.parseLong(failure.retryAfter()) * 1000 > retry.longestMs();
                if (!transientFailure || waitTooLong || met.size() > retry.max()) {
                    return new Expected(met, false, met.size() - 1);
                }
            }
            return new Expected(met, true, met.size());
        }

        int attempts() {
            return met.size() + (fetched ? 1 : 0);
        }

        /** One per attempt whose metadata was answered. */
        int valuesRequests() {
            return (int) met.stream().filter(Failure::onValues).count() + (fetched ? 1 : 0);
        }

        /** README's words for the failure the run gave up on. */
        String reason(String spreadsheet) {
            int status = met.get(met.size() - 1).status();
            return switch (status) {
                case 400 -> "bad range";
                case 401 -> "not authorised";
                case 403 -> "access denied";
                case 404 -> "spreadsheet " + spreadsheet + " not found";
                default -> Integer.toString(status);
            };
        }

        @Override
        public String toString() {
            return (fetched ? "fetched" : "gave up") + " after " + retries + " retries, meeting " + met;
        }
    }

    static Gen<Retry> retrySettings() {
        Gen<Integer> max = Generate.frequency(Pair.of(1, Generate.range(0, 2)), Pair.of(2, Generate.constant(3)));
        return max.zip(Generate.longRange(1, 30), Generate.range(1, 8),
                (retries, initial, spread) -> new Retry(retries, initial, initial * spread));
    }

    static Gen<List<Failure>> failures() {
        Gen<Integer> statuses = Generate.frequency(Pair.of(6, Generate.pick(List.copyOf(new TreeSet<>(TRANSIENT)))),
                Pair.of(1, Generate.pick(List.of(400, 401, 403, 404))));
        // Retry-After comes with quota and unavailability answers: now (0), or longer than any generated longest wait
        Gen<String> seconds = Generate.range(1, 120).map(n -> Integer.toString(n));
        Gen<String> retryAfter = Generate.frequency(Pair.of(4, Generate.constant((String) null)),
                Pair.of(1, Generate.constant("0")), Pair.of(1, seconds));
        Gen<Failure> failure = statuses.zip(retryAfter, Generate.booleans(), (status, after, onValues) ->
                new Failure(status, status == 429 || status == 503 ? after : null, onValues));
        return lists().of(failure).ofSizeBetween(0, 5);
    }

    private static io.github.resilience4j.circuitbreaker.CircuitBreaker breaker() {
        return SheetsBreaker.of(service.service().camelContext());
    }

    // ------------------------------------------------------------ the policy's promises about waits

    @Test
    void a_retry_after_within_the_longest_wait_is_waited_exactly_and_a_longer_one_is_not_waited_for() {
        PropertyTests.pure().forAll(policySettings(), Generate.range(0, 120))
                .checkAssert((settings, retryAfterSeconds) -> {
                    Throwable quota = new SheetTransientException("quota", 429, Integer.toString(retryAfterSeconds),
                            null);

                    SheetRetryRule.Decision decision = SheetRetryRule.decide(quota, 1, settings, CLOCK.instant(),
                            null, false);

                    if (settings.retryMax() == 0 || retryAfterSeconds * 1000L > settings.maxDelayMs()) {
                        assertThat(decision.retry()).isFalse();
                    } else {
                        assertThat(decision.retry()).isTrue();
                        assertThat(decision.retryAfter()).isEqualTo(Duration.ofSeconds(retryAfterSeconds));
                    }
                });
    }

    @Test
    void no_retry_waits_past_the_runs_time_limit_or_follows_a_stop() {
        Gen<Throwable> answered = Generate.pick(List.copyOf(new TreeSet<>(TRANSIENT)))
                .map(status -> new SheetTransientException("answered " + status, status, null, null));
        Gen<Throwable> unanswered = Generate.constant(() -> new SheetTransientException("no answer", 0, null,
                new SocketTimeoutException("Read timed out")));
        Gen<Throwable> transientErrors = Generate.frequency(Pair.of(5, answered), Pair.of(1, unanswered));
        PropertyTests.pure().forAll(transientErrors, policySettings(), Generate.range(0, 60_000), Generate.range(1, 10))
                .checkAssert((error, settings, millisLeft, attempt) -> {
                    Instant deadline = CLOCK.instant().plusMillis(millisLeft);

                    SheetRetryRule.Decision decision = SheetRetryRule.decide(error, attempt, settings,
                            CLOCK.instant(), deadline, false);

                    // the longest wait Camel may choose is SYNC_RETRY_MAX_DELAY_MS
                    if (decision.retry()) {
                        assertThat(attempt).isLessThanOrEqualTo(settings.retryMax());
                        assertThat(CLOCK.instant().plusMillis(settings.maxDelayMs())).isBeforeOrEqualTo(deadline);
                    }
                    assertThat(SheetRetryRule.decide(error, attempt, settings, CLOCK.instant(), deadline, true)
                            .retry()).isFalse();
                });
    }

    /** Retry settings as SyncConfig accepts them (the longest wait never below the first). */
    static Gen<SyncConfig.Recovery> policySettings() {
        return Generate.range(0, 10).zip(Generate.range(0, 5_000), Generate.range(0, 120_000),
                (retries, initial, extra) -> SyncConfig.load(Map.of("SYNC_RETRY_MAX", Integer.toString(retries),
                        "SYNC_RETRY_INITIAL_DELAY_MS", Integer.toString(initial),
                        "SYNC_RETRY_MAX_DELAY_MS", Integer.toString(initial + extra)), new Properties()).recovery());
    }
}
