package io.sheetsync.recovery;

import io.sheetsync.support.IntendedSeller;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.MutableClock;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RunLogs;
import io.sheetsync.support.SheetEdit;
import io.sheetsync.support.StoredSellers;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.support.Unchecked;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed property 41: a seller changed both in the database (outside the sync, after its last write) and in the sheet
 * is a conflict: it is logged, and the more recent version by timestamp is kept. A generated sheet is synced, other
 * writers then change generated stored sellers at generated times, and an edit of the sheet (rows kept, renamed,
 * removed, added; each row with or without its own updated_at) is synced. The winner of each conflict is predicted
 * from the two timestamps alone: the database version when it is strictly later than the sheet row's updated_at,
 * else the sheet (also when the row has no updated_at), as README "Failure modes" promises.
 */
class ConflictResolutionProperties {

    /**
     * The service's clock runs from a month before every generated sheet timestamp (MessySheets writes them from
     * 2023-12-31T15:00Z on), so the times other writers give their changes are later than the sync's last write and
     * still compete with the sheet's.
     */
    static final Instant SERVICE_TIME = Instant.parse("2023-12-01T00:00:00Z");
    /** The grid of the generated timestamps: quarter days, so a database change can tie with its sheet row. */
    static final Duration QUARTER_DAY = Duration.ofHours(6);
    static final Instant EARLIEST_SHEET_TIME = Instant.parse("2023-12-31T15:00:00Z");

    static TestDatabase database;
    static TestService service;

    @BeforeAll
    static void start() throws Exception {
        MutableClock clock = new MutableClock();
        clock.advance(Duration.between(Instant.now(), SERVICE_TIME));
        database = TestDatabase.create(ConflictResolutionProperties.class);
        service = TestService.start(database, Files.createTempDirectory("conflicts"), Map.of(
                "SYNC_BATCH_SIZE", "3",
                "SYNC_MAX_SHRINK_PERCENT", "100"), clock);
    }

    @AfterAll
    static void stop() {
        service.close();
        database.close();
    }

    /** Another writer's change of a stored seller: the name it gave and the time it stamped. */
    record Change(String name, Instant at) {
    }

    /** An edit of the sheet and the changes other writers made in the database before it was synced. */
    record Competition(SheetEdit edit, Map<String, Change> changes) {
        @Override
        public String toString() {
            return "database changes " + changes + " before the sync of\n" + edit;
        }
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 41: Conflict resolution — for any update conflict,"
            + " the system should log the conflict and apply the most recent data based on timestamp")
    void a_seller_changed_in_the_database_and_in_the_sheet_keeps_the_later_version_and_the_conflict_is_logged() {
        PropertyTests.runs().forAll(competitions()).checkAssert(competition -> Unchecked.check(() -> check(competition)));
    }

    private static void check(Competition competition) throws Exception {
        SheetEdit edit = competition.edit();
        RunLogs.reset(database);
        service.sheet(edit.before().csv());
        assertThat(service.syncNow().status()).as("first sync").isEqualTo("completed");
        competition.changes().forEach(ConflictResolutionProperties::changeInDatabase);
        service.sheet(edit.after().csv());

        RunSummary summary = service.syncNow();

        Map<String, IntendedSeller> expected = new TreeMap<>(edit.before().expectedSellers());
        Map<String, Integer> versions = new TreeMap<>();
        List<String> conflicts = new ArrayList<>();
        expected.keySet().forEach(key -> versions.put(key, 1));
        edit.expectedOperations().forEach((key, operation) -> {
            expected.put(key, edit.after().expectedSellers().get(key));
            versions.put(key, operation.equals("update") ? 2 : 1);
        });
        competition.changes().forEach((key, change) -> {
            if (!"update".equals(edit.expectedOperations().get(key))) {
                // the sheet row did not change (or is gone): nothing competes with the database's change
                expected.put(key, expected.get(key).renamed(change.name()));
                versions.put(key, 2);
                return;
            }
            Instant sheetTime = edit.after().expectedSellers().get(key).updatedAt();
            boolean databaseWins = sheetTime != null && change.at().isAfter(sheetTime);
            conflicts.add(key);
            if (databaseWins) {
                expected.put(key, edit.before().expectedSellers().get(key).renamed(change.name()));
                versions.put(key, 2);
            } else {
                versions.put(key, 3);
            }
        });

        String run = summary.syncId();
        assertThat(summary.status()).as("run status (error: %s)", summary.error()).isEqualTo("completed");
        assertThat(StoredSellers.versions(StoredSellers.assertHolds(database, expected))).as("versions")
                .isEqualTo(versions);
        Map<String, String> logged = new TreeMap<>();
        for (String line : RunLogs.actionDetails(database, run, "conflict_resolved")) {
            String key = line.substring(0, line.indexOf('|'));
            assertThat(logged.put(key, line.substring(key.length() + 1))).as("conflict of %s logged twice", key)
                    .isNull();
        }
        assertThat(logged.keySet()).as("conflicts logged").containsExactlyInAnyOrderElementsOf(conflicts);
        logged.forEach((key, detail) -> {
            Instant sheetTime = edit.after().expectedSellers().get(key).updatedAt();
            assertThat(detail).as("conflict of %s names both times", key)
                    .contains(competition.changes().get(key).at().toString())
                    .contains(sheetTime == null ? "" : sheetTime.toString());
        });
        assertThat(RunLogs.failedWrites(database, run)).as("a resolved conflict is no failure")
                .allMatch(log -> log.endsWith("|skip"));
    }

    /** Renames a stored seller as another writer would, stamping the change with the generated time. */
    private static void changeInDatabase(String sellerNumber, Change change) {
        try (Connection connection = database.pooled();
             PreparedStatement update = connection.prepareStatement("UPDATE sellers SET name = ?,"
                     + " version = version + 1, updated_at = ? WHERE seller_number = ?")) {
            update.setString(1, change.name());
            update.setObject(2, OffsetDateTime.ofInstant(change.at(), ZoneOffset.UTC));
            update.setString(3, sellerNumber);
            assertThat(update.executeUpdate()).as("stored rows of %s", sellerNumber).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException("the other writer's change failed", e);
        }
    }

    private static Gen<Competition> competitions() {
        Gen<SheetEdit> edits = MessySheets.edits(1, 8).assuming(edit -> !edit.before().expectedKeys().isEmpty()
                && !edit.after().expectedKeys().isEmpty());
        Gen<String> names = MessySheets.names();
        // around the sheet row's own time, often the very same moment (a tie goes to the sheet), or anywhere in the
        // two years sheets are stamped in
        Gen<Integer> quartersAround = Generate.frequency(Pair.of(2, Generate.constant(0)),
                Pair.of(3, Generate.range(-8, 8)));
        Gen<Integer> quartersFromStart = Generate.range(0, 4 * 365 * 2);
        Gen<Competition> competitions = in -> {
            SheetEdit edit = edits.generate(in);
            Map<String, Change> changes = new TreeMap<>();
            for (Map.Entry<String, IntendedSeller> stored : edit.before().expectedSellers().entrySet()) {
                if (Generate.range(1, 3).generate(in) == 1) {
                    continue;
                }
                Instant sheetTime = stored.getValue().updatedAt();
                Instant at = sheetTime != null && Generate.range(1, 4).generate(in) > 1
                        ? sheetTime.plus(QUARTER_DAY.multipliedBy(quartersAround.generate(in)))
                        : EARLIEST_SHEET_TIME.plus(QUARTER_DAY.multipliedBy(quartersFromStart.generate(in)));
                changes.put(stored.getKey(), new Change(names.generate(in), at.truncatedTo(ChronoUnit.SECONDS)));
            }
            return new Competition(edit, changes);
        };
        return competitions.describedAs(Competition::toString);
    }
}
