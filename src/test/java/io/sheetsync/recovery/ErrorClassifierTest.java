package io.sheetsync.recovery;

import io.sheetsync.audit.ErrorType;
import io.sheetsync.db.ConnectionLostException;
import io.sheetsync.db.DatabaseUnavailableException;
import io.sheetsync.db.TransientDatabaseException;
import io.sheetsync.sheet.SheetFormatException;
import io.sheetsync.sheet.SheetUnavailableException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorClassifierTest {

    private final ErrorClassifier classifier = new ErrorClassifier();

    @Test
    void failures_are_sorted_by_their_cause_chain() {
        assertThat(classifier.classify(new SheetUnavailableException("503", 503, null))).isEqualTo(ErrorType.NETWORK);
        assertThat(classifier.classify(new RuntimeException(new IOException("reset")))).isEqualTo(ErrorType.NETWORK);
        assertThat(classifier.classify(new IllegalStateException(new SQLException("gone")))).isEqualTo(ErrorType.DATABASE);
        assertThat(classifier.classify(new DatabaseUnavailableException("down", null))).isEqualTo(ErrorType.DATABASE);
        assertThat(classifier.classify(new SheetFormatException("no header"))).isEqualTo(ErrorType.VALIDATION);
        assertThat(classifier.classify(new IllegalStateException("bug"))).isEqualTo(ErrorType.UNKNOWN);
    }

    @Test
    void the_sqlstate_is_the_first_one_the_database_answered_in_the_cause_chain() {
        java.sql.BatchUpdateException batch = new java.sql.BatchUpdateException("batch failed", null, 0, new int[0],
                null);
        batch.setNextException(new SQLException("canceling statement due to user request", "57014"));

        assertThat(classifier.sqlState(new IllegalStateException(new SQLException("too many clients", "53300"))))
                .isEqualTo("53300");
        assertThat(classifier.sqlState(new RuntimeException(batch))).isEqualTo("57014");
        assertThat(classifier.sqlState(new SQLException("no state"))).isNull();
        assertThat(classifier.sqlState(new SQLException("not a state", "oops!"))).isNull();
        assertThat(classifier.sqlState(new IOException("reset"))).isNull();
        assertThat(classifier.kind(new IllegalStateException(new SQLException("no such table", "42P01"))))
                .isEqualTo(new io.sheetsync.audit.ErrorKind("database", "42P01"));
        assertThat(classifier.errorLog("AA1", new SQLException("refused", "23514"), java.time.Instant.EPOCH).sqlState())
                .isEqualTo("23514");
    }

    @Test
    void messages_and_traces_mask_anything_that_looks_like_a_secret() {
        Exception error = new SQLException("auth failed for password=s3cret token: abc123 Authorization: Bearer xyz");

        assertThat(classifier.safeMessage(error)).doesNotContain("s3cret", "abc123", "xyz").contains("password=***");
        assertThat(classifier.safeStackTrace(error)).doesNotContain("s3cret", "abc123", "xyz")
                .contains("java.sql.SQLException");
    }

    @Test
    void retryable_means_worth_another_try_and_follows_the_category() {
        for (int status : new int[] {429, 500, 502, 503, 504}) {
            assertThat(classifier.isRetryable(new SheetUnavailableException("answered " + status, status, null)))
                    .as("status %d", status).isTrue();
        }
        for (int status : new int[] {400, 401, 403, 404}) {
            assertThat(classifier.isRetryable(new SheetUnavailableException("answered " + status, status, null)))
                    .as("status %d", status).isFalse();
        }
        assertThat(classifier.isRetryable(new SheetUnavailableException("no answer", 0,
                new java.net.SocketTimeoutException("Read timed out")))).isTrue();
        assertThat(classifier.isRetryable(new SheetUnavailableException("refused", 0,
                new java.net.ConnectException("Connection refused")))).isTrue();
        assertThat(classifier.isRetryable(new SheetUnavailableException("sheet file x.csv was not found", 0,
                new java.nio.file.NoSuchFileException("x.csv")))).isFalse();
        assertThat(classifier.isRetryable(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(classifier.isRetryable(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(classifier.isRetryable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(classifier.isRetryable(new SheetFormatException("no header"))).isFalse();
        assertThat(classifier.isRetryable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void only_a_lost_connection_calls_for_a_reconnect() {
        assertThat(classifier.isConnectionLoss(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(classifier.isConnectionLoss(new SQLException("connection failure", "08006"))).isTrue();
        assertThat(classifier.isConnectionLoss(new java.sql.SQLTransientConnectionException("pool timed out"))).isTrue();
        assertThat(classifier.isConnectionLoss(new SQLException("deadlock detected", "40P01"))).isFalse();
        assertThat(classifier.isTransientDatabase(new SQLException("deadlock detected", "40P01"))).isTrue();
    }

    @Test
    void a_failed_write_is_typed_for_the_declared_recovery_keeping_its_state_and_message() throws Exception {
        SQLException terminated = new SQLException("terminating connection", "57P01");
        SQLException deadlock = new SQLException("deadlock detected", "40P01");
        SQLException duplicate = new SQLException("duplicate key", "23505");

        assertThat((Throwable) classifier.typed(terminated)).isInstanceOf(ConnectionLostException.class)
                .hasMessage("terminating connection").hasCause(terminated)
                .satisfies(typed -> assertThat(((SQLException) typed).getSQLState()).isEqualTo("57P01"));
        assertThat((Throwable) classifier.typed(new java.sql.SQLTransientConnectionException("pool timed out")))
                .isInstanceOf(ConnectionLostException.class);
        assertThat((Throwable) classifier.typed(deadlock)).isInstanceOf(TransientDatabaseException.class)
                .isNotInstanceOf(ConnectionLostException.class).hasCause(deadlock);
        // refused: a retry would fail the same way, so it stays what it was
        assertThat((Throwable) classifier.typed(duplicate)).isSameAs(duplicate);
        SQLException typed = classifier.typed(deadlock);
        assertThat((Throwable) classifier.typed(typed)).isSameAs(typed);
        assertThat(classifier.isRetryable(typed)).isTrue();
    }

    @Test
    void camel_wrappers_are_looked_through_to_the_failure_they_carry() {
        Exception wrapped = new org.apache.camel.CamelExchangeException("Multicast processing failed for number 1",
                null, new SQLException("FATAL: terminating connection", "57P01"));

        assertThat(classifier.safeMessage(wrapped)).isEqualTo("FATAL: terminating connection");
        assertThat(classifier.classify(wrapped)).isEqualTo(ErrorType.DATABASE);
    }

    @Test
    void an_error_without_a_message_is_named_by_its_type() {
        assertThat(classifier.safeMessage(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
