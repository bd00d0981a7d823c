package io.sheetsync.sheet;

/**
 * The source refused the read for a reason a retry cannot fix: the Sheets API answered 400, 401, 403 or 404, the
 * range names no sheet of the grid, a key file is not a key, or the export file cannot be read. Never retried, and
 * ignored by the Sheets circuit breaker (a wrong id is a configuration problem, reported as such every time).
 */
public class SheetRefusedException extends SheetUnavailableException {

    public SheetRefusedException(String message, int httpStatus, Throwable cause) {
        super(message, httpStatus, cause);
    }
}
