package io.sheetsync.db;

/** The database cannot be reached or prepared; the message says what to check. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
