package io.sheetsync.recovery;

import io.sheetsync.config.SyncConfig;
import io.sheetsync.sheet.SheetUnavailableException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What Camel's redelivery policy cannot say about retrying a transient Sheets failure: the retries left (the
 * {@code retryWhile} that asks this replaces {@code maximumRedeliveries}), a Retry-After (honoured when it fits in the
 * longest wait, else not waited for), the run's time limit and a stop request. The backoff itself (delays, doubling,
 * jitter, the longest wait) is declared in {@code routes/error-handling.camel.yaml}. Pure: time is passed in.
 */
public final class SheetRetryRule {

    private SheetRetryRule() {
    }

    /**
     * A decision.
     *
     * @param retry      whether to try again
     * @param retryAfter the wait the server asked for, which then replaces the backoff's; null when it asked none
     * @param reason     why not, for the log; null when retrying
     */
    public record Decision(boolean retry, Duration retryAfter, String reason) {

        static Decision no(String reason) {
            return new Decision(false, null, reason);
        }
    }

    /**
     * Whether to retry after the {@code attempt}-th attempt failed (1 = the first). A retry is never made when the
     * longest wait it may take (the Retry-After, else SYNC_RETRY_MAX_DELAY_MS) would end after {@code deadline}.
     *
     * @param deadline the run's time limit, or null when the fetch belongs to no run
     */
    public static Decision decide(Throwable error, int attempt, SyncConfig.Recovery settings, Instant now,
                                  Instant deadline, boolean stopRequested) {
        if (stopRequested) {
            return Decision.no("the run was asked to stop");
        }
        if (attempt > settings.retryMax()) {
            return Decision.no("gave up after " + settings.retryMax() + " retries (SYNC_RETRY_MAX)");
        }
        Duration retryAfter = retryAfter(error, now).orElse(null);
        if (retryAfter != null && retryAfter.toMillis() > settings.maxDelayMs()) {
            return Decision.no("the Sheets API asked to wait " + retryAfter.toSeconds() + " s (Retry-After), more"
                    + " than SYNC_RETRY_MAX_DELAY_MS allows; the next run tries again");
        }
        long longestWait = retryAfter != null ? retryAfter.toMillis() : settings.maxDelayMs();
        if (deadline != null && now.plusMillis(longestWait).isAfter(deadline)) {
            return Decision.no("a retry would end after the run's time limit (SYNC_RUN_TIMEOUT_MINUTES)");
        }
        return new Decision(true, retryAfter, null);
    }

    private static Optional<Duration> retryAfter(Throwable error, Instant now) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SheetUnavailableException sheet) {
                return RetryAfter.parse(sheet.retryAfter(), now);
            }
        }
        return Optional.empty();
    }
}
