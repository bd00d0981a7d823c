package io.sheetsync.sync;

import io.sheetsync.verify.GapRecords;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

/** The beans {@code routes/sync.camel.yaml} calls to start, run and record a sync. */
@Configuration
public final class SyncBeans implements CamelConfiguration {

    private final SyncCoordinator coordinator;
    private final SyncSteps steps;

    public SyncBeans(SyncCoordinator coordinator, SyncSteps steps) {
        this.coordinator = coordinator;
        this.steps = steps;
    }

    @BindToRegistry("syncCoordinator")
    public SyncCoordinator syncCoordinator() {
        return coordinator;
    }

    @BindToRegistry("syncSteps")
    public SyncSteps syncSteps() {
        return steps;
    }

    @BindToRegistry("gapRecords")
    public GapRecords gapRecords() {
        return new GapRecords();
    }
}
