package io.sheetsync.recovery;

import io.sheetsync.audit.ErrorType;
import io.sheetsync.db.ArrayLiterals;
import io.sheetsync.db.StorableText;
import io.sheetsync.db.UtcTime;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The sellers waiting for a retry after a transient failure ({@code sync_retry_queue}). A queued seller is retried by
 * the next run that reaches it (every run reads the whole sheet), and a run starts early when a queued seller is due
 * sooner than the schedule; the first retry comes {@code SYNC_RETRY_QUEUE_DELAY_MINUTES} after the failure, and the
 * wait doubles with every failed attempt (at most a day). Validation failures are never queued.
 */
public final class RetryQueue {

    /** One queued seller. */
    public record Entry(String sellerNumber, ErrorType errorType, String reason, int attempts, Instant nextAttemptAt) {
    }

    private static final String ENQUEUE = """
            INSERT INTO sync_retry_queue AS q (seller_number, error_type, reason, attempts, first_failed_at,
              last_failed_at, next_attempt_at, audit_log_id)
            SELECT k, ?, ?, 1, ?, ?, ? + make_interval(mins => ?), ? FROM unnest(?::varchar[]) AS k
            ON CONFLICT (seller_number) DO UPDATE SET error_type = EXCLUDED.error_type, reason = EXCLUDED.reason,
              attempts = q.attempts + 1, last_failed_at = EXCLUDED.last_failed_at,
              next_attempt_at = EXCLUDED.last_failed_at
                + make_interval(mins => LEAST(1440, ? * power(2, LEAST(q.attempts, 11)))::int),
              audit_log_id = EXCLUDED.audit_log_id""";

    private final DataSource dataSource;

    public RetryQueue(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Queues sellers after a transient failure (or counts one more failed attempt for those already queued).
     *
     * @param delayMinutes the wait before the first retry; later ones double it
     */
    public void enqueue(UUID runId, Collection<String> sellerNumbers, ErrorType type, String reason, Instant now,
                        int delayMinutes) throws SQLException {
        if (type == ErrorType.VALIDATION) {
            throw new IllegalArgumentException("validation failures are never retried: retrying a bad row cannot fix it");
        }
        if (sellerNumbers.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ENQUEUE)) {
            statement.setString(1, type.code());
            statement.setString(2, StorableText.of(reason));
            statement.setObject(3, UtcTime.of(now));
            statement.setObject(4, UtcTime.of(now));
            statement.setObject(5, UtcTime.of(now));
            statement.setInt(6, delayMinutes);
            statement.setObject(7, runId);
            statement.setString(8, ArrayLiterals.texts(sellerNumbers));
            statement.setInt(9, delayMinutes);
            statement.executeUpdate();
        }
    }

    /**
     * Removes sellers a run has now written (or found right): returns those that were queued, with the attempts they
     * took, so the run can log them as recovered.
     */
    public List<Entry> resolve(Collection<String> sellerNumbers) throws SQLException {
        List<Entry> resolved = new ArrayList<>();
        if (sellerNumbers.isEmpty()) {
            return resolved;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     DELETE FROM sync_retry_queue WHERE seller_number = ANY(?::varchar[])
                     RETURNING seller_number, error_type, reason, attempts, next_attempt_at""")) {
            statement.setString(1, ArrayLiterals.texts(sellerNumbers));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    resolved.add(read(rows));
                }
            }
        }
        return resolved;
    }

    /** How many queued sellers are due now and have not used up their early retries. */
    public int due(Instant now, int maxAttempts) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM sync_retry_queue WHERE next_attempt_at <= ? AND attempts <= ?")) {
            statement.setObject(1, UtcTime.of(now));
            statement.setInt(2, maxAttempts);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Entry read(ResultSet rows) throws SQLException {
        return new Entry(rows.getString(1), ErrorType.valueOf(rows.getString(2).toUpperCase(java.util.Locale.ROOT)),
                rows.getString(3), rows.getInt(4), UtcTime.instant(rows.getObject(5, LocalDateTime.class)));
    }
}
