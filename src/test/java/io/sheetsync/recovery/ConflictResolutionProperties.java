package io.sheetsync.recovery;

import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.sync.RunSummary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed property 41: a seller changed both in the database (by someone else, after the last sync) and in the sheet
 * keeps the most recent version by timestamp, and the conflict is logged in the run's audit log. Whole runs.
 */
class ConflictResolutionProperties {

    static final AtomicInteger SELLER = new AtomicInteger(10_000);
    static TestDatabase database;
    static TestService service;

    @BeforeContainer
    static void start() throws Exception {
        database = TestDatabase.create(ConflictResolutionProperties.class);
        service = TestService.start(database, Files.createTempDirectory("conflicts"), Map.of());
    }

    @AfterContainer
    static void stop() {
        service.close();
        database.close();
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 41: for any update conflict, the system logs the conflict"
            + " and applies the most recent data based on timestamp")
    void the_most_recent_side_wins_and_the_conflict_is_logged(
            @ForAll @IntRange(min = 1, max = 30 * 24 * 3600) int databaseChangedSecondsLater,
            @ForAll @IntRange(min = -30 * 24 * 3600, max = 30 * 24 * 3600) int sheetChangedSecondsLater,
            @ForAll boolean sheetHasTimestamp) throws Exception {
        String seller = "AA" + SELLER.incrementAndGet();
        service.sheet(List.of("seller_number,name,inquiry_date,updated_at",
                seller + ",as synced,2024-01-01,2024-01-01T00:00:00Z"));
        service.syncNow();
        Instant synced = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Instant databaseTime = synced.plusSeconds(databaseChangedSecondsLater);
        Instant sheetTime = synced.plusSeconds(sheetChangedSecondsLater);
        database.execute("UPDATE sellers SET name = 'database edit', version = version + 1, updated_at = '"
                + databaseTime + "' WHERE seller_number = '" + seller + "'");
        service.sheet(List.of("seller_number,name,inquiry_date,updated_at",
                seller + ",sheet edit,2024-01-01," + (sheetHasTimestamp ? sheetTime.toString() : "")));

        RunSummary summary = service.syncNow();

        boolean databaseWins = sheetHasTimestamp && databaseTime.isAfter(sheetTime);
        assertThat(summary.status()).isEqualTo("completed");
        assertThat(database.query("SELECT name || '|' || version FROM sellers WHERE seller_number = '" + seller + "'"))
                .containsExactly(databaseWins ? "database edit|2" : "sheet edit|3");
        assertThat(database.query("SELECT detail FROM sync_recovery_actions WHERE audit_log_id = '" + summary.syncId()
                + "' AND action = 'conflict_resolved' AND seller_number = '" + seller + "'"))
                .singleElement().satisfies(detail -> assertThat(detail)
                        .contains(databaseWins ? "kept the database version" : "applied the sheet"));
    }
}
