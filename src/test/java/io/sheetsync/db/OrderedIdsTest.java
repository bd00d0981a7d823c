package io.sheetsync.db;

import io.sheetsync.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The ids of bulk inserts: RFC 9562 version 7, each after the one before in PostgreSQL's order, whatever the clock. */
class OrderedIdsTest {

    private static final long T0 = 1_780_000_000_000L; // a Unix time in ms, 2026

    @Test
    void ids_carry_the_clocks_millisecond_version_7_and_the_rfc_variant() {
        AtomicLong clock = new AtomicLong(T0);
        OrderedIds ids = new OrderedIds(clock::get, new SplittableRandom(1));

        UUID first = ids.nextId();
        clock.set(T0 + 5);
        UUID later = ids.nextId();

        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(first.getMostSignificantBits() >>> 16).isEqualTo(T0);
        assertThat(later.getMostSignificantBits() >>> 16).isEqualTo(T0 + 5);
        assertThat(later.version()).isEqualTo(7);
    }

    @Test
    void ids_of_one_millisecond_count_up_and_borrow_the_next_millisecond_when_the_counter_runs_out() {
        OrderedIds ids = new OrderedIds(() -> T0, new SplittableRandom(2));

        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 4097; i++) {
            made.add(ids.nextId());
        }

        assertIncreasing(made);
        assertThat(made.get(4095).getMostSignificantBits() >>> 16).isEqualTo(T0);
        assertThat(made.get(4095).getMostSignificantBits() & 0xFFF).isEqualTo(4095);
        assertThat(made.get(4096).getMostSignificantBits() >>> 16).isEqualTo(T0 + 1);
        assertThat(made.get(4096).getMostSignificantBits() & 0xFFF).isZero();
    }

    @Test
    void a_clock_that_goes_back_never_makes_an_id_smaller_than_the_one_before() {
        long[] readings = {T0 + 10, T0 + 10, T0 + 3, T0, T0 + 11, T0 + 11, T0 - 1_000, T0 + 12};
        int[] next = {0};
        OrderedIds ids = new OrderedIds(() -> readings[next[0]++], new SplittableRandom(3));

        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < readings.length; i++) {
            made.add(ids.nextId());
        }

        assertIncreasing(made);
        assertThat(made.get(made.size() - 1).getMostSignificantBits() >>> 16).isEqualTo(T0 + 12);
    }

    @Test
    void threads_drawing_at_once_get_distinct_ids_each_in_increasing_order() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<UUID>>> drawn = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                drawn.add(threads.submit(() -> {
                    List<UUID> own = new ArrayList<>();
                    for (int i = 0; i < 20_000; i++) {
                        own.add(OrderedIds.next());
                    }
                    return own;
                }));
            }
            Set<UUID> all = new HashSet<>();
            for (Future<List<UUID>> own : drawn) {
                assertIncreasing(own.get());
                all.addAll(own.get());
            }
            assertThat(all).hasSize(80_000);
        } finally {
            threads.shutdownNow();
        }
    }

    /** PostgreSQL orders uuids by their bytes, as unsigned numbers: the order the ids were made in must be that one. */
    @Test
    void postgresql_orders_the_ids_as_they_were_made_and_takes_them_as_an_array_literal() throws Exception {
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            made.add(OrderedIds.next());
        }
        List<UUID> shuffled = new ArrayList<>(made);
        Collections.shuffle(shuffled, new java.util.Random(4));

        List<UUID> ordered = new ArrayList<>();
        try (TestDatabase database = TestDatabase.create(OrderedIdsTest.class);
             Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT id FROM unnest(?::uuid[]) AS u(id) ORDER BY id")) {
            statement.setString(1, ArrayLiterals.uuids(shuffled));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ordered.add(rows.getObject(1, UUID.class));
                }
            }
        }

        assertThat(ordered).containsExactlyElementsOf(made);
    }

    private static void assertIncreasing(List<UUID> ids) {
        for (int i = 1; i < ids.size(); i++) {
            UUID before = ids.get(i - 1);
            UUID after = ids.get(i);
            int high = Long.compareUnsigned(after.getMostSignificantBits(), before.getMostSignificantBits());
            int order = high != 0 ? high
                    : Long.compareUnsigned(after.getLeastSignificantBits(), before.getLeastSignificantBits());
            assertThat(order).as("id %d (%s) after %s", i, after, before).isPositive();
        }
    }
}
