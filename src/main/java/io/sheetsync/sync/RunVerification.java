package io.sheetsync.sync;

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

/** The verify step of the sync route: checks the database against the sheet after the writes and logs what differs. */
public final class RunVerification {

    private static final Logger LOG = LoggerFactory.getLogger(RunVerification.class);

    private final SyncVerifier verifier;
    private final Clock clock;

    public RunVerification(SyncVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    /** Checks the database against the sheet after the writes; the result goes to the {@code verification} property. */
    public Verification verify(@ExchangeProperty(RunExchange.RUN) SyncRun run,
                               @ExchangeProperty(RunExchange.PARSED) StagedSheet parsed, Exchange exchange)
            throws SQLException {
        Instant started = clock.instant();
        run.progress().enter(SyncStage.VERIFY);
        Verification verification = verifier.verify(parsed, run.deferred());
        exchange.setProperty(RunExchange.VERIFICATION, verification);
        run.addStageTime(SyncStage.VERIFY, Duration.between(started, clock.instant()));
        if (!verification.gapsDetected().isEmpty()) {
            LOG.error("syncId={} gap: {} seller(s) in the sheet are missing from the database at {}: {}", run.id(),
                    verification.gapsDetected().size(), verification.timestamp(), verification.gapsDetected());
        }
        if (!verification.drift().isEmpty()) {
            LOG.error("syncId={} drift: {} seller(s) differ from the sheet after the writes: {}", run.id(),
                    verification.drift().size(), verification.drift());
        }
        if (!verification.orphans().isEmpty()) {
            LOG.warn("syncId={} {} stored seller(s) are not in the sheet (kept, not deleted): {}", run.id(),
                    verification.orphans().size(), verification.orphans());
        }
        return verification;
    }

    /** True when the verification found gaps, healed or not: they are recorded in {@code sync_gaps}. */
    public boolean hasGaps(@ExchangeProperty(RunExchange.VERIFICATION) Verification verification) {
        return !verification.gapsDetected().isEmpty();
    }
}
