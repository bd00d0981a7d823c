package io.sheetsync.recovery;

import io.sheetsync.support.MessySheet;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.MidBatch;
import io.sheetsync.support.MidBatch.Fault;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RunLogs;
import io.sheetsync.support.StoredSellers;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.support.Unchecked;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed property 29: a run whose database connection dies in the middle of a batch reconnects and goes on instead of
 * failing, and ends with every seller of the sheet stored once and written once. Whole runs of the service on
 * generated messy sheets of several batches; the service's backends are terminated while a batch waits on a row the
 * test holds.
 */
class DatabaseReconnectProperties {

    /** Small, so that a generated sheet spans several batches and the disconnect falls in any of them. */
    static final int BATCH_SIZE = 2;
    static final int WRITERS = 2;

    static TestDatabase database;
    static TestService service;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create(DatabaseReconnectProperties.class);
        service = TestService.start(database, Files.createTempDirectory("reconnect-properties"), Map.of(
                "SYNC_BATCH_SIZE", Integer.toString(BATCH_SIZE), "SYNC_BATCH_WRITERS", Integer.toString(WRITERS),
                "SYNC_RETRY_INITIAL_DELAY_MS", "1"));
    }

    @AfterAll
    static void stop() {
        service.close();
        database.close();
    }

    /** A sheet, the new seller whose batch loses its connection, and which of the service's sessions die. */
    record Disconnect(MessySheet sheet, String heldSeller, Fault fault) {
        @Override
        public String toString() {
            return fault + " while the batch creating " + heldSeller + " waits, on sheet:" + sheet;
        }
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 29: Database reconnection — for any database"
            + " connection error, the system should attempt to reconnect before failing the sync")
    void a_connection_lost_mid_batch_is_reconnected_and_every_seller_is_stored_and_written_exactly_once() {
        PropertyTests.runs().forAll(disconnects()).checkAssert(disconnect -> Unchecked.check(() -> check(disconnect)));
    }

    private static void check(Disconnect disconnect) throws Exception {
        RunLogs.reset(database);
        MessySheet sheet = disconnect.sheet();
        service.sheet(sheet.csv());

        RunSummary summary = MidBatch.sync(service, database, disconnect.heldSeller(), disconnect.fault());

        assertThat(summary.status()).as("run status (error: %s)", summary.error()).isEqualTo("completed");
        MidBatch.retriedBatches(RunLogs.actions(database, summary.syncId()), disconnect.fault(), WRITERS);
        Map<String, StoredSellers.Stored> stored = StoredSellers.assertHolds(database, sheet.expectedSellers());
        assertThat(StoredSellers.versions(stored).values()).as("versions: a row written twice would be at 2")
                .containsOnly(1);
        List<String> creates = new ArrayList<>();
        sheet.expectedKeys().forEach(key -> creates.add(key + "|create"));
        assertThat(RunLogs.successfulWrites(database, summary.syncId())).as("successful record logs")
                .containsExactlyInAnyOrderElementsOf(creates);
        assertThat(RunLogs.failedWrites(database, summary.syncId())).as("failed record logs: the rows set aside, once")
                .hasSize(sheet.invalidRows().size() + sheet.duplicateRows().size())
                .allMatch(log -> log.endsWith("|skip"));
    }

    private static Gen<Disconnect> disconnects() {
        Gen<MessySheet> sheets = MessySheets.sheets(1, 10).assuming(sheet -> !sheet.expectedKeys().isEmpty());
        Gen<Fault> faults = Generate.pick(List.of(Fault.TERMINATED_BATCH_SESSION, Fault.TERMINATED_ALL_SESSIONS));
        Gen<Disconnect> disconnects = in -> {
            MessySheet sheet = sheets.generate(in);
            List<String> keys = new ArrayList<>(sheet.expectedKeys());
            String held = keys.get(Generate.range(0, keys.size() - 1).generate(in));
            return new Disconnect(sheet, held, faults.generate(in));
        };
        return disconnects.describedAs(Disconnect::toString);
    }
}
