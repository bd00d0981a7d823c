package io.sheetsync.sync;

import io.sheetsync.audit.AuditRepository;
import io.sheetsync.audit.ErrorLog;
import io.sheetsync.audit.RecordLog;
import io.sheetsync.audit.RunCounts;
import io.sheetsync.audit.RunStatus;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.recovery.ErrorType;
import io.sheetsync.seller.BatchOutcome;
import io.sheetsync.seller.ParsedSheet;
import io.sheetsync.seller.RowRejection;
import io.sheetsync.seller.Seller;
import io.sheetsync.seller.SellerParser;
import io.sheetsync.seller.SellerRepository;
import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.sheet.SheetData;
import io.sheetsync.sheet.SheetSource;
import io.sheetsync.verify.GapDetector;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of the sync route, in the order {@code routes/sync.camel.yaml} calls them: fetch, parse, upsert each
 * batch, verify, then complete or fail. Each step reads the run from the exchange property {@code syncRun}.
 */
public final class SyncSteps {

    /** The exchange property holding the {@link SyncRun}. */
    public static final String RUN = "syncRun";
    /** The exchange property holding the seller numbers the parsed sheet holds, for verification. */
    public static final String SHEET_KEYS = "sheetKeys";

    private static final Logger LOG = LoggerFactory.getLogger(SyncSteps.class);

    private final SheetSource source;
    private final SellerRepository sellers;
    private final AuditRepository audit;
    private final GapDetector gaps;
    private final ErrorClassifier classifier;
    private final DataSource dataSource;
    private final ConfigProvider config;
    private final Clock clock;

    public SyncSteps(SheetSource source, SellerRepository sellers, AuditRepository audit, GapDetector gaps,
                     ErrorClassifier classifier, DataSource dataSource, ConfigProvider config, Clock clock) {
        this.source = source;
        this.sellers = sellers;
        this.audit = audit;
        this.gaps = gaps;
        this.classifier = classifier;
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    /** Reads the whole sheet. */
    public SheetData fetch(@ExchangeProperty(RUN) SyncRun run) {
        Instant started = clock.instant();
        run.progress().phase(SyncPhase.DETECTING);
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

    /**
     * Parses and validates the sheet, audits every row set aside, and cuts the sellers into batches for the split.
     */
    public List<List<Seller>> parse(@ExchangeProperty(RUN) SyncRun run, @Body SheetData data, Exchange exchange)
            throws SQLException {
        Instant started = clock.instant();
        SyncConfig settings = config.current();
        HeaderMapping mapping = settings.mappingFile() == null
                ? HeaderMapping.builtIn() : HeaderMapping.fromYaml(settings.mappingFile());
        ParsedSheet parsed = new SellerParser(mapping, settings.timeZone()).parse(data);

        recordRejections(run, parsed.rejections());
        run.rowsRead(data.rows().size() - parsed.blankRows(), parsed.validRowCount());
        run.progress().total(parsed.sellers().size() + parsed.rejections().size());
        run.progress().failed(parsed.rejections().size());
        run.addStageTime(SyncStage.COMPARE, Duration.between(started, clock.instant()));
        exchange.setProperty(SHEET_KEYS, parsed.sellers().stream().map(Seller::sellerNumber).toList());
        LOG.info("syncId={} parsed {} sellers, {} rows set aside, {} blank rows ignored", run.id(),
                parsed.sellers().size(), parsed.rejections().size(), parsed.blankRows());

        run.progress().phase(SyncPhase.SYNCING);
        int size = settings.batchSize();
        List<List<Seller>> batches = new ArrayList<>();
        for (int from = 0; from < parsed.sellers().size(); from += size) {
            batches.add(parsed.sellers().subList(from, Math.min(from + size, parsed.sellers().size())));
        }
        return batches;
    }

    /** Upserts one batch and its record logs in one transaction: the audit says exactly what was committed. */
    public void upsertBatch(@ExchangeProperty(RUN) SyncRun run, @Body List<Seller> batch) throws SQLException {
        Instant started = clock.instant();
        boolean logUnchanged = config.current().auditLogUnchanged();
        BatchOutcome outcome;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                outcome = sellers.upsert(connection, batch, started);
                audit.insertRecordLogs(connection, run.id(), recordLogs(outcome, logUnchanged, started));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        if (!outcome.conflicts().isEmpty()) {
            List<ErrorLog> errors = outcome.conflicts().stream()
                    .map(key -> new ErrorLog(key, conflictMessage(key), null, ErrorType.DATABASE, started))
                    .toList();
            audit.insertErrorLogs(run.id(), errors);
            outcome.conflicts().forEach(key -> LOG.warn("syncId={} sellerNumber={} {}", run.id(), key, conflictMessage(key)));
        }
        run.addCreated(outcome.created().size());
        run.addUpdated(outcome.updated().size());
        run.addUnchanged(outcome.unchanged().size());
        run.addFailed(outcome.conflicts().size());
        run.progress().succeeded(outcome.size() - outcome.conflicts().size());
        run.progress().failed(outcome.conflicts().size());
        run.addStageTime(SyncStage.UPDATE, Duration.between(started, clock.instant()));
    }

    /** Looks for sheet keys missing from the database after the writes; returns them (empty when none). */
    public List<String> verify(@ExchangeProperty(RUN) SyncRun run, @ExchangeProperty(SHEET_KEYS) List<String> keys)
            throws SQLException {
        Instant started = clock.instant();
        run.progress().phase(SyncPhase.VERIFYING);
        List<String> missing = gaps.missing(keys == null ? List.of() : keys);
        run.addStageTime(SyncStage.VERIFY, Duration.between(started, clock.instant()));
        if (!missing.isEmpty()) {
            LOG.error("syncId={} {} seller(s) in the sheet are missing from the database: {}", run.id(), missing.size(),
                    missing);
        }
        return missing;
    }

    /** Ends the run: completed unless gaps remain. Returns the summary. */
    public RunSummary complete(@ExchangeProperty(RUN) SyncRun run, @Body List<String> missing) throws SQLException {
        if (missing != null && !missing.isEmpty()) {
            return end(run, RunStatus.FAILED, missing.size() + " seller(s) missing from the database after the sync: "
                    + String.join(", ", missing.subList(0, Math.min(missing.size(), 20))), missing);
        }
        return end(run, RunStatus.COMPLETED, null, List.of());
    }

    /** Ends the run as failed because of an error: logs it with its category, never losing the reason. */
    public RunSummary fail(@ExchangeProperty(RUN) SyncRun run,
                           @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error) throws SQLException {
        ErrorLog log = ErrorLog.of(null, error, classifier, clock.instant());
        LOG.error("syncId={} sync failed ({} error): {}", run.id(), log.type().code(), log.message());
        audit.insertErrorLogs(run.id(), List.of(log));
        return end(run, RunStatus.FAILED, log.message(), List.of());
    }

    private RunSummary end(SyncRun run, RunStatus status, String error, List<String> missing) throws SQLException {
        Instant end = clock.instant();
        run.end(status, end, error);
        RunCounts counts = run.counts();
        audit.complete(run.id(), status, end, counts, error, null);
        RunSummary summary = summary(run, missing);
        if (status == RunStatus.COMPLETED) {
            LOG.info("syncId={} sync completed: {} created, {} updated, {} unchanged, {} failed", run.id(),
                    counts.created(), counts.updated(), counts.unchanged(), counts.failed());
        } else {
            LOG.error("syncId={} sync failed: {}", run.id(), error);
        }
        return summary;
    }

    /** The summary of a run as it stands. */
    public static RunSummary summary(SyncRun run, List<String> missing) {
        Map<SyncPhase, Duration> phases = run.phaseDurations();
        Map<String, Long> durations = new LinkedHashMap<>();
        durations.put("fetchAndCompare", millis(phases.get(SyncPhase.DETECTING)));
        durations.put("update", millis(phases.get(SyncPhase.SYNCING)));
        durations.put("verify", millis(phases.get(SyncPhase.VERIFYING)));
        Instant end = run.endTime();
        durations.put("total", end == null ? null : Duration.between(run.startTime(), end).toMillis());
        return new RunSummary(run.id().toString(), run.status().code(), run.trigger().code(),
                run.startTime().toString(), end == null ? null : end.toString(), run.counts(), missing, durations,
                run.errorMessage());
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

    private static List<RecordLog> recordLogs(BatchOutcome outcome, boolean logUnchanged, Instant now) {
        List<RecordLog> logs = new ArrayList<>(outcome.size());
        outcome.created().forEach(key -> logs.add(new RecordLog(key, RecordLog.Operation.CREATE, true, null, now)));
        outcome.updated().forEach(key -> logs.add(new RecordLog(key, RecordLog.Operation.UPDATE, true, null, now)));
        outcome.conflicts().forEach(key ->
                logs.add(new RecordLog(key, RecordLog.Operation.UPDATE, false, conflictMessage(key), now)));
        if (logUnchanged) {
            outcome.unchanged().forEach(key -> logs.add(new RecordLog(key, RecordLog.Operation.SKIP, true, null, now)));
        }
        return logs;
    }

    private static String conflictMessage(String key) {
        return "not written: the stored row of " + key + " changed while this sync ran (version conflict); "
                + "the next run will write it";
    }

    private static Long millis(Duration duration) {
        return duration == null ? 0L : duration.toMillis();
    }
}
