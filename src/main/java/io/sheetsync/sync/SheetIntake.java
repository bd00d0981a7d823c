package io.sheetsync.sync;

import io.sheetsync.seller.RowRejection;
import io.sheetsync.seller.Seller;
import io.sheetsync.seller.SellerParser;
import io.sheetsync.seller.SheetStage;
import io.sheetsync.seller.StageFilling;
import io.sheetsync.seller.StagedSheet;
import io.sheetsync.seller.StoredHashes;
import io.sheetsync.sheet.SheetFormatException;
import io.sheetsync.sheet.SheetReceiver;
import io.sheetsync.sheet.SheetRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * One read of the sheet (a run's or a plan's) parsed and staged while it is fetched: rows are handed, a few thousand
 * at a time, to a worker thread that validates them and sends the valid ones into a {@link SheetStage} (one COPY for
 * the whole read, which the server stores while the worker parses on) while the fetch reads on, so memory does not
 * grow with the sheet and parsing overlaps the fetch. Nothing here fails the fetch: a header that cannot be used, or
 * a database that refuses the stage, is kept and thrown by {@link StagedRead#sheet()}, where the run's parse step
 * fails with it as it always did (a failure inside the fetch would be taken for the sheet's, and retried). Duplicate
 * seller numbers are settled once the last row is in, in the stage, by the parser's rule; the worker keeps a
 * fingerprint of each key ({@link SeenKeys}), so only keys that may be repeated are looked up. Before the first row,
 * the worker reads the content hashes stored ({@link StoredHashes}): a row the database already holds as it is goes
 * to the stage without its raw cells, so a run that changes little stages little more than keys and hashes.
 *
 * <p>The time spent here (the run's clock) is told apart from the fetch's own: parsing and staging count as comparing.
 *
 * <p>A run's stage is committed when the read ends, for its batches to read from their own connections, and removed
 * when the run ends. A plan's is never committed: the plan compares in the same transaction (a snapshot of the
 * database as the read began), and rolls everything back, so a plan writes no row of any table.
 */
public final class SheetIntake implements SheetReceiver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SheetIntake.class);

    /** Rows per hand-over (a part of the COPY): enough to keep the worker busy, few enough to stay a few MB. */
    static final int FLUSH_ROWS = 2000;

    /** Hand-overs waiting for the worker before the fetch waits for it: the memory stays a few batches of rows. */
    private static final int QUEUED = 2;

    private final DataSource dataSource;
    private final SheetStage stage;
    private final SellerParser parser;
    private final RunControl control;
    private final Clock clock;
    private final boolean plan;
    private final int flushRows;
    private final Semaphore queued = new Semaphore(QUEUED);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sheet-intake");
        thread.setDaemon(true);
        return thread;
    });
    private List<SheetRow> incoming;
    private Future<?> handedOver;

    private Connection connection;
    private long stageId = -1;
    private StageFilling filling;
    /** The worker's: the keys staged so far, and those that may have been staged twice (see {@link SeenKeys}). */
    private SeenKeys seen = new SeenKeys();
    /** The worker's: what the database held as the read began (read by its first task). */
    private StoredHashes stored = StoredHashes.NONE;
    private final Set<String> maybeRepeated = new HashSet<>();
    private boolean committed;
    private SellerParser.Reading reading;
    private boolean headerMissing;
    private SheetFormatException headerUnusable;
    /** The first failure of the stage, the worker's or this thread's; nothing is staged after it. */
    private volatile Exception failure;
    private Duration spent = Duration.ZERO;

    /**
     * @param plan      true for a plan's read: its stage is never committed (see the class comment)
     * @param flushRows rows per hand-over ({@link #FLUSH_ROWS}; tests cross chunk boundaries with fewer)
     */
    SheetIntake(DataSource dataSource, SheetStage stage, SellerParser parser, RunControl control, Clock clock,
                boolean plan, int flushRows) {
        this.dataSource = dataSource;
        this.stage = stage;
        this.parser = parser;
        this.control = control;
        this.clock = clock;
        this.plan = plan;
        this.flushRows = flushRows;
        this.incoming = new ArrayList<>(flushRows);
    }

    @Override
    public void begin() {
        awaitWorker();
        discard();
        reading = null;
        headerMissing = false;
        headerUnusable = null;
        failure = null;
        spent = Duration.ZERO;
        incoming = new ArrayList<>(flushRows);
        seen = new SeenKeys();
        maybeRepeated.clear();
        Instant started = clock.instant();
        try {
            connection = dataSource.getConnection();
            if (!plan) {
                // a plan writes nothing that outlives it, so it leaves the stages of dead processes to the next run
                stage.tidy(connection);
            }
            connection.setAutoCommit(false);
            if (plan) {
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            stageId = stage.open(connection);
            filling = stage.filling(connection, stageId);
            handedOver = worker.submit(this::readStoredHashes); // the fetch goes on; the first rows wait for it
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
        spent = spent.plus(Duration.between(started, clock.instant()));
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
        incoming.add(row);
        if (incoming.size() >= flushRows) {
            Instant started = clock.instant();
            handOver();
            spent = spent.plus(Duration.between(started, clock.instant())); // waiting for the worker, if it lags
        }
    }

    @Override
    public StagedRead end(int rowCount) {
        Instant started = clock.instant();
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
        awaitWorker(); // its first task (the stored hashes) may still be using the connection about to be released
        if (!plan || problem != null) {
            release();
        }
        spent = spent.plus(Duration.between(started, clock.instant()));
        return new StagedRead(staged, problem, rowCount, spent);
    }

    /** The read's verdict once the last row is staged, or null when the database refused the stage. */
    private StagedSheet staged(int rowCount) {
        handOver();
        awaitWorker();
        stored = StoredHashes.NONE; // every row is in: the hashes (32 bytes a seller) need not live as long as the run
        List<RowRejection> duplicates = List.of();
        if (failure == null) {
            try (RunControl.InFlight tracked = control.track(connection)) {
                filling.finish();
                stage.analyze(connection);
                duplicates = SellerParser.duplicateLosers(stage.duplicated(connection, stageId, maybeRepeated));
                stage.remove(connection, stageId, duplicates);
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

    /** Hands the rows collected so far to the worker; waits while {@link #QUEUED} hand-overs are still waiting. */
    private void handOver() {
        if (incoming.isEmpty()) {
            return;
        }
        List<SheetRow> rows = incoming;
        incoming = new ArrayList<>(flushRows);
        queued.acquireUninterruptibly();
        try {
            handedOver = worker.submit(() -> stage(rows));
        } catch (RuntimeException e) {
            queued.release();
            failure = e;
        }
    }

    /** The worker's first task: the stored content hashes, in the stage's transaction (a plan's snapshot). */
    private void readStoredHashes() {
        if (failure == null) {
            try (RunControl.InFlight tracked = control.track(connection)) {
                stored = StoredHashes.readOrNone(connection);
            }
        }
    }

    /** The worker's part: parses the rows and copies the valid ones into the stage. */
    private void stage(List<SheetRow> rows) {
        try {
            if (failure != null) {
                return;
            }
            List<Seller> sellers = new ArrayList<>(rows.size());
            for (SheetRow row : rows) {
                Seller seller = reading.row(row);
                if (seller != null) {
                    sellers.add(seller);
                    if (!seen.firstTime(seller.sellerNumber())) {
                        maybeRepeated.add(seller.sellerNumber());
                    }
                }
            }
            try (RunControl.InFlight tracked = control.track(connection)) {
                filling.append(sellers, stored);
            }
        } catch (SQLException | RuntimeException e) {
            failure = e;
        } finally {
            queued.release();
        }
    }

    /** Waits until the worker has staged every row handed over (the worker is one thread: the last one is enough). */
    private void awaitWorker() {
        if (handedOver == null) {
            return;
        }
        try {
            handedOver.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new SQLException("interrupted while the sheet was being staged", e);
        } catch (ExecutionException e) {
            failure = e.getCause() instanceof Exception cause ? cause : e;
        }
        handedOver = null;
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
        awaitWorker();
        worker.shutdown();
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
        if (filling != null) {
            filling.close(); // a COPY still open (the read failed or was retried) is abandoned with the transaction
            filling = null;
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
