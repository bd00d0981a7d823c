package io.sheetsync.db;

import java.sql.SQLException;

/** A transient failure in which the connection itself died (terminated, refused, timed out): reconnect, then retry. */
public class ConnectionLostException extends TransientDatabaseException {

    public ConnectionLostException(SQLException cause) {
        super(cause);
    }
}
