package io.sheetsync.recovery;

import java.sql.SQLException;

/**
 * A short bookkeeping write (the retry queue, recovery actions) tried again on a new pooled connection when the one
 * it got was lost. A restart of PostgreSQL ends every session of the pool at once, also those of writes that are not
 * the failed batch's and have no redelivery of their own; each failed try makes the pool discard one dead connection,
 * as the sync lock's retake does.
 */
public final class LostConnectionRetry {

    /** Tries in all: the pool may hand out a few dead connections before a live one. */
    static final int ATTEMPTS = 3;

    /** One write, on a connection it takes from the pool itself. */
    @FunctionalInterface
    public interface Write<T> {
        T run() throws SQLException;
    }

    private final ErrorClassifier classifier;

    public LostConnectionRetry(ErrorClassifier classifier) {
        this.classifier = classifier;
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
            }
        }
    }
}
