package io.sheetsync.recovery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.sheetsync.audit.ErrorKind;
import io.sheetsync.audit.ErrorLog;
import io.sheetsync.audit.ErrorType;
import io.sheetsync.db.ConnectionLostException;
import io.sheetsync.db.DatabaseUnavailableException;
import io.sheetsync.db.StorableText;
import io.sheetsync.db.TransientDatabaseException;
import io.sheetsync.sheet.SheetFormatException;
import io.sheetsync.sheet.SheetRefusedException;
import io.sheetsync.sheet.SheetTransientException;
import io.sheetsync.sheet.SheetUnavailableException;
import io.sheetsync.sheet.SheetsApiErrors;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sorts a failure into network, validation, database or unknown, and says whether trying again can help: the one place
 * that decides, used by the audit log, the metrics and the retry policies, so they always agree. Also renders errors
 * safe to store: no secrets, no noise.
 */
public final class ErrorClassifier {

    /*
     * PostgreSQL states that say "this attempt failed, the next may not": serialization failure, deadlock, resources,
     * lock not available, statement cancelled, server shutting down or restarting; and the whole connection class 08.
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "53000", "53100", "53200", "53300",
            "53400", "55P03", "57014", "57P01", "57P02", "57P03");
    private static final Set<String> CONNECTION_LOST_STATES = Set.of("57P01", "57P02", "57P03");

    private static final Pattern BEARER = Pattern.compile("(?i)(bearer)\\s+[^\\s&,;\"']+");
    private static final Pattern SECRETS = Pattern.compile(
            "(?i)(password|passwd|pwd|token|access_token|secret|authorization)([=:\\s]+)[^\\s&,;\"']+");

    public ErrorType classify(Throwable error) {
        for (Throwable cause = error; cause != null; cause = next(cause)) {
            // SourceShrunkException is one too: a sheet refused as a whole (no header, no valid rows, shrunk)
            if (cause instanceof SheetFormatException) {
                return ErrorType.VALIDATION;
            }
            if (cause instanceof SQLException || cause instanceof DatabaseUnavailableException) {
                return ErrorType.DATABASE;
            }
            // Every failure to read the source counts as network, a refusal (401/403/404) included: it is the
            // remote side that failed us, and its HTTP status tells the retry policy whether to try again. An open
            // circuit breaker is the same remote side, failing fast.
            if (cause instanceof SheetUnavailableException || cause instanceof IOException
                    || cause instanceof CallNotPermittedException) {
                return ErrorType.NETWORK;
            }
        }
        return ErrorType.UNKNOWN;
    }

    /**
     * Whether the same operation may succeed if tried again: a Sheets API answer of 429/500/502/503/504, a timeout or
     * a broken connection on the way to it, or a transient database failure (lost connection, deadlock, ...).
     * Never: validation failures, 400/401/403/404 (a wrong id or missing share stays wrong), an open circuit breaker
     * (it exists to stop the retries), a stopped run, or anything unrecognised.
     */
    public boolean isRetryable(Throwable error) {
        return switch (classify(error)) {
            case NETWORK -> retryableNetwork(error);
            case DATABASE -> isTransientDatabase(error);
            case VALIDATION, UNKNOWN -> false;
        };
    }

    /** A database failure that says nothing about the data: the connection, locking, resources or a cancel. */
    public boolean isTransientDatabase(Throwable error) {
        for (Throwable cause = error; cause != null; cause = next(cause)) {
            if (cause instanceof DatabaseUnavailableException || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || TRANSIENT_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The database connection itself failed (terminated, refused, timed out): reconnecting is the remedy. */
    public boolean isConnectionLoss(Throwable error) {
        for (Throwable cause = error; cause != null; cause = next(cause)) {
            if (cause instanceof DatabaseUnavailableException || cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || CONNECTION_LOST_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A failed write typed for the routes' error handling: {@link ConnectionLostException} when the connection died,
     * {@link TransientDatabaseException} for another failure a retry may fix, else the failure itself (refused: a retry
     * would fail the same way).
     */
    public SQLException typed(SQLException failure) {
        if (failure instanceof TransientDatabaseException || !isTransientDatabase(failure)) {
            return failure;
        }
        return isConnectionLoss(failure) ? new ConnectionLostException(failure) : new TransientDatabaseException(failure);
    }

    private static boolean retryableNetwork(Throwable error) {
        for (Throwable cause = error; cause != null; cause = next(cause)) {
            if (cause instanceof CallNotPermittedException) {
                return false;
            }
            // the kind was decided where the failure happened (SheetsApiErrors, the readers)
            if (cause instanceof SheetTransientException) {
                return true;
            }
            if (cause instanceof SheetRefusedException) {
                return false;
            }
            // one built without a kind: its HTTP status decides, by the same rule
            if (cause instanceof SheetUnavailableException sheet && sheet.httpStatus() != 0) {
                return SheetsApiErrors.TRANSIENT_STATUSES.contains(sheet.httpStatus());
            }
        }
        // No HTTP answer: only a failure on the wire is worth another try, not a file that cannot be read
        return SheetsApiErrors.isWireFailure(error);
    }

    private static Throwable next(Throwable cause) {
        return cause.getCause() == cause ? null : cause.getCause();
    }

    /**
     * The error log of a failure: its category, SQLSTATE, safe message and safe stack trace, for the seller it hit
     * (or null).
     */
    public ErrorLog errorLog(String sellerNumber, Throwable error, Instant at) {
        return new ErrorLog(sellerNumber, safeMessage(error), safeStackTrace(error), classify(error), sqlState(error),
                at);
    }

    /** What every role may know of a failure: its category and SQLSTATE ({@link ErrorKind}). */
    public ErrorKind kind(Throwable error) {
        return ErrorKind.of(classify(error), sqlState(error));
    }

    /**
     * The SQLSTATE of the first database error in the cause chain that has one (a batch's own state, else the
     * state of the statement that failed it), or null: a failure the database did not answer has none.
     */
    public String sqlState(Throwable error) {
        for (Throwable cause = error; cause != null; cause = next(cause)) {
            for (SQLException sql = cause instanceof SQLException first ? first : null; sql != null;
                 sql = sql.getNextException()) {
                if (ErrorKind.isSqlState(sql.getSQLState())) {
                    return sql.getSQLState();
                }
            }
        }
        return null;
    }

    /**
     * The message to store and show: the error's own words with anything that looks like a secret masked. Camel's
     * wrappers ("Multicast processing failed for number 1 ...") are looked through to the failure they carry.
     */
    public String safeMessage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = next(cause)) {
            if (cause instanceof CallNotPermittedException) {
                return "Sheets API not called: its circuit breaker is open after repeated failures, so runs fail fast"
                        + " until it lets a trial call through (SYNC_CIRCUIT_OPEN_SECONDS)";
            }
        }
        while (error instanceof org.apache.camel.CamelException || error instanceof org.apache.camel.RuntimeCamelException) {
            if (error.getCause() == null || error.getCause() == error) {
                break;
            }
            error = error.getCause();
        }
        String message = error.getMessage() == null ? "" : sanitize(error.getMessage());
        return message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    /** The stack trace without secrets, cut to the frames that matter, for {@code sync_error_logs.stack_trace}. */
    public String safeStackTrace(Throwable error) {
        StringBuilder trace = new StringBuilder();
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < 5; cause = cause.getCause() == cause ? null : cause.getCause(), depth++) {
            trace.append(depth == 0 ? "" : "Caused by: ").append(cause.getClass().getName()).append(": ")
                    .append(sanitize(String.valueOf(cause.getMessage()))).append('\n');
            StackTraceElement[] frames = cause.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 15); i++) {
                trace.append("\tat ").append(frames[i]).append('\n');
            }
            // failures that came with this one (the other batches of a group written side by side), named only
            for (Throwable also : cause.getSuppressed()) {
                trace.append("\tSuppressed: ").append(also.getClass().getName()).append(": ")
                        .append(sanitize(String.valueOf(also.getMessage()))).append('\n');
            }
        }
        return trace.toString();
    }

    static String sanitize(String text) {
        String masked = SECRETS.matcher(BEARER.matcher(text).replaceAll("$1 ***")).replaceAll("$1$2***");
        return StorableText.of(masked);
    }
}
