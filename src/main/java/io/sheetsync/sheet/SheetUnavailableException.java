package io.sheetsync.sheet;

/** The sheet could not be read. The message says what failed and what to check; it never carries secrets. */
public class SheetUnavailableException extends RuntimeException {

    private final int httpStatus;

    public SheetUnavailableException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    public SheetUnavailableException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status the Sheets API answered, or 0 when there was no HTTP answer (file sources, I/O errors). */
    public int httpStatus() {
        return httpStatus;
    }
}
