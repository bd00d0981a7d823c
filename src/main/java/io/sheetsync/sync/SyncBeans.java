package io.sheetsync.sync;

import io.sheetsync.verify.GapRecords;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

/** The beans {@code routes/sync.camel.yaml} calls to start, run and record a sync. */
@Configuration
public final class SyncBeans implements CamelConfiguration {

    /** The step beans the sync route calls, in the route's order. */
    public record Steps(SheetFetch fetch, SheetParse parse, BatchUpsert upsert, RunVerification verification,
                        GapResync resync, RunEnd end) {
    }

    private final SyncCoordinator coordinator;
    private final Steps steps;
    private final SheetIntakes intakes;

    public SyncBeans(SyncCoordinator coordinator, Steps steps, SheetIntakes intakes) {
        this.coordinator = coordinator;
        this.steps = steps;
        this.intakes = intakes;
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
