package io.sheetsync.recovery;

import io.sheetsync.audit.ErrorType;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sheetsync.audit.ErrorLog;
import io.sheetsync.db.DatabaseUnavailableException;
import io.sheetsync.sheet.SheetFormatException;
import io.sheetsync.sheet.SheetUnavailableException;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.sync.SourceShrunkException;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import javax.net.ssl.SSLHandshakeException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Seed property 25 on generated failures: what went wrong (the category the contract gives it), raised the ways the
 * libraries raise it (its own causes, states and statuses), then wrapped and decorated the ways a run passes it on.
 *
 * <p>The categories, in the contract's terms (README: error logs and the metrics carry network, validation,
 * database or unknown): <b>network</b> when the sheet could not be read (the Sheets API answered an error of any
 * status, or did not answer; the connection, the host or TLS failed; an export file is missing or unreadable; the
 * circuit breaker refused the call), <b>database</b> when the database failed (any SQL error, whatever its state,
 * or a database that cannot be reached), <b>validation</b> when the sheet's content was refused as a whole (no header
 * row, a required column missing, colliding headers, no valid rows, a shrunk sheet), <b>unknown</b> for anything
 * else (a programming error). A failure keeps its category through every wrapper around it, whatever its own causes
 * (a database connection reset by the network is a database failure) and whatever it suppressed.
 */
class ErrorClassifierProperties {

    private final ErrorClassifier classifier = new ErrorClassifier();

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 25: Error categorization — for any sync error, the"
            + " error should be categorized by type (network, validation, database)")
    void every_failure_is_logged_in_the_category_of_what_went_wrong_however_it_is_wrapped() {
        PropertyTests.pure().forAll(failures()).checkAssert(failure -> {
            Throwable error = failure.error();

            ErrorLog log = classifier.errorLog(null, error, Instant.EPOCH);

            assertThat(classifier.classify(error)).as("category of %s", failure).isEqualTo(failure.category());
            assertThat(log.type()).as("error log of %s", failure).isEqualTo(failure.category());
            if (failure.category() == ErrorType.VALIDATION || failure.category() == ErrorType.UNKNOWN) {
                // README: what is worth a retry follows the same category; a refused sheet or a bug never is.
                assertThat(classifier.isRetryable(error)).as("retryable %s", failure).isFalse();
            }
        });
    }

    /** A generated failure, what it stands for, and how it was built (for a readable counterexample). */
    record Failure(Throwable error, ErrorType category, String story) {

        Failure wrappedIn(Function<Throwable, Throwable> wrapper) {
            Throwable wrapped = wrapper.apply(error);
            return new Failure(wrapped, category, wrapped.getClass().getSimpleName() + "(" + story + ")");
        }

        @Override
        public String toString() {
            return category.code() + ": " + story;
        }
    }

    static Gen<Failure> failures() {
        Gen<Failure> what = Generate.frequency(
                Pair.of(3, network()), Pair.of(3, database()), Pair.of(2, validation()), Pair.of(2, unknown()));
        Gen<Failure> decorated = what.zip(Generate.frequency(Pair.of(3, Generate.constant((Failure) null)),
                Pair.of(1, what)), ErrorClassifierProperties::suppressing);
        Gen<List<Function<Throwable, Throwable>>> wrappers = lists().of(wrappers()).ofSizeBetween(0, 4);
        return decorated.zip(wrappers, (failure, around) -> {
            Failure wrapped = failure;
            for (Function<Throwable, Throwable> wrapper : around) {
                wrapped = wrapped.wrappedIn(wrapper);
            }
            return wrapped;
        }).describedAs(Failure::toString);
    }

    /** A failure that, on its way, suppressed another (a rollback that failed too, say): secondary, not its cause. */
    private static Failure suppressing(Failure failure, Failure secondary) {
        if (secondary == null || secondary.error() == failure.error()) {
            return failure;
        }
        failure.error().addSuppressed(secondary.error());
        return new Failure(failure.error(), failure.category(), failure.story() + " suppressing [" + secondary + "]");
    }

    /** The sheet could not be read. */
    static Gen<Failure> network() {
        Gen<Integer> statuses = Generate.frequency(Pair.of(3, Generate.pick(List.of(400, 401, 403, 404, 429, 500,
                502, 503, 504))), Pair.of(2, Generate.range(400, 599)), Pair.of(1, Generate.constant(0)));
        Gen<Failure> explained = statuses.zip(words(), Generate.frequency(Pair.of(1, Generate.constant((Failure) null)),
                Pair.of(2, wireFailures())), (status, message, cause) -> new Failure(new SheetUnavailableException(
                message, status, cause == null ? null : cause.error()), ErrorType.NETWORK,
                "SheetUnavailableException(" + status + (cause == null ? "" : ", " + cause.story()) + ")"));
        Gen<Failure> clientAnswer = Generate.range(400, 599).zip(words(), (status, message) -> new Failure(
                new HttpResponseException.Builder(status, message, new HttpHeaders()).build(), ErrorType.NETWORK,
                "HttpResponseException(" + status + ")"));
        Gen<Failure> circuitOpen = words().map(name -> new Failure(CallNotPermittedException
                .createCallNotPermittedException(CircuitBreaker.ofDefaults(name)), ErrorType.NETWORK,
                "CallNotPermittedException"));
        return Generate.frequency(Pair.of(4, explained), Pair.of(2, wireFailures()), Pair.of(1, clientAnswer),
                Pair.of(1, circuitOpen));
    }

    /** What the JDK raises when an answer or a file cannot be had. */
    static Gen<Failure> wireFailures() {
        List<Function<String, IOException>> kinds = List.of(SocketTimeoutException::new, ConnectException::new,
                UnknownHostException::new, SSLHandshakeException::new, EOFException::new, HttpTimeoutException::new,
                NoSuchFileException::new, AccessDeniedException::new, SocketException::new, IOException::new);
        return Generate.pick(kinds).zip(words(), Generate.booleans(), (kind, message, unchecked) -> {
            IOException io = kind.apply(message);
            Throwable error = unchecked ? new UncheckedIOException(io) : io;
            String name = io.getClass().getSimpleName();
            return new Failure(error, ErrorType.NETWORK, unchecked ? "UncheckedIOException(" + name + ")" : name);
        });
    }

    /** The database failed, in any of the states PostgreSQL reports, the way the driver and the pool raise it. */
    static Gen<Failure> database() {
        Gen<String> states = Generate.frequency(
                Pair.of(3, Generate.pick(List.of("08006", "08001", "57P01", "57014", "40001", "40P01", "53300",
                        "55P03", "23505", "23502", "42P01", "42601", "22001", "XX000", "0A000"))),
                Pair.of(2, Generate.range(0, 36 * 36 * 36 * 36 * 36 - 1).map(n -> {
                    String state = Integer.toString(n, 36).toUpperCase(Locale.ROOT);
                    return "00000".substring(state.length()) + state;
                })),
                Pair.of(1, Generate.constant((String) null)));
        List<Function<String, SQLException>> kinds = List.of(
                message -> new SQLTransientConnectionException(message),
                message -> new SQLRecoverableException(message),
                message -> new SQLNonTransientConnectionException(message),
                message -> new SQLIntegrityConstraintViolationException(message),
                message -> new SQLTimeoutException(message),
                message -> new BatchUpdateException(message, new int[0]),
                message -> new PSQLException(message, PSQLState.CONNECTION_FAILURE,
                        new SocketException("Connection reset")),
                message -> new PSQLException(message, PSQLState.UNIQUE_VIOLATION));
        Gen<Failure> withState = states.zip(words(), Generate.frequency(
                Pair.of(2, Generate.constant((Failure) null)), Pair.of(1, wireFailures())), (state, message, cause) ->
                new Failure(new SQLException(message, state, cause == null ? null : cause.error()), ErrorType.DATABASE,
                        "SQLException(" + state + (cause == null ? "" : ", " + cause.story()) + ")"));
        Gen<Failure> subclass = Generate.pick(kinds).zip(words(), (kind, message) -> {
            SQLException error = kind.apply(message);
            return new Failure(error, ErrorType.DATABASE, error.getClass().getSimpleName() + "(" + error.getSQLState()
                    + ")");
        });
        Gen<Failure> unreachable = words().zip(Generate.frequency(Pair.of(1, Generate.constant((Failure) null)),
                Pair.of(1, withState), Pair.of(1, wireFailures())), (message, cause) -> new Failure(
                new DatabaseUnavailableException(message, cause == null ? null : cause.error()), ErrorType.DATABASE,
                "DatabaseUnavailableException(" + (cause == null ? "" : cause.story()) + ")"));
        return Generate.frequency(Pair.of(3, withState), Pair.of(2, subclass), Pair.of(1, unreachable));
    }

    /** The sheet's content was refused as a whole; what made a cell unreadable may hang under it. */
    static Gen<Failure> validation() {
        List<String> refusals = List.of("the sheet has no header row",
                "the header row cannot be used: required column inquiry_date is missing",
                "the header row cannot be used: columns 'Name' and '氏名' both map to name");
        List<String> shrinks = List.of("the sheet came back without its header row (12 rows below it)",
                "the sheet has no valid rows (3 invalid, 1 blank): refusing to call an empty sheet a success",
                "the sheet has 4 valid rows, the last completed run had 50 (more than 50% fewer)");
        Gen<Failure> format = Generate.pick(refusals).zip(unknownCauses(), (message, cause) -> {
            SheetFormatException error = new SheetFormatException(message);
            if (cause != null) {
                error.initCause(cause.error());
            }
            return new Failure(error, ErrorType.VALIDATION, "SheetFormatException(" + message
                    + (cause == null ? "" : ", " + cause.story()) + ")");
        });
        Gen<Failure> shrunk = Generate.pick(shrinks).map(message -> new Failure(new SourceShrunkException(message),
                ErrorType.VALIDATION, "SourceShrunkException(" + message + ")"));
        return Generate.frequency(Pair.of(1, format), Pair.of(1, shrunk));
    }

    /** A programming error, possibly caused by another: nothing in it names the sheet or the database. */
    static Gen<Failure> unknown() {
        return bug().zip(unknownCauses(), (failure, cause) -> {
            if (cause != null) {
                failure.error().initCause(cause.error());
            }
            return new Failure(failure.error(), ErrorType.UNKNOWN, failure.story()
                    + (cause == null ? "" : " caused by " + cause.story()));
        });
    }

    private static Gen<Failure> unknownCauses() {
        return Generate.frequency(Pair.of(2, Generate.constant((Failure) null)), Pair.of(1, bug()));
    }

    private static Gen<Failure> bug() {
        List<Function<String, RuntimeException>> kinds = List.of(IllegalStateException::new,
                IllegalArgumentException::new, UnsupportedOperationException::new, ArithmeticException::new,
                ClassCastException::new, IndexOutOfBoundsException::new, NumberFormatException::new,
                DateTimeException::new, ConcurrentModificationException::new, NullPointerException::new);
        return Generate.pick(kinds).zip(words(), (kind, message) -> {
            RuntimeException error = kind.apply(message);
            return new Failure(error, ErrorType.UNKNOWN, error.getClass().getSimpleName());
        });
    }

    /** How a run passes a failure on: Camel's exchange and execution exceptions, futures, reflection, plain wraps. */
    static Gen<Function<Throwable, Throwable>> wrappers() {
        List<Function<Throwable, Throwable>> wrappers = new ArrayList<>(List.of(
                error -> new RuntimeException("wrapped", error),
                error -> new CamelExchangeException("Multicast processing failed for number 1", null, error),
                RuntimeCamelException::new,
                error -> new CamelExecutionException("Exception occurred during execution", null, error),
                CompletionException::new,
                ExecutionException::new,
                error -> new UndeclaredThrowableException(error),
                error -> new InvocationTargetException(error),
                error -> new IllegalStateException("step failed", error)));
        return Generate.pick(wrappers);
    }

    private static Gen<String> words() {
        return Generate.pick(List.of("", "timeout", "FATAL: terminating connection due to administrator command",
                "password=s3cret rejected", "row 73", "売主 一覧", "Connection reset by peer", "null"));
    }
}
