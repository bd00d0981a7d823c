package io.sheetsync.sync;

import io.sheetsync.audit.RecordLog;
import io.sheetsync.audit.RunLogWriter;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.seller.SheetComparison;
import io.sheetsync.seller.SheetStage;
import io.sheetsync.seller.StagedSheet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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
    private final SheetStage stage;
    private final DataSource dataSource;
    private final RunLogWriter audit;
    private final Clock clock;

    ChangedBatches(SheetComparison comparison, SheetStage stage, DataSource dataSource, RunLogWriter audit,
                   Clock clock) {
        this.comparison = comparison;
        this.stage = stage;
        this.dataSource = dataSource;
        this.audit = audit;
        this.clock = clock;
    }

    List<List<String>> of(SyncRun run, StagedSheet sheet, SyncConfig settings) throws SQLException {
        Instant started = clock.instant();
        List<String> changed = toWrite(run, sheet);
        if (changed.size() < sheet.sellerCount()) {
            countUnchanged(run, sheet, new HashSet<>(changed), settings, started);
        }
        run.addStageTime(SyncStage.UPDATE, Duration.between(started, clock.instant()));
        LOG.info("syncId={} {} of {} sellers differ from the database and go to the batches", run.id(), changed.size(),
                sheet.sellerCount());
        return batches(changed, settings.batchSize());
    }

    /** The seller numbers cut into consecutive batches of at most {@code size}. */
    static List<List<String>> batches(List<String> keys, int size) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += size) {
            batches.add(List.copyOf(keys.subList(from, Math.min(from + size, keys.size()))));
        }
        return batches;
    }

    /**
     * The keys to write, in sheet order (the comparison's). When the comparison fails every staged seller goes to the
     * batches, whose writes have the declared database recovery (the comparison only spares them work, it decides
     * nothing).
     */
    private List<String> toWrite(SyncRun run, StagedSheet sheet) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             RunControl.InFlight tracked = run.control().track(connection)) {
            try {
                return List.copyOf(comparison.compare(connection, sheet.stageId()).toWrite());
            } catch (SQLException | RuntimeException e) {
                LOG.warn("syncId={} comparing the sheet with the database in bulk failed ({}); every seller goes to"
                        + " the batches", run.id(), e.getMessage());
                return stage.keys(connection, sheet.stageId(), key -> true);
            }
        }
    }

    private void countUnchanged(SyncRun run, StagedSheet sheet, Set<String> changed, SyncConfig settings,
                                Instant now) throws SQLException {
        int unchanged = sheet.sellerCount() - changed.size();
        if (settings.auditLogUnchanged()) {
            List<String> keys;
            try (Connection connection = dataSource.getConnection()) {
                keys = stage.keys(connection, sheet.stageId(), key -> !changed.contains(key));
            }
            audit.insertRecordLogs(run.id(), keys.stream()
                    .map(key -> new RecordLog(key, RecordLog.Operation.SKIP, true, null, now)).toList());
        }
        run.addUnchanged(unchanged);
        run.progress().succeeded(unchanged);
    }
}
