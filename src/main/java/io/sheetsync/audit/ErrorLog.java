package io.sheetsync.audit;

import java.time.Instant;

/**
 * One row of {@code sync_error_logs}. The message and stack trace are already sanitised; {@code sqlState} is the
 * SQLSTATE of a database error, else null.
 */
public record ErrorLog(String sellerNumber, String message, String stackTrace, ErrorType type, String sqlState,
                       Instant timestamp) {

    public ErrorLog {
        // A row whose seller number cell is blank names no seller: stored as none, not as an empty key.
        if (sellerNumber != null && sellerNumber.isBlank()) {
            sellerNumber = null;
        }
        if (sellerNumber != null && sellerNumber.length() > 50) {
            sellerNumber = sellerNumber.substring(0, 50);
        }
        if (sqlState != null && !ErrorKind.isSqlState(sqlState)) {
            throw new IllegalArgumentException("'" + sqlState + "' is not an SQLSTATE (five digits or capitals)");
        }
    }

    /** An error log of a failure that is no database answer (a refused row, a version conflict): no SQLSTATE. */
    public ErrorLog(String sellerNumber, String message, String stackTrace, ErrorType type, Instant timestamp) {
        this(sellerNumber, message, stackTrace, type, null, timestamp);
    }

    /** Its category and SQLSTATE, what every role may see. */
    public ErrorKind kind() {
        return ErrorKind.of(type, sqlState);
    }
}
