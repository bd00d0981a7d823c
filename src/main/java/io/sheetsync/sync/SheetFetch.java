package io.sheetsync.sync;

import io.sheetsync.sheet.FetchedSheet;
import io.sheetsync.sheet.SheetRefusedException;
import io.sheetsync.sheet.SheetSourceChoice;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The run's side of reading the sheet (routes {@code fetch-sheet} and {@code read-sheet}): each attempt enters the
 * fetch stage and counts in its time, a failed one too; a refused read is carried past the circuit breaker. A plan
 * reads through the same route with a {@link RunControl} of its own and no run.
 */
public final class SheetFetch {

    private static final Logger LOG = LoggerFactory.getLogger(SheetFetch.class);
    private static final String STARTED = "sheetFetchStarted";

    private final SheetSourceChoice source;
    private final Clock clock;

    public SheetFetch(SheetSourceChoice source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** An attempt begins: a run is in its fetch stage, and the attempt's time starts. */
    public void attemptStarted(@ExchangeProperty(RunExchange.RUN) SyncRun run, Exchange exchange) {
        RunExchange.control(exchange).fetchRefused(null);
        if (run != null) {
            run.progress().enter(SyncStage.FETCH);
        }
        exchange.setProperty(STARTED, clock.instant());
    }

    /** The sheet was read. */
    public void fetched(@ExchangeProperty(RunExchange.RUN) SyncRun run, @Body FetchedSheet data) {
        LOG.info("{} fetched {} rows from {}", run == null ? "plan" : "syncId=" + run.id(), data.rowCount(),
                source.describe());
    }

    /**
     * The attempt failed: fails it again with the same error, after keeping a refused read for
     * {@link #throwIfRefused}.
     */
    public void failed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error, Exchange exchange)
            throws Exception {
        if (error instanceof SheetRefusedException refused) {
            RunExchange.control(exchange).fetchRefused(refused);
        }
        throw error;
    }

    /**
     * The attempt ended, either way. A failed fetch counts in a run's fetch time too: a source that times out is what
     * the time should show.
     */
    public void attemptEnded(@ExchangeProperty(RunExchange.RUN) SyncRun run,
                             @ExchangeProperty(STARTED) Instant started) {
        if (run != null) {
            run.addStageTime(SyncStage.FETCH, Duration.between(started, clock.instant()));
        }
    }

    /**
     * After the circuit breaker: it ignores a refused read (a 404 never opens it) and, in doing so, swallows the
     * failure. This fails the fetch with it again, so the run (or plan) fails with its reason.
     */
    public void throwIfRefused(Exchange exchange) {
        RunExchange.control(exchange).takeFetchRefusal().ifPresent(refusal -> {
            throw refusal;
        });
    }
}
