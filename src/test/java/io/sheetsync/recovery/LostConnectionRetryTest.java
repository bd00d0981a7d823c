package io.sheetsync.recovery;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LostConnectionRetryTest {

    private final LostConnectionRetry retry = new LostConnectionRetry(new ErrorClassifier(), new PGSimpleDataSource());
    private final AtomicInteger tries = new AtomicInteger();

    @Test
    void a_write_whose_connection_was_lost_is_tried_again_until_it_succeeds() throws Exception {
        String written = retry.run(() -> {
            if (tries.incrementAndGet() < 3) {
                throw new SQLException("terminating connection due to administrator command", "57P01");
            }
            return "written";
        });

        assertThat(written).isEqualTo("written");
        assertThat(tries).hasValue(3);
    }

    @Test
    void a_connection_lost_three_times_ends_with_the_last_failure() {
        assertThatThrownBy(() -> retry.run(() -> {
            throw new SQLException("An I/O error occurred while sending to the backend " + tries.incrementAndGet(),
                    "08006");
        })).hasMessageEndingWith(" 3");
        assertThat(tries).hasValue(3);
    }

    @Test
    void a_write_refused_for_another_reason_is_not_tried_again() {
        assertThatThrownBy(() -> retry.run(() -> {
            tries.incrementAndGet();
            throw new SQLException("duplicate key value violates unique constraint", "23505");
        })).hasMessageContaining("duplicate key");
        assertThat(tries).hasValue(1);
    }
}
