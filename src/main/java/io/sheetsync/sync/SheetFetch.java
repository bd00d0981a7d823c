package io.sheetsync.sync;

import io.sheetsync.sheet.SheetData;
import io.sheetsync.sheet.SheetSource;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The fetch step of the sync route: reads the whole sheet from the configured source and times it. */
public final class SheetFetch {

    private static final Logger LOG = LoggerFactory.getLogger(SheetFetch.class);

    private final SheetSource source;
    private final Clock clock;

    public SheetFetch(SheetSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** Reads the whole sheet. */
    public SheetData fetch(@ExchangeProperty(RunExchange.RUN) SyncRun run) {
        Instant started = clock.instant();
        run.progress().enter(SyncStage.FETCH);
        SheetData data;
        try {
            data = source.fetch();
        } finally {
            // A failed fetch counts too: a source that times out is exactly what the fetch time should show.
            run.addStageTime(SyncStage.FETCH, Duration.between(started, clock.instant()));
        }
        LOG.info("syncId={} fetched {} rows from {}", run.id(), data.rows().size(), source.describe());
        return data;
    }
}
