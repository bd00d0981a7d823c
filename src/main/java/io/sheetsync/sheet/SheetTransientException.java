package io.sheetsync.sheet;

/**
 * The sheet could not be read this time, for a reason that may pass: the Sheets API answered 429, 500, 502, 503 or
 * 504, or no answer came (timeout, connection refused or reset, unknown host). The fetch's redelivery
 * ({@code routes/error-handling.camel.yaml}, {@code sheet-recovery}) matches this type.
 */
public class SheetTransientException extends SheetUnavailableException {

    /** @param retryAfter the Retry-After header of the answer as sent (seconds or an HTTP date), or null */
    public SheetTransientException(String message, int httpStatus, String retryAfter, Throwable cause) {
        super(message, httpStatus, retryAfter, cause);
    }
}
