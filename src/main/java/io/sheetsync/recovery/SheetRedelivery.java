package io.sheetsync.recovery;

import io.sheetsync.config.SyncConfig;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;

/**
 * The redelivery policy of a transient Sheets failure ({@code redeliveryPolicyRef} of routeConfiguration
 * {@code sheet-recovery}): Camel's own exponential backoff (x SYNC_RETRY_BACKOFF_MULTIPLIER) with collision avoidance
 * (+-15 %), from the retry settings in force. Camel looks it up at each failure, so a changed SYNC_RETRY_* applies to
 * the next retry; {@code {{...}}} placeholders in the route would be resolved once, when the route is built.
 */
public final class SheetRedelivery {

    /** The registry name the route configuration refers to. */
    public static final String NAME = "sheetRedeliveryPolicy";

    private SheetRedelivery() {
    }

    public static RedeliveryPolicy policy(SyncConfig.Recovery settings) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(settings.retryMax());
        policy.setRedeliveryDelay(settings.initialDelayMs());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(settings.backoffMultiplier());
        policy.setMaximumRedeliveryDelay(settings.maxDelayMs());
        policy.setUseCollisionAvoidance(true);
        // each retry is one WARN line of our own (SheetRetryPolicy); a fetch that gives up fails the run, logged there
        policy.setLogRetryAttempted(false);
        policy.setLogExhausted(false);
        policy.setLogStackTrace(false);
        return policy;
    }
}
