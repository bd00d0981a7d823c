package io.sheetsync.sync;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.seller.StagedSheet;
import io.sheetsync.verify.SyncVerifier;
import io.sheetsync.verify.Verification;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The resync step of the sync route: writes the missing and drifted sellers once more and checks them again. */
public final class GapResync {

    private static final Logger LOG = LoggerFactory.getLogger(GapResync.class);

    private final BatchUpsert upsert;
    private final SyncVerifier verifier;
    private final ConfigProvider config;
    private final Clock clock;

    public GapResync(BatchUpsert upsert, SyncVerifier verifier, ConfigProvider config, Clock clock) {
        this.upsert = upsert;
        this.verifier = verifier;
        this.config = config;
        this.clock = clock;
    }

    /** True when the verification found keys to write again (not left to the retry queue) and resync is on. */
    public boolean shouldResync(@ExchangeProperty(RunExchange.RUN) SyncRun run,
                                @ExchangeProperty(RunExchange.VERIFICATION) Verification verification) {
        return config.current().alerts().autoResync()
                && !SyncVerifier.toResync(verification, run.deferred()).isEmpty();
    }

    /** Writes exactly the missing and drifted sellers once more, then checks those keys again. */
    public Verification resync(@ExchangeProperty(RunExchange.RUN) SyncRun run,
                               @ExchangeProperty(RunExchange.PARSED) StagedSheet parsed,
                               @ExchangeProperty(RunExchange.VERIFICATION) Verification verification,
                               Exchange exchange) throws SQLException {
        Instant started = clock.instant();
        List<String> again = SyncVerifier.toResync(verification, run.deferred());
        LOG.warn("syncId={} re-syncing {} seller(s) automatically: {}", run.id(), again.size(), again);
        for (List<String> batch : ChangedBatches.batches(again, config.current().batchSize())) {
            upsert.write(run, parsed, batch, false);
        }
        Verification after = verifier.recheck(verification, parsed, again);
        exchange.setProperty(RunExchange.VERIFICATION, after);
        run.addStageTime(SyncStage.VERIFY, Duration.between(started, clock.instant()));
        if (after.autoResyncSuccess()) {
            LOG.info("syncId={} automatic resync healed every gap", run.id());
        } else {
            LOG.error("syncId={} still missing after the automatic resync: {}; drifted: {}", run.id(),
                    after.remainingGaps(), after.drift());
        }
        return after;
    }
}
