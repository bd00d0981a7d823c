package io.sheetsync.sync;

import io.sheetsync.audit.ErrorLog;
import io.sheetsync.audit.ErrorType;
import io.sheetsync.audit.RecordLog;
import io.sheetsync.audit.RunLogWriter;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.seller.RowRejection;
import io.sheetsync.seller.SheetComparison;
import io.sheetsync.seller.SheetStage;
import io.sheetsync.seller.StagedSheet;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The parse step of the sync route. The rows were parsed and staged while the sheet was fetched ({@link SheetIntake});
 * this records what a run must: every row set aside, the columns accepted, the sheet's columns. The first guard that
 * fires fails the run. Cuts the staged sellers that differ from the database into the batches the route splits.
 */
public final class SheetParse {

    private static final Logger LOG = LoggerFactory.getLogger(SheetParse.class);

    private final RunLogWriter audit;
    private final ShrinkGuard shrinkGuard;
    private final ColumnGuard columnGuard;
    private final ConfigProvider config;
    private final ChangedBatches changedBatches;
    private final Clock clock;

    public SheetParse(RunLogWriter audit, ShrinkGuard shrinkGuard, ColumnGuard columnGuard, SheetComparison comparison,
                      SheetStage stage, DataSource dataSource, ConfigProvider config, Clock clock) {
        this.audit = audit;
        this.changedBatches = new ChangedBatches(comparison, stage, dataSource, audit, clock);
        this.shrinkGuard = shrinkGuard;
        this.columnGuard = columnGuard;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Takes the staged sheet, audits every row set aside, applies the guards, and cuts the sellers to write into
     * batches of seller numbers for the split.
     */
    public List<List<String>> parse(@ExchangeProperty(RunExchange.RUN) SyncRun run, @Body StagedRead read,
                                    Exchange exchange) throws SQLException {
        Instant started = clock.instant();
        // parsing and staging happened while the sheet was read: their time counts as the compare stage's
        run.addStageTime(SyncStage.FETCH, read.spent().negated());
        run.addStageTime(SyncStage.COMPARE, read.spent());
        StagedSheet sheet = read.sheet();
        SyncConfig settings = config.current();

        recordRejections(run, sheet.rejections());
        run.rowsRead(sheet.rowCount() - sheet.blankRows(), sheet.validRowCount());
        run.progress().total(sheet.sellerCount() + sheet.rejections().size());
        run.progress().failed(sheet.rejections().size());
        run.addStageTime(SyncStage.COMPARE, Duration.between(started, clock.instant()));
        exchange.setProperty(RunExchange.PARSED, sheet);
        LOG.info("syncId={} parsed {} sellers, {} rows set aside, {} blank rows ignored", run.id(),
                sheet.sellerCount(), sheet.rejections().size(), sheet.blankRows());

        shrinkGuard.check(sheet, settings);
        columnGuard.recordAccepted(run, columnGuard.check(sheet));
        // what the next run's column guard compares with, once this run has completed
        audit.insertSheetColumns(run.id(), sheet.columns());

        run.progress().enter(SyncStage.UPDATE);
        return changedBatches.of(run, sheet, settings);
    }

    private void recordRejections(SyncRun run, List<RowRejection> rejections) throws SQLException {
        if (rejections.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<RecordLog> records = new ArrayList<>(rejections.size());
        List<ErrorLog> errors = new ArrayList<>(rejections.size());
        for (RowRejection rejection : rejections) {
            String key = rejection.sellerNumber() == null || rejection.sellerNumber().isBlank()
                    ? "(row " + rejection.rowNumber() + ")" : rejection.sellerNumber();
            records.add(new RecordLog(key, RecordLog.Operation.SKIP, false, rejection.message(), now));
            errors.add(new ErrorLog(rejection.sellerNumber(), rejection.message(), null, ErrorType.VALIDATION, now));
            LOG.warn("syncId={} sellerNumber={} skipped {}", run.id(), key, rejection.message());
        }
        audit.insertRecordLogs(run.id(), records);
        audit.insertErrorLogs(run.id(), errors);
        run.addFailed(rejections.size());
    }
}
