package io.sheetsync.housekeeping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sheetsync.alert.AlertRepository;
import io.sheetsync.audit.RunHistory;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.db.Database;
import io.sheetsync.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Housekeeping on seeded old data with an injected clock: exactly the old runs go (with every row of theirs, into the
 * archive first), recent runs and running syncs stay, old open alerts are acknowledged; cut short, the next run
 * finishes the job; and two instances never housekeep at once.
 */
class HousekeepingTest {

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    static TestDatabase database;
    static Database pool;

    @TempDir
    Path archiveDir;
    OldRuns seed;

    @BeforeAll
    static void open() {
        database = TestDatabase.create(HousekeepingTest.class);
        pool = database.open();
    }

    @AfterAll
    static void close() {
        pool.close();
        database.close();
    }

    @BeforeEach
    void emptyTables() {
        database.execute("TRUNCATE sync_audit_logs, sync_alerts, sync_metrics_daily CASCADE");
        seed = new OldRuns(database);
    }

    Housekeeping housekeeping(Map<String, String> settings, int runsPerBatch) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ConfigProvider config = new ConfigProvider(SyncConfig.load(settings, new Properties()));
        return HousekeepingBeans.create(pool.dataSource(), new RunHistory(pool.dataSource()),
                new AlertRepository(pool.dataSource(), JSON, clock), new SimpleMeterRegistry(), config, clock,
                runsPerBatch);
    }

    Housekeeping archiving(int runsPerBatch) {
        return housekeeping(Map.of("SYNC_ARCHIVE_DIR", archiveDir.toString()), runsPerBatch);
    }

    @Test
    void exactly_the_runs_past_retention_go_with_their_rows_and_land_in_the_archive() throws Exception {
        UUID old = seed.run(NOW.minus(Duration.ofDays(200)), "completed");
        UUID oldFailed = seed.run(NOW.minus(Duration.ofDays(90)).minusSeconds(1), "failed");
        UUID justInside = seed.run(NOW.minus(Duration.ofDays(90)).plusSeconds(1), "failed");
        UUID recent = seed.run(NOW.minus(Duration.ofHours(2)), "completed");
        UUID running = seed.run(NOW.minus(Duration.ofDays(120)), "in_progress");
        database.execute("INSERT INTO sync_alerts (severity, type, condition_key, message, audit_log_id, created_at)"
                + " VALUES ('medium', 'sync_failed', 'sync_failed', 'failed', '" + oldFailed + "', now())");

        HousekeepingResult result = archiving(500).run();

        assertThat(result.skipped()).isFalse();
        assertThat(result.removed()).isEqualTo(new RemovedRuns(2, 2 * OldRuns.RECORD_LOGS, 2 * OldRuns.ERROR_LOGS,
                2 * OldRuns.GAPS, 2 * OldRuns.RECOVERY_ACTIONS, 2));
        assertThat(database.query("SELECT id FROM sync_audit_logs"))
                .containsExactlyInAnyOrder(justInside.toString(), recent.toString(), running.toString());
        for (String table : List.of("sync_record_logs", "sync_error_logs", "sync_gaps", "sync_recovery_actions")) {
            assertThat(database.query("SELECT DISTINCT audit_log_id FROM " + table)).as(table)
                    .containsExactlyInAnyOrder(justInside.toString(), recent.toString(), running.toString());
        }
        // the alert stays, without its run
        assertThat(database.query("SELECT coalesce(audit_log_id::text, 'none') FROM sync_alerts"))
                .containsExactly("none");

        Map<UUID, JsonNode> archived = archive();
        assertThat(archived.keySet()).containsExactlyInAnyOrder(old, oldFailed);
        JsonNode line = archived.get(oldFailed);
        assertThat(line.get("run").get("status").asText()).isEqualTo("failed");
        assertThat(line.get("recordLogs")).hasSize(OldRuns.RECORD_LOGS);
        assertThat(line.get("errorLogs")).hasSize(OldRuns.ERROR_LOGS);
        assertThat(line.get("errorLogs").findValuesAsText("error_message"))
                .containsExactlyInAnyOrder("row 1: bad date", "row 2: bad date");
        assertThat(line.get("gaps")).hasSize(OldRuns.GAPS);
        assertThat(line.get("recoveryActions")).hasSize(OldRuns.RECOVERY_ACTIONS);
        // one file per UTC day the runs started on
        assertThat(files()).containsExactlyInAnyOrder(
                "sheet-sync-" + LocalDate.ofInstant(NOW.minus(Duration.ofDays(200)), ZoneOffset.UTC) + ".jsonl.gz",
                "sheet-sync-" + LocalDate.ofInstant(NOW.minus(Duration.ofDays(90)).minusSeconds(1), ZoneOffset.UTC)
                        + ".jsonl.gz");
    }

    @Test
    void without_an_archive_dir_nothing_is_written_and_the_last_completed_run_stays_however_old() throws Exception {
        UUID older = seed.run(NOW.minus(Duration.ofDays(300)), "completed");
        UUID lastCompleted = seed.run(NOW.minus(Duration.ofDays(200)), "completed");
        seed.run(NOW.minus(Duration.ofDays(150)), "failed");

        HousekeepingResult result = housekeeping(Map.of(), 500).run();

        assertThat(result.removed().runs()).isEqualTo(2);
        assertThat(result.removed().archived()).isZero();
        assertThat(database.query("SELECT id FROM sync_audit_logs")).containsExactly(lastCompleted.toString());
        assertThat(database.query("SELECT id FROM sync_audit_logs WHERE id = '" + older + "'")).isEmpty();
        assertThat(files()).isEmpty();
    }

    @Test
    void a_run_cut_short_is_finished_by_the_next_without_archiving_a_run_twice() throws Exception {
        List<UUID> old = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            old.add(seed.run(NOW.minus(Duration.ofDays(100 + i)), "failed"));
        }
        UUID recent = seed.run(NOW.minus(Duration.ofDays(1)), "completed");
        // batches of 2, oldest first: the third batch (days 102 and 101) is archived, then its delete fails
        UUID refused = old.get(1);
        database.execute("CREATE FUNCTION refuse_delete() RETURNS trigger AS $$ BEGIN"
                + " RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql");
        database.execute("CREATE TRIGGER refuse BEFORE DELETE ON sync_audit_logs FOR EACH ROW"
                + " WHEN (OLD.id = '" + refused + "') EXECUTE FUNCTION refuse_delete()");
        try {
            assertThatThrownBy(() -> archiving(2).run()).hasMessageContaining("disk full");
        } finally {
            database.execute("DROP TRIGGER refuse ON sync_audit_logs; DROP FUNCTION refuse_delete()");
        }
        assertThat(database.query("SELECT id FROM sync_audit_logs")).containsExactlyInAnyOrder(
                old.get(0).toString(), old.get(1).toString(), old.get(2).toString(), recent.toString());
        assertThat(database.query("SELECT count(*) FROM sync_record_logs WHERE audit_log_id = '" + refused + "'"))
                .containsExactly(Integer.toString(OldRuns.RECORD_LOGS));
        assertThat(lines()).hasSize(6);

        HousekeepingResult resumed = archiving(2).run();

        assertThat(resumed.removed().runs()).isEqualTo(3);
        assertThat(resumed.removed().archived()).isEqualTo(1);
        assertThat(database.query("SELECT id FROM sync_audit_logs")).containsExactly(recent.toString());
        assertThat(lines()).hasSize(7);
        assertThat(archive().keySet()).containsExactlyInAnyOrderElementsOf(old);
    }

    @Test
    void open_alerts_older_than_the_auto_ack_age_are_acknowledged_by_housekeeping() throws Exception {
        String old = alert("old", NOW.minus(Duration.ofDays(31)), "NULL", "NULL");
        String recent = alert("recent", NOW.minus(Duration.ofDays(29)), "NULL", "NULL");
        String acknowledged = alert("acknowledged", NOW.minus(Duration.ofDays(60)), "'operator'", "NULL");
        String resolved = alert("resolved", NOW.minus(Duration.ofDays(60)), "NULL", "now()");

        HousekeepingResult result = housekeeping(Map.of(), 500).run();

        assertThat(result.alertsAcknowledged()).isEqualTo(1);
        assertThat(database.query("SELECT id || ' ' || coalesce(acknowledged_by, '-') || ' '"
                + " || coalesce(acknowledged_at::text, '-') FROM sync_alerts ORDER BY created_at")).containsExactly(
                acknowledged + " operator -", resolved + " - -",
                old + " housekeeping 2026-03-01 00:00:00", recent + " - -");
    }

    @Test
    void a_second_instance_skips_while_the_first_is_housekeeping() throws Exception {
        UUID old = seed.run(NOW.minus(Duration.ofDays(100)), "failed");
        seed.run(NOW.minus(Duration.ofDays(1)), "completed");
        long gate = 4242;
        // the first instance's delete waits on a lock the test holds, so it is housekeeping when the second starts
        database.execute("CREATE FUNCTION wait_for_gate() RETURNS trigger AS $$ BEGIN"
                + " PERFORM pg_advisory_lock(" + gate + "); PERFORM pg_advisory_unlock(" + gate + ");"
                + " RETURN OLD; END $$ LANGUAGE plpgsql");
        database.execute("CREATE TRIGGER gate BEFORE DELETE ON sync_audit_logs FOR EACH ROW"
                + " EXECUTE FUNCTION wait_for_gate()");
        try (Connection gateHolder = database.connect(); Statement statement = gateHolder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + gate + ")");
            CompletableFuture<HousekeepingResult> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return housekeeping(Map.of(), 500).run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> !database.query("SELECT pid FROM pg_locks"
                    + " WHERE locktype = 'advisory' AND NOT granted AND objid = " + gate).isEmpty());

            HousekeepingResult second = housekeeping(Map.of(), 500).run();

            assertThat(second.skipped()).isTrue();
            assertThat(second.removed()).isEqualTo(RemovedRuns.NONE);
            statement.execute("SELECT pg_advisory_unlock(" + gate + ")");
            HousekeepingResult done = first.get(20, TimeUnit.SECONDS);
            assertThat(done.skipped()).isFalse();
            assertThat(done.removed().runs()).isEqualTo(1);
        } finally {
            database.execute("DROP TRIGGER gate ON sync_audit_logs; DROP FUNCTION wait_for_gate()");
        }
        assertThat(database.query("SELECT id FROM sync_audit_logs WHERE id = '" + old + "'")).isEmpty();
        // the lock is free again: the next run is not skipped
        assertThat(housekeeping(Map.of(), 500).run().skipped()).isFalse();
    }

    private String alert(String key, Instant created, String acknowledgedBy, String resolvedAt) {
        return database.query("INSERT INTO sync_alerts (severity, type, condition_key, message, created_at,"
                + " acknowledged, acknowledged_by, resolved_at) VALUES ('high', 'no_sync', '" + key + "', 'm', '"
                + OldRuns.utc(created) + "', " + !"NULL".equals(acknowledgedBy) + ", " + acknowledgedBy + ", "
                + resolvedAt + ") RETURNING id").get(0);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(archiveDir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    /** Every line of every archive file (gunzipped: each file may hold several gzip members). */
    private List<String> lines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(archiveDir)) {
            for (Path file : files.toList()) {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
                    reader.lines().forEach(lines::add);
                }
            }
        }
        return lines;
    }

    private Map<UUID, JsonNode> archive() throws IOException {
        Map<UUID, JsonNode> byId = new HashMap<>();
        for (String line : lines()) {
            JsonNode node = JSON.readTree(line);
            byId.put(UUID.fromString(node.get("id").asText()), node);
        }
        assertThat(byId).hasSameSizeAs(Set.copyOf(lines()));
        return byId;
    }
}
