package io.sheetsync.sync;

import io.sheetsync.audit.ErrorLog;
import io.sheetsync.audit.ErrorType;
import io.sheetsync.audit.RecordLog;
import io.sheetsync.audit.RunLogWriter;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.seller.BatchOutcome;
import io.sheetsync.seller.SellerRepository;
import io.sheetsync.seller.StagedSheet;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The write step of the sync route: upserts one batch and its record logs in one transaction, so the audit says
 * exactly what was committed; and sets aside a batch the database refused even after its retry.
 */
public final class BatchUpsert {

    private static final Logger LOG = LoggerFactory.getLogger(BatchUpsert.class);

    private final SellerRepository sellers;
    private final RunLogWriter audit;
    private final ErrorClassifier classifier;
    private final DataSource dataSource;
    private final ConfigProvider config;
    private final Clock clock;

    public BatchUpsert(SellerRepository sellers, RunLogWriter audit, ErrorClassifier classifier, DataSource dataSource,
                       ConfigProvider config, Clock clock) {
        this.sellers = sellers;
        this.audit = audit;
        this.classifier = classifier;
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Upserts one batch of the split. Returns what the batch did, for the recovery step that follows it. A failure a
     * retry may fix is thrown typed (see {@link ErrorClassifier#typed}), for the route's declared recovery.
     */
    public BatchOutcome upsertBatch(@ExchangeProperty(RunExchange.RUN) SyncRun run,
                                    @ExchangeProperty(RunExchange.PARSED) StagedSheet sheet, @Body List<String> batch)
            throws SQLException {
        try {
            return write(run, sheet, batch, true);
        } catch (SQLException e) {
            throw classifier.typed(e);
        }
    }

    /**
     * Upserts a batch (staged seller numbers) and its record logs in one transaction. {@code countProgress} is false
     * for the resync, whose sellers were already counted once.
     */
    BatchOutcome write(SyncRun run, StagedSheet sheet, List<String> batch, boolean countProgress)
            throws SQLException {
        Instant started = clock.instant();
        if (countProgress) {
            run.spanStarted(SyncStage.UPDATE, started);
        }
        try {
            return written(run, sheet, batch, countProgress, started);
        } finally {
            if (countProgress) {
                run.spanEnded(SyncStage.UPDATE, clock.instant());
            }
        }
    }

    private BatchOutcome written(SyncRun run, StagedSheet sheet, List<String> batch, boolean countProgress,
                                 Instant started) throws SQLException {
        boolean logUnchanged = config.current().auditLogUnchanged();
        BatchOutcome outcome;
        List<ErrorLog> errors;
        // Everything the batch writes commits together: a connection lost after the commit would have the batch
        // written again, and a write of its errors left for after the commit could be lost with that connection.
        try (Connection connection = dataSource.getConnection();
             RunControl.InFlight tracked = run.control().track(connection)) {
            connection.setAutoCommit(false);
            try {
                deferFlush(connection);
                outcome = sellers.upsert(connection, sheet.stageId(), batch, started);
                audit.insertRecordLogs(connection, run.id(), recordLogs(outcome, logUnchanged, started));
                errors = errorLogs(outcome, started);
                audit.insertErrorLogs(connection, run.id(), errors);
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
        errors.forEach(error -> LOG.warn("syncId={} sellerNumber={} {}", run.id(), error.sellerNumber(),
                error.message()));
        run.addCreated(outcome.created().size());
        run.addUpdated(outcome.updated().size());
        if (countProgress) {
            run.addUnchanged(outcome.unchanged().size());
            run.progress().succeeded(outcome.size() - outcome.failed());
            run.progress().failed(outcome.failed());
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

    /** The batch's writes the database refused or silently dropped, one error log each. */
    private static List<ErrorLog> errorLogs(BatchOutcome outcome, Instant at) {
        List<ErrorLog> errors = new ArrayList<>();
        outcome.conflicts().forEach(key -> errors.add(new ErrorLog(key, conflictMessage(key), null, ErrorType.DATABASE,
                at)));
        outcome.notStored().forEach(key -> errors.add(new ErrorLog(key, notStoredMessage(key), null, ErrorType.DATABASE,
                at)));
        return errors;
    }

    /**
     * Lets the batch commit without waiting for its WAL to reach the disk (PostgreSQL's statement log put that wait at
     * 5-7 ms per batch of 500 new rows on a machine with a slow disk; a flush can cost far less). Nothing is at risk: the run's end is written with a commit that
     * does wait, and it flushes every earlier commit with it; a server crash before that loses at most the last
     * batches together with their record logs, in a run that never ends as completed, and the next run's comparison
     * writes those sellers again.
     */
    private static void deferFlush(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL synchronous_commit = off");
        }
    }

    /**
     * Records a batch the database refused even after its retry as failed, seller by seller, so the run can go on
     * with the next batch (the recovery queue retries these sellers later).
     */
    public void setAside(SyncRun run, List<String> batch, Throwable error) throws SQLException {
        Instant now = clock.instant();
        String reason = "not written: the database refused this batch twice (" + classifier.safeMessage(error)
                + "); queued for a retry";
        List<RecordLog> records = batch.stream()
                .map(key -> new RecordLog(key, RecordLog.Operation.UPDATE, false, reason, now))
                .toList();
        List<ErrorLog> errors = batch.stream()
                .map(key -> new ErrorLog(key, reason, classifier.safeStackTrace(error),
                        classifier.classify(error), classifier.sqlState(error), now))
                .toList();
        audit.insertRecordLogs(run.id(), records);
        audit.insertErrorLogs(run.id(), errors);
        run.defer(batch);
        run.addFailed(batch.size());
        run.progress().failed(batch.size());
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
}
