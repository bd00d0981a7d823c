package io.sheetsync.sync;

import io.sheetsync.audit.ErrorLog;
import io.sheetsync.audit.ErrorType;
import io.sheetsync.audit.RecordLog;
import io.sheetsync.audit.RunLogWriter;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.seller.ParsedSheet;
import io.sheetsync.seller.RowRejection;
import io.sheetsync.seller.Seller;
import io.sheetsync.seller.SheetComparison;
import io.sheetsync.sheet.SheetData;
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
 * The parse step of the sync route: reads the sheet as a plan does ({@link SheetValidation}, the guards, the
 * comparison), then records what a run must: every row set aside, the columns accepted, the sheet's columns. The
 * first guard that fires fails the run. Cuts the sellers that differ from the database into the batches the route
 * splits.
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
                      DataSource dataSource, ConfigProvider config, Clock clock) {
        this.audit = audit;
        this.changedBatches = new ChangedBatches(comparison, dataSource, audit, clock);
        this.shrinkGuard = shrinkGuard;
        this.columnGuard = columnGuard;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Parses and validates the sheet, audits every row set aside, and cuts the sellers to write into batches for the
     * split.
     */
    public List<List<Seller>> parse(@ExchangeProperty(RunExchange.RUN) SyncRun run, @Body SheetData data,
                                    Exchange exchange) throws SQLException {
        Instant started = clock.instant();
        SyncConfig settings = config.current();
        ParsedSheet parsed = SheetValidation.parse(data, settings);

        recordRejections(run, parsed.rejections());
        run.rowsRead(data.rows().size() - parsed.blankRows(), parsed.validRowCount());
        run.progress().total(parsed.sellers().size() + parsed.rejections().size());
        run.progress().failed(parsed.rejections().size());
        run.addStageTime(SyncStage.COMPARE, Duration.between(started, clock.instant()));
        exchange.setProperty(RunExchange.PARSED, parsed);
        LOG.info("syncId={} parsed {} sellers, {} rows set aside, {} blank rows ignored", run.id(),
                parsed.sellers().size(), parsed.rejections().size(), parsed.blankRows());

        shrinkGuard.check(parsed, settings);
        columnGuard.recordAccepted(run, columnGuard.check(parsed));
        // what the next run's column guard compares with, once this run has completed
        audit.insertSheetColumns(run.id(), parsed.columns());

        run.progress().enter(SyncStage.UPDATE);
        return changedBatches.of(run, parsed.sellers(), settings);
    }

    /** The sellers cut into consecutive batches of at most {@code size}. */
    static List<List<Seller>> batches(List<Seller> sellers, int size) {
        List<List<Seller>> batches = new ArrayList<>();
        for (int from = 0; from < sellers.size(); from += size) {
            batches.add(sellers.subList(from, Math.min(from + size, sellers.size())));
        }
        return batches;
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
