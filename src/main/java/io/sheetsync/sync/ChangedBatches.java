package io.sheetsync.sync;

import io.sheetsync.audit.RecordLog;
import io.sheetsync.audit.RunLogWriter;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.seller.Seller;
import io.sheetsync.seller.SheetComparison;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The batches a run writes: only the sellers the database does not already hold as the sheet has them (the keys of
 * the {@link io.sheetsync.seller.SheetDifference} a plan shows field by field). The rest are
 * counted unchanged at once (and logged as {@code skip} when SYNC_AUDIT_LOG_UNCHANGED asks), so a run that changes
 * nothing writes nothing and a run that changes 1 % merges that 1 %. Its time counts in the update stage.
 */
final class ChangedBatches {

    private static final Logger LOG = LoggerFactory.getLogger(ChangedBatches.class);

    private final SheetComparison comparison;
    private final DataSource dataSource;
    private final RunLogWriter audit;
    private final Clock clock;

    ChangedBatches(SheetComparison comparison, DataSource dataSource, RunLogWriter audit, Clock clock) {
        this.comparison = comparison;
        this.dataSource = dataSource;
        this.audit = audit;
        this.clock = clock;
    }

    List<List<Seller>> of(SyncRun run, List<Seller> sellers, SyncConfig settings) throws SQLException {
        Instant started = clock.instant();
        List<Seller> changed = sellers;
        Set<String> toWrite = toWrite(run, sellers);
        if (toWrite != null) {
            changed = new ArrayList<>(toWrite.size());
            List<String> unchanged = new ArrayList<>(sellers.size() - toWrite.size());
            for (Seller seller : sellers) {
                if (toWrite.contains(seller.sellerNumber())) {
                    changed.add(seller);
                } else {
                    unchanged.add(seller.sellerNumber());
                }
            }
            countUnchanged(run, unchanged, settings, started);
        }
        run.addStageTime(SyncStage.UPDATE, Duration.between(started, clock.instant()));
        LOG.info("syncId={} {} of {} sellers differ from the database and go to the batches", run.id(), changed.size(),
                sellers.size());
        return SheetParse.batches(changed, settings.batchSize());
    }

    /**
     * The keys to write, or null when the comparison failed: then every seller goes to the batches, whose writes have
     * the declared database recovery (the comparison only spares them work, it decides nothing).
     */
    private Set<String> toWrite(SyncRun run, List<Seller> sellers) {
        try (Connection connection = dataSource.getConnection();
             RunControl.InFlight tracked = run.control().track(connection)) {
            connection.setAutoCommit(false);
            try {
                Set<String> keys = comparison.compare(connection, sellers).toWrite();
                connection.commit();
                return keys;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("syncId={} comparing the sheet with the database in bulk failed ({}); every seller goes to the "
                    + "batches", run.id(), e.getMessage());
            return null;
        }
    }

    private void countUnchanged(SyncRun run, List<String> unchanged, SyncConfig settings, Instant now)
            throws SQLException {
        if (unchanged.isEmpty()) {
            return;
        }
        if (settings.auditLogUnchanged()) {
            audit.insertRecordLogs(run.id(), unchanged.stream()
                    .map(key -> new RecordLog(key, RecordLog.Operation.SKIP, true, null, now)).toList());
        }
        run.addUnchanged(unchanged.size());
        run.progress().succeeded(unchanged.size());
    }
}
