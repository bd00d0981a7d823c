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
import io.sheetsync.recovery.RunControl;
import io.sheetsync.recovery.RunStoppedException;
import io.sheetsync.recovery.StopRequest;
import io.sheetsync.seller.BatchOutcome;
import io.sheetsync.seller.ParsedSheet;
import io.sheetsync.seller.RowRejection;
import io.sheetsync.seller.Seller;
import io.sheetsync.seller.SellerParser;
import io.sheetsync.seller.SellerRepository;
import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.sheet.SheetData;
import io.sheetsync.sheet.SheetSource;
import io.sheetsync.verify.SyncVerifier;
import io.sheetsync.verify.Verification;
import io.sheetsync.audit.AuditLog;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
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
import java.util.Optional;

/**
 * The steps of the sync route, in the order {@code routes/sync.camel.yaml} calls them: fetch, parse, upsert each
 * batch, verify, then complete or fail. Each step reads the run from the exchange property {@code syncRun}.
 */
public final class SyncSteps {

    /** The exchange property holding the {@link SyncRun}. */
    public static final String RUN = "syncRun";
    /** The exchange property holding the {@link ParsedSheet}, for verification and resync. */
    public static final String PARSED = "parsedSheet";
    /** The exchange property holding the run's {@link Verification}. */
    public static final String VERIFICATION = "verification";

    private static final Logger LOG = LoggerFactory.getLogger(SyncSteps.class);

    private final SheetSource source;
    private final SellerRepository sellers;
    private final AuditRepository audit;
    private final SyncVerifier verifier;
    private final ErrorClassifier classifier;
    private final ObjectMapper json;
    private final DataSource dataSource;
    private final ConfigProvider config;
    private final Clock clock;

    public SyncSteps(SheetSource source, SellerRepository sellers, AuditRepository audit, SyncVerifier verifier,
                     ErrorClassifier classifier, ObjectMapper json, DataSource dataSource, ConfigProvider config,
                     Clock clock) {
        this.source = source;
        this.sellers = sellers;
        this.audit = audit;
        this.verifier = verifier;
        this.classifier = classifier;
        this.json = json;
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
        if (data.header().stream().allMatch(String::isBlank)) {
            throw new SourceShrunkException("the sheet came back without its header row (" + data.rows().size()
                    + " rows below it): check the sheet and SYNC_SHEETS_RANGE");
        }
        SyncConfig settings = config.current();
        HeaderMapping mapping = settings.mappingFile() == null
                ? HeaderMapping.builtIn() : HeaderMapping.fromYaml(settings.mappingFile());
        ParsedSheet parsed = new SellerParser(mapping, settings.timeZone()).parse(data);

        recordRejections(run, parsed.rejections());
        run.rowsRead(data.rows().size() - parsed.blankRows(), parsed.validRowCount());
        run.progress().total(parsed.sellers().size() + parsed.rejections().size());
        run.progress().failed(parsed.rejections().size());
        run.addStageTime(SyncStage.COMPARE, Duration.between(started, clock.instant()));
        exchange.setProperty(PARSED, parsed);
        LOG.info("syncId={} parsed {} sellers, {} rows set aside, {} blank rows ignored", run.id(),
                parsed.sellers().size(), parsed.rejections().size(), parsed.blankRows());

        guardAgainstShrinking(parsed, settings);

        run.progress().phase(SyncPhase.SYNCING);
        return batches(parsed.sellers(), settings.batchSize());
    }

    /**
     * The shrink guard: a sheet with no valid rows, or with fewer valid rows than the last completed run allows, is
     * refused before anything is written.
     */
    private void guardAgainstShrinking(ParsedSheet parsed, SyncConfig settings) throws SQLException {
        if (parsed.validRowCount() == 0) {
            throw new SourceShrunkException("the sheet has no valid rows (" + parsed.rejections().size()
                    + " invalid, " + parsed.blankRows() + " blank): refusing to call an empty sheet a success");
        }
        Optional<AuditLog> last = audit.lastCompleted();
        if (last.isEmpty() || last.get().counts().validRows() == 0) {
            return;
        }
        int before = last.get().counts().validRows();
        long minimum = (long) Math.ceil(before * (100 - settings.maxShrinkPercent()) / 100.0);
        if (parsed.validRowCount() < minimum) {
            throw new SourceShrunkException("the sheet has " + parsed.validRowCount() + " valid rows, the last"
                    + " completed run had " + before + " (more than " + settings.maxShrinkPercent() + "% fewer):"
                    + " check the sheet; raise SYNC_MAX_SHRINK_PERCENT if the shrink is real");
        }
    }

    private static List<List<Seller>> batches(List<Seller> sellers, int size) {
        List<List<Seller>> batches = new ArrayList<>();
        for (int from = 0; from < sellers.size(); from += size) {
            batches.add(sellers.subList(from, Math.min(from + size, sellers.size())));
        }
        return batches;
    }

    /**
     * Upserts one batch and its record logs in one transaction: the audit says exactly what was committed. Returns
     * what the batch did, for the recovery step that follows it.
     */
    public BatchOutcome upsertBatch(@ExchangeProperty(RUN) SyncRun run, @Body List<Seller> batch) throws SQLException {
        return writeBatch(run, batch, true);
    }

    private BatchOutcome writeBatch(SyncRun run, List<Seller> batch, boolean countProgress) throws SQLException {
        Instant started = clock.instant();
        boolean logUnchanged = config.current().auditLogUnchanged();
        BatchOutcome outcome;
        try (Connection connection = dataSource.getConnection();
             RunControl.InFlight tracked = run.control().track(connection)) {
            connection.setAutoCommit(false);
            try {
                outcome = sellers.upsert(connection, batch, started);
                audit.insertRecordLogs(connection, run.id(), recordLogs(outcome, logUnchanged, started));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailed) {
                    // a dead connection cannot roll back (the server did); the cause is what failed first
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
        }
        List<ErrorLog> errors = new ArrayList<>();
        outcome.conflicts().forEach(key -> errors.add(new ErrorLog(key, conflictMessage(key), null, ErrorType.DATABASE,
                started)));
        outcome.notStored().forEach(key -> errors.add(new ErrorLog(key, notStoredMessage(key), null, ErrorType.DATABASE,
                started)));
        if (!errors.isEmpty()) {
            audit.insertErrorLogs(run.id(), errors);
            errors.forEach(error -> LOG.warn("syncId={} sellerNumber={} {}", run.id(), error.sellerNumber(),
                    error.message()));
        }
        run.addCreated(outcome.created().size());
        run.addUpdated(outcome.updated().size());
        if (countProgress) {
            run.addUnchanged(outcome.unchanged().size());
            run.progress().succeeded(outcome.size() - outcome.failed());
            run.progress().failed(outcome.failed());
            run.addStageTime(SyncStage.UPDATE, Duration.between(started, clock.instant()));
        }
        run.writesFailed(outcome.conflicts());
        run.writesFailed(outcome.notStored());
        run.defer(outcome.conflicts());
        run.defer(outcome.resolved().stream().filter(conflict -> conflict.winner() == BatchOutcome.Winner.DATABASE)
                .map(BatchOutcome.Conflict::sellerNumber).toList());
        run.writesHealed(outcome.created());
        run.writesHealed(outcome.updated());
        return outcome;
    }

    /**
     * Records a batch the database refused even after its retry as failed, seller by seller, so the run can go on
     * with the next batch (the recovery queue retries these sellers later).
     */
    public void setAside(SyncRun run, List<Seller> batch, Throwable error) throws SQLException {
        Instant now = clock.instant();
        String reason = "not written: the database refused this batch twice (" + classifier.safeMessage(error)
                + "); queued for a retry";
        List<RecordLog> records = batch.stream()
                .map(seller -> new RecordLog(seller.sellerNumber(), RecordLog.Operation.UPDATE, false, reason, now))
                .toList();
        List<ErrorLog> errors = batch.stream()
                .map(seller -> new ErrorLog(seller.sellerNumber(), reason, classifier.safeStackTrace(error),
                        classifier.classify(error), now))
                .toList();
        audit.insertRecordLogs(run.id(), records);
        audit.insertErrorLogs(run.id(), errors);
        run.defer(batch.stream().map(Seller::sellerNumber).toList());
        run.addFailed(batch.size());
        run.progress().failed(batch.size());
    }

    /** Checks the database against the sheet after the writes; the result goes to the {@code verification} property. */
    public Verification verify(@ExchangeProperty(RUN) SyncRun run, @ExchangeProperty(PARSED) ParsedSheet parsed,
                               Exchange exchange) throws SQLException {
        Instant started = clock.instant();
        run.progress().phase(SyncPhase.VERIFYING);
        Verification verification = verifier.verify(parsed, run.deferred());
        exchange.setProperty(VERIFICATION, verification);
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

    /** True when the verification found keys to write again (not left to the retry queue) and resync is on. */
    public boolean shouldResync(@ExchangeProperty(RUN) SyncRun run, @ExchangeProperty(PARSED) ParsedSheet parsed,
                                @ExchangeProperty(VERIFICATION) Verification verification) {
        return config.current().alerts().autoResync()
                && !SyncVerifier.toResync(parsed, verification, run.deferred()).isEmpty();
    }

    /** True when the verification found gaps, healed or not: they are recorded in {@code sync_gaps}. */
    public boolean hasGaps(@ExchangeProperty(VERIFICATION) Verification verification) {
        return !verification.gapsDetected().isEmpty();
    }

    /** Writes exactly the missing and drifted sellers once more, then checks those keys again. */
    public Verification resync(@ExchangeProperty(RUN) SyncRun run, @ExchangeProperty(PARSED) ParsedSheet parsed,
                               @ExchangeProperty(VERIFICATION) Verification verification, Exchange exchange)
            throws SQLException {
        Instant started = clock.instant();
        List<Seller> again = SyncVerifier.toResync(parsed, verification, run.deferred());
        LOG.warn("syncId={} re-syncing {} seller(s) automatically: {}", run.id(), again.size(),
                again.stream().map(Seller::sellerNumber).toList());
        for (List<Seller> batch : batches(again, config.current().batchSize())) {
            writeBatch(run, batch, false);
        }
        Verification after = verifier.recheck(verification, again);
        exchange.setProperty(VERIFICATION, after);
        run.addStageTime(SyncStage.VERIFY, Duration.between(started, clock.instant()));
        if (after.autoResyncSuccess()) {
            LOG.info("syncId={} automatic resync healed every gap", run.id());
        } else {
            LOG.error("syncId={} still missing after the automatic resync: {}; drifted: {}", run.id(),
                    after.remainingGaps(), after.drift());
        }
        return after;
    }

    /** Ends the run: completed unless sellers are still missing or drifted after the resync. Returns the summary. */
    public RunSummary complete(@ExchangeProperty(RUN) SyncRun run,
                               @ExchangeProperty(VERIFICATION) Verification verification) throws SQLException {
        if (verification.needsResync()) {
            List<String> unhealed = new ArrayList<>(verification.remainingGaps());
            verification.drift().stream().filter(key -> !unhealed.contains(key)).forEach(unhealed::add);
            return end(run, RunStatus.FAILED, unhealed.size() + " seller(s) in the sheet are not right in the database"
                    + " after the sync and its automatic resync: "
                    + String.join(", ", unhealed.subList(0, Math.min(unhealed.size(), 20))), verification);
        }
        return end(run, RunStatus.COMPLETED, null, verification);
    }

    /**
     * Ends the run as failed because of an error: logs it with its category, never losing the reason. A run that was
     * asked to stop (cancel, time limit, shutdown) ends with that reason instead. With the database unreachable the
     * run still ends here; its outcome is written when the database is back (see RunGuard).
     */
    public RunSummary fail(@ExchangeProperty(RUN) SyncRun run,
                           @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error) throws SQLException {
        Optional<StopRequest> stop = run.control().stopRequest();
        if (error instanceof RunStoppedException || stop.isPresent()) {
            String reason = error instanceof RunStoppedException stopped ? stopped.getMessage()
                    : stop.get().message(config.current().runTimeoutMinutes());
            if (error instanceof RunStoppedException) {
                LOG.warn("syncId={} sync stopped: {}", run.id(), reason);
            } else {
                LOG.warn("syncId={} sync stopped: {} (the step in progress ended with: {})", run.id(), reason,
                        classifier.safeMessage(error));
            }
            return end(run, RunStatus.FAILED, reason, null);
        }
        ErrorLog log = ErrorLog.of(null, run.control().failureExplanation().orElse(error), classifier,
                clock.instant());
        LOG.error("syncId={} sync failed ({} error): {}", run.id(), log.type().code(), log.message());
        try {
            audit.insertErrorLogs(run.id(), List.of(log));
        } catch (SQLException e) {
            LOG.error("syncId={} the error log could not be written (database unreachable?): {}", run.id(),
                    classifier.safeMessage(e));
        }
        return end(run, RunStatus.FAILED, log.message(), null);
    }

    private RunSummary end(SyncRun run, RunStatus status, String error, Verification verification)
            throws SQLException {
        Instant end = clock.instant();
        run.end(status, end, error);
        RunCounts counts = run.counts();
        try {
            audit.complete(run.id(), status, end, counts, error,
                    verification == null ? null : toJson(verification));
            run.control().recorded();
        } catch (SQLException e) {
            if (status == RunStatus.COMPLETED) {
                throw e; // the run is not done until its completion is recorded: it fails instead
            }
            LOG.error("syncId={} the end of the run could not be written (database unreachable?): {}; it is written"
                    + " when the database answers again", run.id(), classifier.safeMessage(e));
        }
        RunSummary summary = summary(run, verification == null ? List.of() : verification.remainingGaps());
        if (status == RunStatus.COMPLETED) {
            LOG.info("syncId={} sync completed: {} created, {} updated, {} unchanged, {} failed", run.id(),
                    counts.created(), counts.updated(), counts.unchanged(), counts.failed());
        } else {
            LOG.error("syncId={} sync failed: {}", run.id(), error);
        }
        return summary;
    }

    private String toJson(Verification verification) {
        try {
            return json.writeValueAsString(verification);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a verification always serialises", e);
        }
    }

    /** The summary of a run as it stands. */
    public static RunSummary summary(SyncRun run, List<String> missing) {
        Map<SyncStage, Duration> stages = run.stageDurations();
        Map<String, Long> durations = new LinkedHashMap<>();
        for (SyncStage stage : SyncStage.values()) {
            durations.put(stage.code(), millis(stages.get(stage)));
        }
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
        outcome.notStored().forEach(key ->
                logs.add(new RecordLog(key, RecordLog.Operation.CREATE, false, notStoredMessage(key), now)));
        if (logUnchanged) {
            outcome.unchanged().forEach(key -> logs.add(new RecordLog(key, RecordLog.Operation.SKIP, true, null, now)));
        }
        return logs;
    }

    private static String conflictMessage(String key) {
        return "not written: the stored row of " + key + " changed while this sync ran (version conflict); "
                + "the next run will write it";
    }

    private static String notStoredMessage(String key) {
        return "not stored: the database reported no error but holds no row for " + key
                + "; verification will look for it and re-sync it";
    }

    private static Long millis(Duration duration) {
        return duration == null ? 0L : duration.toMillis();
    }
}
