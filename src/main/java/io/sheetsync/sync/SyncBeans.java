package io.sheetsync.sync;

import io.sheetsync.verify.GapRecords;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.spi.ThreadPoolProfile;

/** The beans {@code routes/sync.camel.yaml} calls to start, run and record a sync. */
@Configuration
public final class SyncBeans implements CamelConfiguration {

    /** The step beans the sync route calls, in the route's order. */
    public record Steps(SheetFetch fetch, SheetParse parse, BatchUpsert upsert, RunVerification verification,
                        GapResync resync, RunEnd end) {
    }

    /** The thread pool profile of the split that writes batches side by side. */
    static final String BATCH_WRITERS = "batchWriters";

    private final SyncCoordinator coordinator;
    private final Steps steps;
    private final SheetIntakes intakes;
    private final int batchWriters;

    /** @param batchWriters how many batches are written at once (SYNC_BATCH_WRITERS) */
    public SyncBeans(SyncCoordinator coordinator, Steps steps, SheetIntakes intakes, int batchWriters) {
        this.coordinator = coordinator;
        this.steps = steps;
        this.intakes = intakes;
        this.batchWriters = batchWriters;
    }

    /**
     * The batch writers' threads: as many as batches are written at once, no more (each holds a connection of the
     * pool). A profile rather than a pool, so Camel makes the pool with the split and stops it with the route.
     */
    @Override
    public void configure(CamelContext camelContext) {
        ThreadPoolProfile writers = new ThreadPoolProfile(BATCH_WRITERS);
        writers.setPoolSize(batchWriters);
        writers.setMaxPoolSize(batchWriters);
        writers.setMaxQueueSize(-1);
        camelContext.getExecutorServiceManager().registerThreadPoolProfile(writers);
    }

    @BindToRegistry("firstFailedBatch")
    public FirstFailedBatch firstFailedBatch() {
        return new FirstFailedBatch();
    }

    @BindToRegistry("sheetIntakes")
    public SheetIntakes sheetIntakes() {
        return intakes;
    }

    @BindToRegistry("syncCoordinator")
    public SyncCoordinator syncCoordinator() {
        return coordinator;
    }

    @BindToRegistry("sheetFetch")
    public SheetFetch sheetFetch() {
        return steps.fetch();
    }

    @BindToRegistry("sheetParse")
    public SheetParse sheetParse() {
        return steps.parse();
    }

    @BindToRegistry("batchUpsert")
    public BatchUpsert batchUpsert() {
        return steps.upsert();
    }

    @BindToRegistry("runVerification")
    public RunVerification runVerification() {
        return steps.verification();
    }

    @BindToRegistry("gapResync")
    public GapResync gapResync() {
        return steps.resync();
    }

    @BindToRegistry("runEnd")
    public RunEnd runEnd() {
        return steps.end();
    }

    @BindToRegistry("gapRecords")
    public GapRecords gapRecords() {
        return new GapRecords();
    }
}
