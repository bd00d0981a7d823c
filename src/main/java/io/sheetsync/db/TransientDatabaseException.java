package io.sheetsync.db;

import java.sql.SQLException;

/**
 * A database failure that says nothing about the data (a deadlock, a serialization failure, a statement cancelled, the
 * server restarting): the same write may succeed if tried again. Thrown where a write fails, so the routes' error
 * handling can declare its recovery by type (routes/error-handling.camel.yaml, routeConfiguration database-recovery).
 * Keeps the SQLState and message of the failure it wraps.
 */
public class TransientDatabaseException extends SQLException {

    public TransientDatabaseException(SQLException cause) {
        super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
    }
}
