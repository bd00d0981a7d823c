package io.sheetsync.sync;

import io.sheetsync.seller.RowRejection;
import io.sheetsync.seller.Seller;
import io.sheetsync.seller.SellerParser;
import io.sheetsync.seller.SheetStage;
import io.sheetsync.seller.StagedSheet;
import io.sheetsync.sheet.FetchedSheet;
import io.sheetsync.sheet.SheetFormatException;
import io.sheetsync.sheet.SheetReceiver;
import io.sheetsync.sheet.SheetRow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One read of the sheet (a run's or a plan's) parsed and staged while it is fetched: each row is validated as it
 * arrives, and the valid ones are copied into a {@link SheetStage} a few thousand at a time, so memory does not grow
 * with the sheet. Nothing here fails the fetch: a header that cannot be used, or a database that refuses the stage, is
 * kept and thrown by {@link Result#sheet()}, where the run's parse step fails with it as it always did. Duplicate
 * seller numbers are settled once the last row is in, in the stage, by the parser's rule.
 *
 * <p>A run's stage is committed when the read ends, for its batches to read from their own connections, and removed
 * when the run ends. A plan's is never committed: the plan compares in the same transaction (a snapshot of the
 * database as the read began), and rolls everything back, so a plan writes no row of any table.
 */
public final class SheetIntake implements SheetReceiver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SheetIntake.class);

    /** Sellers copied per COPY: large enough that round trips do not count, small enough to stay a few MB. */
    static final int FLUSH_ROWS = 2000;

    private final DataSource dataSource;
    private final SheetStage stage;
    private final SellerParser parser;
    private final RunControl control;
    private final boolean plan;
    private final List<Seller> pending = new ArrayList<>(FLUSH_ROWS);

    private Connection connection;
    private long stageId = -1;
    private boolean committed;
    private SellerParser.Reading reading;
    private boolean headerMissing;
    private SheetFormatException headerUnusable;
    private Exception failure;
    private long nanos;

    /** @param plan true for a plan's read: its stage is never committed (see the class comment) */
    SheetIntake(DataSource dataSource, SheetStage stage, SellerParser parser, RunControl control, boolean plan) {
        this.dataSource = dataSource;
        this.stage = stage;
        this.parser = parser;
        this.control = control;
        this.plan = plan;
    }

    /** What the read made of the sheet, or why it could not be read into a stage. */
    public record Result(StagedSheet staged, Exception problem, int rowCount, Duration spent) implements FetchedSheet {

        /**
         * @throws SourceShrunkException when the sheet came back without its header row
         * @throws SheetFormatException  when the header row cannot be used
         * @throws SQLException          when the database refused the stage
         */
        public StagedSheet sheet() throws SQLException {
            if (problem instanceof SQLException e) {
                throw e;
            }
            if (problem instanceof RuntimeException e) {
                throw e;
            }
            return staged;
        }
    }

    @Override
    public void begin() {
        discard();
        reading = null;
        headerMissing = false;
        headerUnusable = null;
        failure = null;
        nanos = 0;
        pending.clear();
        long started = System.nanoTime();
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            if (plan) {
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            // a plan writes nothing that outlives it, so it leaves the stages of dead processes to the next run
            stageId = stage.open(connection, !plan);
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
        nanos += System.nanoTime() - started;
    }

    @Override
    public void header(List<String> cells) {
        if (cells.stream().allMatch(String::isBlank)) {
            headerMissing = true;
            return;
        }
        try {
            reading = parser.reading(cells);
        } catch (SheetFormatException e) {
            headerUnusable = e;
        }
    }

    @Override
    public void row(SheetRow row) {
        if (reading == null || failure != null) {
            return; // no usable header, or no stage: the rows are only counted
        }
        long started = System.nanoTime();
        Seller seller = reading.row(row);
        if (seller != null) {
            pending.add(seller);
            if (pending.size() >= FLUSH_ROWS) {
                flush();
            }
        }
        nanos += System.nanoTime() - started;
    }

    @Override
    public Result end(int rowCount) {
        long started = System.nanoTime();
        StagedSheet staged = null;
        Exception problem;
        if (headerMissing || reading == null && headerUnusable == null) {
            problem = SheetValidation.missingHeader(rowCount);
        } else if (headerUnusable != null) {
            problem = headerUnusable;
        } else {
            staged = staged(rowCount);
            problem = failure;
        }
        if (!plan || problem != null) {
            release();
        }
        nanos += System.nanoTime() - started;
        return new Result(staged, problem, rowCount, Duration.ofNanos(nanos));
    }

    /** The read's verdict once the last row is staged, or null when the database refused the stage. */
    private StagedSheet staged(int rowCount) {
        flush();
        List<RowRejection> duplicates = List.of();
        if (failure == null) {
            try (RunControl.InFlight tracked = control.track(connection)) {
                duplicates = SellerParser.duplicateLosers(stage.duplicated(connection, stageId));
                stage.remove(connection, stageId, duplicates);
                stage.analyze(connection);
                if (!plan) {
                    connection.commit();
                    committed = true;
                }
            } catch (SQLException | RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            return null;
        }
        reading.skipped(rowCount - reading.validRowCount() - reading.rejections().size() - reading.blankRows());
        List<RowRejection> rejections = new ArrayList<>(reading.rejections());
        rejections.addAll(duplicates);
        rejections.sort(Comparator.comparingInt(RowRejection::rowNumber));
        return new StagedSheet(stageId, reading.validRowCount() - duplicates.size(), rejections, rowCount,
                reading.validRowCount(), reading.blankRows(), reading.columns());
    }

    private void flush() {
        if (pending.isEmpty() || failure != null) {
            pending.clear();
            return;
        }
        try (RunControl.InFlight tracked = control.track(connection)) {
            stage.append(connection, stageId, pending);
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
        pending.clear();
    }

    /**
     * A plan's read, once ended: the open transaction that holds its stage, for the comparison; rolled back by
     * {@link #close}.
     */
    public Connection planConnection() {
        if (!plan || connection == null) {
            throw new IllegalStateException("only a plan's read that ended with its stage keeps a connection");
        }
        return connection;
    }

    /** Removes the stage, whatever became of the read; never throws (the stage of a dead process is removed later). */
    @Override
    public void close() {
        discard();
    }

    /** Drops what an attempt staged: rolled back while it is open, deleted once committed. */
    private void discard() {
        release();
        if (committed) {
            try (Connection cleanup = dataSource.getConnection()) {
                stage.close(cleanup, stageId);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("sheet stage {} could not be removed ({});"
                        + " the next read removes it after a day", stageId, e.getMessage());
            }
            committed = false;
        }
    }

    private void release() {
        if (connection == null) {
            return;
        }
        try {
            if (!committed) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // a broken connection rolled back on the server already
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // returned to the pool, or evicted by it: nothing else to do
        }
        connection = null;
    }
}
