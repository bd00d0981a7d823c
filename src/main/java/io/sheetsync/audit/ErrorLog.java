package io.sheetsync.audit;

import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.recovery.ErrorType;

import java.time.Instant;

/** One row of {@code sync_error_logs}. The message and stack trace are already sanitised. */
public record ErrorLog(String sellerNumber, String message, String stackTrace, ErrorType type, Instant timestamp) {

    /** The error log of a failure: its category, safe message and safe stack trace, for the seller it hit (or null). */
    public static ErrorLog of(String sellerNumber, Throwable error, ErrorClassifier classifier, Instant at) {
        return new ErrorLog(sellerNumber, classifier.safeMessage(error), classifier.safeStackTrace(error),
                classifier.classify(error), at);
    }

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
