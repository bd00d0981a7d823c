package io.sheetsync.recovery;

import io.sheetsync.config.SyncConfig;
import io.sheetsync.sheet.SheetUnavailableException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed property 28: transient network errors are retried with exponential backoff, up to SYNC_RETRY_MAX (3) times. */
class RetryPolicyProperties {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 28: for any transient network error, the system retries"
            + " the operation with exponential backoff up to 3 times")
    void transient_errors_are_retried_with_exponential_backoff_up_to_the_maximum(
            @ForAll("transientErrors") Throwable error, @ForAll("settings") SyncConfig.Recovery settings,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        SheetRetryPolicy policy = new SheetRetryPolicy(new ErrorClassifier(), null, null, CLOCK, () -> random);

        long previousStep = 0;
        for (int attempt = 1; attempt <= settings.retryMax(); attempt++) {
            SheetRetryPolicy.Decision decision = policy.decide(error, attempt, null, settings);

            assertThat(decision.retry()).as("retry %d of %d", attempt, settings.retryMax()).isTrue();
            long step = Math.min(settings.maxDelayMs(), settings.initialDelayMs() << Math.min(attempt - 1, 40));
            assertThat(Backoff.step(attempt, settings)).isEqualTo(step).isGreaterThanOrEqualTo(previousStep);
            assertThat(decision.delay().toMillis()).isBetween(step / 2, step);
            previousStep = step;
        }
        assertThat(policy.decide(error, settings.retryMax() + 1, null, settings).retry()).isFalse();
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 28: a Retry-After within the longest wait is honoured,"
            + " a longer one is not retried")
    void a_retry_after_is_never_undercut(@ForAll("settings") SyncConfig.Recovery settings,
                                         @ForAll @IntRange(min = 0, max = 120) int retryAfterSeconds,
                                         @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        SheetRetryPolicy policy = new SheetRetryPolicy(new ErrorClassifier(), null, null, CLOCK, () -> random);
        Throwable quota = new SheetUnavailableException("quota", 429, Integer.toString(retryAfterSeconds), null);

        SheetRetryPolicy.Decision decision = policy.decide(quota, 1, null, settings);

        if (settings.retryMax() == 0 || retryAfterSeconds * 1000L > settings.maxDelayMs()) {
            assertThat(decision.retry()).isFalse();
        } else {
            assertThat(decision.delay()).isGreaterThanOrEqualTo(Duration.ofSeconds(retryAfterSeconds));
            assertThat(decision.delay().toMillis()).isLessThanOrEqualTo(settings.maxDelayMs());
        }
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 28: permanent failures (400/401/403/404) are never retried")
    void permanent_failures_are_never_retried(@ForAll("permanentStatuses") int status,
                                              @ForAll("settings") SyncConfig.Recovery settings,
                                              @ForAll @IntRange(min = 1, max = 10) int attempt) {
        SheetRetryPolicy policy = new SheetRetryPolicy(new ErrorClassifier(), null, null, CLOCK, () -> 0.5);

        assertThat(policy.decide(new SheetUnavailableException("refused", status, null), attempt, null, settings)
                .retry()).isFalse();
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 28: no retry outlives the run's time limit or a stop")
    void no_retry_past_the_deadline_or_after_a_stop(@ForAll("transientErrors") Throwable error,
                                                    @ForAll("settings") SyncConfig.Recovery settings,
                                                    @ForAll @IntRange(min = 0, max = 60_000) int millisLeft) {
        SheetRetryPolicy policy = new SheetRetryPolicy(new ErrorClassifier(), null, null, CLOCK, () -> 0.999);
        RunControl control = new RunControl(CLOCK.instant().plusMillis(millisLeft));

        SheetRetryPolicy.Decision decision = policy.decide(error, 1, control, settings);

        if (decision.retry()) {
            assertThat(CLOCK.instant().plus(decision.delay())).isBeforeOrEqualTo(control.deadline());
        }
        control.requestStop(StopRequest.cancelledBy("operator", CLOCK.instant()));
        assertThat(policy.decide(error, 1, control, settings).retry()).isFalse();
    }

    @Provide
    Arbitrary<Throwable> transientErrors() {
        return Arbitraries.oneOf(
                Arbitraries.of(429, 500, 502, 503, 504).map(status ->
                        new SheetUnavailableException("answered " + status, status, null)),
                Arbitraries.just(new SheetUnavailableException("no answer", 0, new SocketTimeoutException("Read timed out"))),
                Arbitraries.just(new SheetUnavailableException("cannot reach", 0,
                        new java.net.ConnectException("Connection refused"))));
    }

    @Provide
    Arbitrary<Integer> permanentStatuses() {
        return Arbitraries.of(400, 401, 403, 404);
    }

    @Provide
    Arbitrary<SyncConfig.Recovery> settings() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 10),
                        Arbitraries.integers().between(0, 5_000),
                        Arbitraries.integers().between(0, 120_000))
                .as((retries, initial, extra) -> config(retries, initial, initial + extra));
    }

    /** Settings as SyncConfig validates them (the maximum is never below the initial delay). */
    private static SyncConfig.Recovery config(int retries, int initial, int max) {
        return SyncConfig.load(Map.of("SYNC_RETRY_MAX", Integer.toString(retries),
                "SYNC_RETRY_INITIAL_DELAY_MS", Integer.toString(initial),
                "SYNC_RETRY_MAX_DELAY_MS", Integer.toString(max)), new Properties()).recovery();
    }
}
