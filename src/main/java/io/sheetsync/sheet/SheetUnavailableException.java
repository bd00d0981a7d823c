package io.sheetsync.sheet;

/**
 * The sheet could not be read. The message says what failed and what to check; it never carries secrets. What this
 * service throws is one of its two kinds, {@link SheetTransientException} or {@link SheetRefusedException}, decided
 * where the failure happens; the routes' recovery matches on them.
 */
public class SheetUnavailableException extends RuntimeException {

    private final int httpStatus;
    private final String retryAfter;

    public SheetUnavailableException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    public SheetUnavailableException(String message, int httpStatus, Throwable cause) {
        this(message, httpStatus, null, cause);
    }

    /** @param retryAfter the Retry-After header of the answer as sent (seconds or an HTTP date), or null */
    public SheetUnavailableException(String message, int httpStatus, String retryAfter, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status the Sheets API answered, or 0 when there was no HTTP answer (file sources, I/O errors). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The Retry-After header the Sheets API sent with the error (seconds or an HTTP date), or null when it sent none. */
    public String retryAfter() {
        return retryAfter;
    }
}
