package io.sheetsync.recovery;

import io.sheetsync.db.Database;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * A short bookkeeping write (the retry queue, recovery actions) tried again on a new pooled connection when the one
 * it got was lost. A restart of PostgreSQL ends every session of the pool at once, also those of writes that are not
 * the failed batch's and have no redelivery of their own. A failed try drops the pool's connections first
 * ({@link Database#dropConnections}): the pool holds up to ten, all dead then, and would hand them out one by one (a
 * run once lost the record of a queued seller it had synced that way, after three dead connections in a row).
 */
public final class LostConnectionRetry {

    /** Tries in all: a connection opened while the sessions were ending may still be dead. */
    static final int ATTEMPTS = 3;

    /** One write, on a connection it takes from the pool itself. */
    @FunctionalInterface
    public interface Write<T> {
        T run() throws SQLException;
    }

    private final ErrorClassifier classifier;
    private final DataSource pool;

    /** @param pool the pool the writes take their connections from */
    public LostConnectionRetry(ErrorClassifier classifier, DataSource pool) {
        this.classifier = classifier;
        this.pool = pool;
    }

    /** Runs the write; tries again only when its connection was lost, at most {@link #ATTEMPTS} times in all. */
    public <T> T run(Write<T> write) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.run();
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !classifier.isConnectionLoss(e)) {
                    throw e;
                }
                Database.dropConnections(pool);
            }
        }
    }
}
