package io.sheetsync.recovery;

import io.sheetsync.support.MigratedDatabase;
import io.sheetsync.support.RowBlocker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bookkeeping write after PostgreSQL ended every session of the service's pool: the pool still holds its idle
 * connections, all dead, and hands out those used in the last moments without checking them. The write must reach
 * the database on its second try, however many dead ones the pool holds.
 */
class LostConnectionPoolTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase();

    @Test
    void after_every_session_ended_the_write_gets_a_live_connection_on_its_second_try() throws Exception {
        // six connections in the pool, each just used: the pool hands such a connection out again unchecked
        List<Connection> used = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            used.add(DB.dataSource().getConnection());
        }
        for (Connection connection : used) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            }
            connection.close();
        }
        RowBlocker.terminateServiceSessions(DB.database());
        AtomicInteger tries = new AtomicInteger();

        int answer = new LostConnectionRetry(new ErrorClassifier(), DB.dataSource()).run(() -> {
            tries.incrementAndGet();
            try (Connection connection = DB.dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT 42")) {
                result.next();
                return result.getInt(1);
            }
        });

        assertThat(answer).isEqualTo(42);
        assertThat(tries).hasValue(2);
    }
}
