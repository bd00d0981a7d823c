package io.sheetsync.metrics;

import io.sheetsync.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseGaugeTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));
    final AtomicInteger queries = new AtomicInteger();
    final AtomicInteger stored = new AtomicInteger(3);
    final DatabaseGauge gauge = new DatabaseGauge(() -> {
        queries.incrementAndGet();
        return stored.get();
    }, clock);

    @Test
    void scrapes_within_the_maximum_age_share_one_query() {
        assertThat(gauge.value()).isEqualTo(3.0);
        stored.set(4);
        clock.advance(DatabaseGauge.MAX_AGE.minusMillis(1));
        assertThat(gauge.value()).as("cached").isEqualTo(3.0);
        assertThat(gauge.value()).isEqualTo(3.0);
        assertThat(queries).hasValue(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(gauge.value()).as("read again once old").isEqualTo(4.0);
        assertThat(queries).hasValue(2);
    }

    @Test
    void the_first_scrape_after_a_run_reads_the_database_again() {
        gauge.value();
        stored.set(7);

        gauge.stale();

        assertThat(gauge.value()).isEqualTo(7.0);
        assertThat(gauge.value()).isEqualTo(7.0);
        assertThat(queries).hasValue(2);
    }

    @Test
    void rows_count_and_a_database_that_does_not_answer_is_nan() {
        assertThat(new DatabaseGauge(() -> List.of("a", "b"), clock).value()).isEqualTo(2.0);
        assertThat(new DatabaseGauge(() -> {
            throw new SQLException("connection refused", "08001");
        }, clock).value()).isNaN();
    }
}
