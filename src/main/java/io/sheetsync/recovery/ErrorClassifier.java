package io.sheetsync.recovery;

import io.sheetsync.db.DatabaseUnavailableException;
import io.sheetsync.db.StorableText;
import io.sheetsync.seller.SheetFormatException;
import io.sheetsync.sheet.SheetUnavailableException;

import java.io.IOException;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Sorts a failure into network, validation, database or unknown: the one place that decides, used by the audit log
 * (and later by metrics and retry policies). Also renders errors safe to store: no secrets, no noise.
 */
public final class ErrorClassifier {

    private static final Pattern BEARER = Pattern.compile("(?i)(bearer)\\s+[^\\s&,;\"']+");
    private static final Pattern SECRETS = Pattern.compile(
            "(?i)(password|passwd|pwd|token|access_token|secret|authorization)([=:\\s]+)[^\\s&,;\"']+");

    public ErrorType classify(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SheetFormatException) {
                return ErrorType.VALIDATION;
            }
            if (cause instanceof SQLException || cause instanceof DatabaseUnavailableException) {
                return ErrorType.DATABASE;
            }
            // Every failure to read the source counts as network, a refusal (401/403/404) included: it is the
            // remote side that failed us, and its HTTP status tells the retry policy whether to try again.
            if (cause instanceof SheetUnavailableException || cause instanceof IOException) {
                return ErrorType.NETWORK;
            }
        }
        return ErrorType.UNKNOWN;
    }

    /** The message to store and show: the error's own words with anything that looks like a secret masked. */
    public String safeMessage(Throwable error) {
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
        }
        return trace.toString();
    }

    static String sanitize(String text) {
        String masked = SECRETS.matcher(BEARER.matcher(text).replaceAll("$1 ***")).replaceAll("$1$2***");
        return StorableText.of(masked);
    }
}
