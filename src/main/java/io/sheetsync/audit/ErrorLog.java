package io.sheetsync.audit;

import java.time.Instant;

/** One row of {@code sync_error_logs}. The message and stack trace are already sanitised. */
public record ErrorLog(String sellerNumber, String message, String stackTrace, ErrorType type, Instant timestamp) {

    public ErrorLog {
        // A row whose seller number cell is blank names no seller: stored as none, not as an empty key.
        if (sellerNumber != null && sellerNumber.isBlank()) {
            sellerNumber = null;
        }
        if (sellerNumber != null && sellerNumber.length() > 50) {
            sellerNumber = sellerNumber.substring(0, 50);
        }
    }
}
