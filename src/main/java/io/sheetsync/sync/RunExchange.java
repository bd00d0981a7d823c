package io.sheetsync.sync;

/** The exchange properties a run carries through the sync route, read by the step beans and the beans after them. */
public final class RunExchange {

    /** The exchange property holding the {@link SyncRun}. */
    public static final String RUN = "syncRun";
    /** The exchange property holding the {@link io.sheetsync.seller.ParsedSheet}, for verification and resync. */
    public static final String PARSED = "parsedSheet";
    /** The exchange property holding the run's {@link io.sheetsync.verify.Verification}. */
    public static final String VERIFICATION = "verification";
    /** The exchange property holding the {@code io.sheetsync.metrics.Degradation} of a run found degraded. */
    public static final String DEGRADATION = "degradation";

    private RunExchange() {
    }
}
