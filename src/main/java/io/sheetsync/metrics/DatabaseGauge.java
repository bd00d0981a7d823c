package io.sheetsync.metrics;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A gauge value read from the database, cached: a Prometheus scrape (or several, from several scrapers) costs no
 * query while the value is younger than {@link #MAX_AGE}, and the value is read again on the first scrape after a run
 * ended ({@link #stale()}), since that is when it changes. NaN while the database does not answer.
 */
public final class DatabaseGauge {

    /** How old a cached value may be: about one Prometheus scrape interval, so a change shows within two scrapes. */
    public static final Duration MAX_AGE = Duration.ofSeconds(15);

    /** A database read for a gauge: a number, or rows whose count is the value. */
    @FunctionalInterface
    public interface Query {
        Object read() throws SQLException;
    }

    private final Query query;
    private final Clock clock;
    private double value = Double.NaN;
    private Instant readAt;

    public DatabaseGauge(Query query, Clock clock) {
        this.query = query;
        this.clock = clock;
    }

    /** The cached value, read again when it is older than {@link #MAX_AGE} or a run ended since. */
    public synchronized double value() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(MAX_AGE)) || now.isBefore(readAt)) {
            value = read();
            readAt = now;
        }
        return value;
    }

    /** The next scrape reads the database again. */
    public synchronized void stale() {
        readAt = null;
    }

    private double read() {
        try {
            Object result = query.read();
            return result instanceof java.util.Collection<?> rows ? rows.size() : ((Number) result).doubleValue();
        } catch (SQLException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
