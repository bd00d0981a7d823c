package io.sheetsync.housekeeping;

import io.sheetsync.audit.AuditLog;
import io.sheetsync.audit.ExpiredRuns;
import io.sheetsync.audit.RunHistory;
import io.sheetsync.recovery.RecoveryRepository;
import io.sheetsync.verify.GapRecords;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Removes the runs that started before the retention cutoff, with their record logs, error logs, gaps and recovery
 * actions, a batch of runs per transaction so no table stays locked for long, until none is left. When archiving, a
 * batch is written to the {@link RunArchive} inside its transaction, before its rows are deleted: a crash leaves the
 * batch archived and still in the database (the next run finishes it), never deleted without its archive.
 *
 * <p>Never removed: a run in progress, a run whose metrics are not rolled up yet, and the last completed run (the
 * shrink guard and the column check compare each new sheet with it, however old it is).
 */
final class RunRetention {

    private final DataSource dataSource;
    private final ExpiredRuns runs;
    private final GapRecords gaps;
    private final RecoveryRepository recovery;
    private final RunHistory history;
    private final int runsPerBatch;

    RunRetention(DataSource dataSource, ExpiredRuns runs, GapRecords gaps, RecoveryRepository recovery,
                 RunHistory history, int runsPerBatch) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.gaps = gaps;
        this.recovery = recovery;
        this.history = history;
        this.runsPerBatch = runsPerBatch;
    }

    /** Removes every run past the cutoff; archives each first when {@code archiveDir} is not null. */
    RemovedRuns remove(Instant cutoff, Path archiveDir) throws SQLException, IOException {
        UUID keep = history.lastCompleted().map(AuditLog::id).orElse(null);
        RunArchive archive = archiveDir == null ? null : new RunArchive(archiveDir);
        RemovedRuns removed = RemovedRuns.NONE;
        while (true) {
            RemovedRuns batch = removeBatch(cutoff, keep, archive);
            if (batch.runs() == 0) {
                return removed;
            }
            removed = removed.plus(batch);
        }
    }

    private RemovedRuns removeBatch(Instant cutoff, UUID keep, RunArchive archive) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<ExpiredRuns.Expired> batch = runs.lockBatch(connection, cutoff, keep, runsPerBatch);
                if (batch.isEmpty()) {
                    connection.rollback();
                    return RemovedRuns.NONE;
                }
                List<UUID> ids = batch.stream().map(ExpiredRuns.Expired::id).toList();
                int archived = archive == null ? 0 : archive(connection, batch, ids, archive);
                // the rows of each table first, so the answer can say how many went (the schema would cascade them)
                int recordLogs = runs.deleteRecordLogs(connection, ids);
                int errorLogs = runs.deleteErrorLogs(connection, ids);
                int gapRows = gaps.deleteGaps(connection, ids);
                int actions = recovery.deleteActions(connection, ids);
                int removed = runs.deleteRuns(connection, ids);
                connection.commit();
                return new RemovedRuns(removed, recordLogs, errorLogs, gapRows, actions, archived);
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Writes the batch's runs, each with all its rows as one JSON line, to the archive file of its start day. */
    private int archive(Connection connection, List<ExpiredRuns.Expired> batch, List<UUID> ids, RunArchive archive)
            throws SQLException, IOException {
        Map<UUID, List<String>> audit = runs.runsAsJson(connection, ids);
        Map<UUID, List<String>> recordLogs = runs.recordLogsAsJson(connection, ids);
        Map<UUID, List<String>> errorLogs = runs.errorLogsAsJson(connection, ids);
        Map<UUID, List<String>> gapRows = gaps.gapsAsJson(connection, ids);
        Map<UUID, List<String>> actions = recovery.actionsAsJson(connection, ids);
        Map<LocalDate, List<RunArchive.Line>> byDay = new TreeMap<>();
        for (ExpiredRuns.Expired run : batch) {
            UUID id = run.id();
            // the documents are PostgreSQL's row_to_json of each row: valid JSON, joined as they are
            String json = "{\"id\":\"" + id + "\",\"run\":" + audit.get(id).get(0)
                    + ",\"recordLogs\":" + array(recordLogs, id) + ",\"errorLogs\":" + array(errorLogs, id)
                    + ",\"gaps\":" + array(gapRows, id) + ",\"recoveryActions\":" + array(actions, id) + "}";
            byDay.computeIfAbsent(LocalDate.ofInstant(run.startTime(), ZoneOffset.UTC), day -> new ArrayList<>())
                    .add(new RunArchive.Line(id, json));
        }
        int written = 0;
        for (Map.Entry<LocalDate, List<RunArchive.Line>> day : byDay.entrySet()) {
            written += archive.write(day.getKey(), day.getValue());
        }
        return written;
    }

    private static String array(Map<UUID, List<String>> documents, UUID run) {
        return "[" + String.join(",", documents.getOrDefault(run, List.of())) + "]";
    }
}
