package io.sheetsync.recovery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.sheetsync.config.SyncConfig;

import java.time.Clock;
import java.time.Duration;

/**
 * The circuit breaker the sheet fetch runs through ({@code routes/sync.camel.yaml}, route {@code fetch-sheet}). It opens
 * after {@value #FAILURES_TO_OPEN} failed fetches in a row (one run's first try and its three retries, by default), and
 * then refuses calls at once for SYNC_CIRCUIT_OPEN_SECONDS, after which one trial call decides whether it closes again.
 *
 * <p>Only failures worth a retry count (the {@link ErrorClassifier} decides): a 404 or 403 is a configuration problem,
 * reported as such every time, and never opens the circuit.
 */
public final class SheetCircuitBreaker {

    /** The registry name the route refers to. */
    public static final String NAME = "sheetsCircuitBreaker";
    static final int FAILURES_TO_OPEN = 4;

    private SheetCircuitBreaker() {
    }

    /** Read once at start-up: the breaker is one long-lived object, so SYNC_CIRCUIT_OPEN_SECONDS needs a restart. */
    public static CircuitBreaker create(SyncConfig.Recovery settings, ErrorClassifier classifier, Clock clock) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(FAILURES_TO_OPEN)
                .minimumNumberOfCalls(FAILURES_TO_OPEN)
                .failureRateThreshold(100)
                .waitDurationInOpenState(Duration.ofSeconds(settings.circuitOpenSeconds()))
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .ignoreException(error -> !classifier.isRetryable(error))
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build();
        return CircuitBreaker.of(NAME, config);
    }
}
