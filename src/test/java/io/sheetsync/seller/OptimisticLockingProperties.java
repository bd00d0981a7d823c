package io.sheetsync.seller;

import io.sheetsync.api.JsonResponses;
import io.sheetsync.db.Database;
import io.sheetsync.support.TestDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed property 40: a batch write never overwrites a row another writer changed while the batch ran, and every write
 * moves a row's version up by exactly one. The other writer commits while the batch waits on its row lock.
 */
class OptimisticLockingProperties {

    static TestDatabase database;
    static Database pool;
    static SellerRepository repository;
    static final ExecutorService RUNNER = Executors.newSingleThreadExecutor();

    @BeforeContainer
    static void start() {
        database = TestDatabase.create(OptimisticLockingProperties.class);
        pool = database.open();
        repository = new SellerRepository(JsonResponses.mapper(), pool.dataSource());
    }

    @AfterContainer
    static void stop() {
        RUNNER.shutdownNow();
        pool.close();
        database.close();
    }

    @BeforeTry
    void emptyTables() {
        database.execute("TRUNCATE sellers, properties CASCADE");
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 40: for any record update, the system uses optimistic"
            + " locking to prevent concurrent update conflicts")
    void a_row_changed_during_the_batch_is_never_overwritten(@ForAll @IntRange(min = 1, max = 5) int size,
                                                           @ForAll @IntRange(min = 0, max = 4) int changedIndex,
                                                           @ForAll("names") String otherWritersName,
                                                           @ForAll("names") String sheetName) throws Exception {
        int victim = changedIndex % size;
        write(sellers(size, "first"));
        String victimKey = key(victim);

        try (Connection other = database.connect()) {
            other.setAutoCommit(false);
            try (PreparedStatement update = other.prepareStatement(
                    "UPDATE sellers SET name = ?, version = version + 1, updated_at = now() WHERE seller_number = ?")) {
                update.setString(1, otherWritersName);
                update.setString(2, victimKey);
                update.executeUpdate();
            }
            Future<BatchOutcome> batch = RUNNER.submit(() -> write(sellers(size, sheetName)));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> batch.isDone() || !database.query("SELECT 1 FROM pg_stat_activity WHERE"
                            + " datname = current_database() AND application_name = 'sheet-sync'"
                            + " AND wait_event_type = 'Lock'").isEmpty());
            other.commit();
            BatchOutcome outcome = batch.get(30, TimeUnit.SECONDS);

            assertThat(outcome.conflicts()).containsExactly(victimKey);
            assertThat(outcome.updated()).hasSize(size - 1).doesNotContain(victimKey);
        }
        for (int i = 0; i < size; i++) {
            assertThat(database.query("SELECT name || '|' || version FROM sellers WHERE seller_number = '" + key(i) + "'"))
                    .containsExactly((i == victim ? otherWritersName : sheetName) + "|2");
        }
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('山', '田', ' ').ofMinLength(1).ofMaxLength(12)
                .filter(name -> !name.isBlank() && !name.equals("first"));
    }

    private static BatchOutcome write(List<Seller> batch) throws Exception {
        try (Connection connection = pool.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            BatchOutcome outcome = repository.upsert(connection, batch, Instant.now());
            connection.commit();
            return outcome;
        }
    }

    private static List<Seller> sellers(int size, String name) {
        List<Seller> sellers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            sellers.add(new Seller(key(i), name, LocalDate.of(2024, 1, 1), null, null, null, null, null, i + 2, null,
                    Map.of("seller_number", key(i), "name", name)));
        }
        return sellers;
    }

    private static String key(int index) {
        return "AA" + (100 + index);
    }
}
