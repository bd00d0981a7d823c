package io.sheetsync.sync;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.recovery.Backoff;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.recovery.RecoveryAction;
import io.sheetsync.recovery.RecoveryLog;
import io.sheetsync.recovery.RetryAfter;
import io.sheetsync.sheet.SheetUnavailableException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The redelivery decision of the sheet fetch (route {@code fetch-sheet}, {@code retryWhile} of routeConfiguration
 * {@code sheet-recovery}): whether a failed fetch is tried again, and after how long. It tells Camel the wait through
 * the {@code CamelRedeliveryDelay} header, so backoff, jitter and Retry-After are decided here, in one place.
 *
 * <p>Settings (SYNC_RETRY_*) are read at each decision, so a configuration change applies to the next retry.
 */
public final class SheetRetryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(SheetRetryPolicy.class);

    private final ErrorClassifier classifier;
    private final RecoveryLog recoveryLog;
    private final ConfigProvider config;
    private final Clock clock;
    private final DoubleSupplier random;

    public SheetRetryPolicy(ErrorClassifier classifier, RecoveryLog recoveryLog, ConfigProvider config, Clock clock) {
        this(classifier, recoveryLog, config, clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    SheetRetryPolicy(ErrorClassifier classifier, RecoveryLog recoveryLog, ConfigProvider config, Clock clock,
                     DoubleSupplier random) {
        this.classifier = classifier;
        this.recoveryLog = recoveryLog;
        this.config = config;
        this.clock = clock;
        this.random = random;
    }

    /** A decision: retry after {@code delay}, or give up (then {@code reason} says why, for the log). */
    public record Decision(Duration delay, String reason) {
        public boolean retry() {
            return delay != null;
        }
    }

    /** The {@code retryWhile} predicate: decides, and when retrying sets the delay and logs the attempt. */
    public boolean retryAgain(Exchange exchange) {
        Throwable error = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int attempt = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        SyncRun run = exchange.getProperty(RunExchange.RUN, SyncRun.class);
        SyncConfig.Recovery settings = config.current().recovery();
        Decision decision = decide(error, attempt, run == null ? null : run.control(), settings);
        Object syncId = run == null ? "-" : run.id();
        if (!decision.retry()) {
            if (attempt > 1 || classifier.isRetryable(error)) {
                LOG.warn("syncId={} Sheets fetch failed, not retried: {} ({})", syncId, decision.reason(),
                        classifier.safeMessage(error));
            }
            return false;
        }
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, decision.delay().toMillis());
        if (run != null) {
            run.control().fetchRetried();
        }
        LOG.warn("syncId={} Sheets fetch failed (attempt {} of {}): {}; retrying in {} ms", syncId, attempt,
                settings.retryMax() + 1, classifier.safeMessage(error), decision.delay().toMillis());
        return true;
    }

    /**
     * Whether to retry after the {@code attempt}-th retry's failure (1 = the first attempt failed): only errors the
     * classifier calls retryable, at most SYNC_RETRY_MAX times, never past the run's deadline or after a stop request.
     */
    public Decision decide(Throwable error, int attempt, RunControl control, SyncConfig.Recovery settings) {
        if (!classifier.isRetryable(error)) {
            return new Decision(null, "not a failure a retry can fix");
        }
        if (control != null && control.stopRequest().isPresent()) {
            return new Decision(null, "the run was asked to stop");
        }
        if (attempt > settings.retryMax()) {
            return new Decision(null, "gave up after " + settings.retryMax() + " retries (SYNC_RETRY_MAX)");
        }
        Instant now = clock.instant();
        Duration retryAfter = retryAfter(error, now).orElse(null);
        Optional<Duration> delay = Backoff.delay(attempt, settings, retryAfter, random);
        if (delay.isEmpty()) {
            return new Decision(null, "the Sheets API asked to wait " + retryAfter.toSeconds() + " s (Retry-After), more"
                    + " than SYNC_RETRY_MAX_DELAY_MS allows; the next run tries again");
        }
        if (control != null && now.plus(delay.get()).isAfter(control.deadline())) {
            return new Decision(null, "a retry would end after the run's time limit (SYNC_RUN_TIMEOUT_MINUTES)");
        }
        return new Decision(delay.get(), null);
    }

    /** After a successful fetch: a fetch that needed retries is a recovery, logged in the run's audit log. */
    public void fetched(@ExchangeProperty(RunExchange.RUN) SyncRun run) {
        int retries = run.control().fetchRetries();
        if (retries > 0) {
            run.control().fetchRetriesReported();
            recoveryLog.record(run.id(), RecoveryAction.of(RecoveryAction.Kind.RETRY_SUCCEEDED,
                    "Sheets fetch succeeded after " + retries + (retries == 1 ? " retry" : " retries"), clock.instant()));
        }
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
