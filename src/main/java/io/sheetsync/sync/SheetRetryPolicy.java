package io.sheetsync.sync;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.recovery.RecoveryAction;
import io.sheetsync.recovery.RecoveryLog;
import io.sheetsync.recovery.SheetRetryRule;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The run's side of the sheet fetch's redelivery (route {@code fetch-sheet}, routeConfiguration {@code sheet-recovery}):
 * the {@code retryWhile} predicate, which asks {@link SheetRetryRule} and hands a Retry-After to Camel as the
 * {@code CamelRedeliveryDelay} header; the {@code onRedelivery} step, which logs each retry with the wait it took;
 * and, after a fetch that needed retries, its {@code retry_succeeded} recovery action.
 *
 * <p>Settings (SYNC_RETRY_*) are read at each decision, so a configuration change applies to the next retry.
 */
public final class SheetRetryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(SheetRetryPolicy.class);
    /** When the failure being retried was caught ({@link System#nanoTime()}), and what it said. */
    private static final String FAILED_AT = "sheetFetchFailedAt";
    private static final String FAILURE = "sheetFetchFailure";

    private final ErrorClassifier classifier;
    private final RecoveryLog recoveryLog;
    private final ConfigProvider config;
    private final Clock clock;

    public SheetRetryPolicy(ErrorClassifier classifier, RecoveryLog recoveryLog, ConfigProvider config, Clock clock) {
        this.classifier = classifier;
        this.recoveryLog = recoveryLog;
        this.config = config;
        this.clock = clock;
    }

    /** The {@code retryWhile} predicate of a transient sheet failure. */
    public boolean retryAgain(Exchange exchange) {
        Throwable error = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int attempt = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        SyncRun run = exchange.getProperty(RunExchange.RUN, SyncRun.class);
        RunControl control = RunExchange.control(exchange);
        SheetRetryRule.Decision decision = SheetRetryRule.decide(error, attempt, config.current().recovery(),
                clock.instant(), control == null ? null : control.deadline(),
                control != null && control.stopRequest().isPresent());
        if (!decision.retry()) {
            LOG.warn("syncId={} Sheets fetch failed, not retried: {} ({})", run == null ? "-" : run.id(),
                    decision.reason(), classifier.safeMessage(error));
            return false;
        }
        if (decision.retryAfter() != null) {
            // Camel waits what this header says instead of its backoff step; it is gone again at the redelivery
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, decision.retryAfter().toMillis());
        }
        exchange.setProperty(FAILED_AT, System.nanoTime());
        exchange.setProperty(FAILURE, classifier.safeMessage(error));
        return true;
    }

    /** The {@code onRedelivery} step: Camel waited and is about to call the Sheets API again. */
    public void retrying(Exchange exchange) {
        int attempt = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        Long failedAt = exchange.getProperty(FAILED_AT, Long.class);
        long waitedMs = failedAt == null ? 0 : (System.nanoTime() - failedAt) / 1_000_000;
        SyncRun run = exchange.getProperty(RunExchange.RUN, SyncRun.class);
        RunControl control = RunExchange.control(exchange);
        if (control != null) {
            control.fetchRetried();
        }
        SyncConfig.Recovery settings = config.current().recovery();
        LOG.warn("syncId={} Sheets fetch failed (attempt {} of {}): {}; retrying now, after waiting {} ms",
                run == null ? "-" : run.id(), attempt, settings.retryMax() + 1, exchange.getProperty(FAILURE),
                waitedMs);
    }

    /**
     * After a successful fetch: a fetch that needed retries is a recovery, logged in the run's audit log. A plan's
     * fetch (no run) records nothing: a plan writes no row.
     */
    public void fetched(@ExchangeProperty(RunExchange.RUN) SyncRun run) {
        if (run == null) {
            return;
        }
        int retries = run.control().fetchRetries();
        if (retries > 0) {
            run.control().fetchRetriesReported();
            recoveryLog.record(run.id(), RecoveryAction.of(RecoveryAction.Kind.RETRY_SUCCEEDED,
                    "Sheets fetch succeeded after " + retries + (retries == 1 ? " retry" : " retries"), clock.instant()));
        }
    }
}
