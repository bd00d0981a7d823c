package io.sheetsync.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done in one transaction of its own on a connection, which is then left in the auto-commit mode it had. */
public final class OwnTransaction {

    /** Statements to run in the transaction. */
    public interface Work {
        void run() throws SQLException;
    }

    private OwnTransaction() {
    }

    /** Runs {@code work} and commits; rolls back and throws if it fails. */
    public static void run(Connection connection, Work work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
