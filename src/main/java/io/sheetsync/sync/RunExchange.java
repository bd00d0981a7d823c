package io.sheetsync.sync;

import org.apache.camel.Exchange;

/** The exchange properties a run carries through the sync route, read by the step beans and the beans after them. */
public final class RunExchange {

    /** The exchange property holding the {@link SyncRun}. */
    public static final String RUN = "syncRun";
    /** The exchange property holding the {@link io.sheetsync.seller.StagedSheet}, for verification and resync. */
    public static final String PARSED = "parsedSheet";
    /** The exchange property holding the run's {@link io.sheetsync.verify.Verification}. */
    public static final String VERIFICATION = "verification";
    /** The exchange property holding the {@code io.sheetsync.metrics.Degradation} of a run found degraded. */
    public static final String DEGRADATION = "degradation";

    /**
     * The exchange property holding the {@link RunControl} of a plan: it reads the sheet through the run's fetch route
     * (breaker, retries, deadline) but is no run, has no audit row and no {@link SyncRun}.
     */
    public static final String CONTROL = "runControl";

    private RunExchange() {
    }

    /** The control of the run, or else of the plan, the exchange carries; null when it carries neither. */
    static RunControl control(Exchange exchange) {
        SyncRun run = exchange.getProperty(RUN, SyncRun.class);
        return run != null ? run.control() : exchange.getProperty(CONTROL, RunControl.class);
    }
}
