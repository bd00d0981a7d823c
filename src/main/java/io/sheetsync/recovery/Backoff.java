package io.sheetsync.recovery;

import io.sheetsync.config.SyncConfig;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The wait before each retry: exponential (the initial delay, then SYNC_RETRY_BACKOFF_MULTIPLIER times longer each time,
 * up to the maximum) with "equal jitter" (a random point in the upper half of that step, so instances that failed
 * together do not retry together), never shorter than a Retry-After the server sent. Pure: the random source is
 * passed in.
 */
public final class Backoff {

    private Backoff() {
    }

    /**
     * The delay before retry number {@code attempt} (1 = the first retry), or empty when no retry should be made: the
     * retries are used up, or the server asked to wait longer than the longest wait allowed.
     *
     * @param retryAfter what the server asked for, or null
     * @param random     a source of numbers in [0, 1)
     */
    public static Optional<Duration> delay(int attempt, SyncConfig.Recovery settings, Duration retryAfter,
                                           DoubleSupplier random) {
        if (attempt < 1 || attempt > settings.retryMax()) {
            return Optional.empty();
        }
        if (retryAfter != null && retryAfter.toMillis() > settings.maxDelayMs()) {
            return Optional.empty();
        }
        long step = step(attempt, settings);
        long jittered = step / 2 + (long) Math.floor(random.getAsDouble() * (step - step / 2 + 1));
        long delay = Math.min(step, jittered);
        if (retryAfter != null) {
            delay = Math.max(delay, retryAfter.toMillis());
        }
        return Optional.of(Duration.ofMillis(delay));
    }

    /** The un-jittered wait of retry number {@code attempt}: initial x multiplier^(attempt-1), capped at the maximum. */
    public static long step(int attempt, SyncConfig.Recovery settings) {
        double step = settings.initialDelayMs();
        for (int i = 1; i < attempt && step < settings.maxDelayMs(); i++) {
            step *= settings.backoffMultiplier();
        }
        return (long) Math.min(step, settings.maxDelayMs());
    }
}
