package io.sheetsync.recovery;

import io.sheetsync.SheetSyncApplication;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.db.Database;
import io.sheetsync.support.RowBlocker;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service as a separate JVM ({@code SheetSyncApplication --once}, the test's classpath) held in the middle of its
 * second batch, then killed (SIGKILL) or asked to stop (SIGTERM). What it committed stays whole, the lock is freed,
 * the audit log says what happened, and the next start produces the exact data.
 */
class CrashRecoveryTest {

    static final int SELLERS = 150;
    static final String IN_SECOND_BATCH = "AA1075";

    static TestDatabase database;

    @TempDir
    static Path directory;

    @BeforeAll
    static void createDatabase() throws IOException {
        database = TestDatabase.create(CrashRecoveryTest.class);
        List<String> lines = new ArrayList<>(List.of("seller_number,name,inquiry_date"));
        for (int i = 1; i <= SELLERS; i++) {
            lines.add("AA" + (1000 + i) + ",Seller " + i + ",2024-01-01");
        }
        Files.write(directory.resolve("sellers.csv"), lines, StandardCharsets.UTF_8);
        Database.open(SyncConfig.load(env(), new Properties())).close(); // the schema, before the first child starts
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyTables() {
        database.execute("TRUNCATE sellers, properties, sync_audit_logs, sync_retry_queue CASCADE");
    }

    @Test
    void a_process_killed_mid_run_leaves_whole_batches_and_the_next_start_produces_the_exact_data() throws Exception {
        String killedRun;
        try (RowBlocker blocker = RowBlocker.insert(database, IN_SECOND_BATCH)) {
            Process child = startOnce("killed");
            try {
                blocker.awaitWaiter();
                killedRun = database.query("SELECT id::text FROM sync_audit_logs WHERE status = 'in_progress'").get(0);
                // two writers write the first batch beside the held one: the kill comes once it has committed
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> database.query("SELECT count(*)::text FROM sellers").equals(List.of("50")));

                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            blocker.rollback();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !RowBlocker.syncLockHeld(database));
        assertThat(database.query("SELECT status FROM sync_audit_logs WHERE id = '" + killedRun + "'"))
                .containsExactly("in_progress");
        assertThat(database.query("SELECT count(*)::text FROM sellers")).containsExactly("50");

        int exit = SheetSyncApplication.once(TestService.properties(env()), quiet(), quiet());

        assertThat(exit).isZero();
        assertThat(database.query("SELECT status || '|' || error_message FROM sync_audit_logs WHERE id = '" + killedRun
                + "'")).singleElement().satisfies(row -> assertThat(row).startsWith("failed|abandoned"));
        assertExactData();
        assertThat(database.query("SELECT created_count || '|' || unchanged_count FROM sync_audit_logs"
                + " WHERE status = 'completed'")).containsExactly("100|50");
    }

    @Test
    void sigterm_mid_run_lets_the_running_batch_finish_records_the_stop_and_frees_the_lock() throws Exception {
        String stoppedRun;
        Process child = null;
        try (RowBlocker blocker = RowBlocker.insert(database, IN_SECOND_BATCH)) {
            child = startOnce("terminated");
            blocker.awaitWaiter();
            stoppedRun = database.query("SELECT id::text FROM sync_audit_logs WHERE status = 'in_progress'").get(0);

            child.destroy(); // SIGTERM
            await().atMost(Duration.ofSeconds(30)).until(() -> database.query("SELECT stop_requested_by FROM"
                    + " sync_audit_logs WHERE id = '" + stoppedRun + "'").contains("shutdown"));
            blocker.rollback(); // the batch in progress goes on to its commit
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            if (child != null) {
                child.destroyForcibly();
            }
        }

        assertThat(database.query("SELECT status || '|' || outcome || '|' || error_message FROM sync_audit_logs"
                + " WHERE id = '" + stoppedRun + "'")).singleElement()
                .satisfies(row -> assertThat(row).startsWith("failed|shutdown|service stopping"));
        assertThat(database.query("SELECT count(*)::text FROM sellers")).containsExactly("100");
        assertThat(RowBlocker.syncLockHeld(database)).isFalse();

        assertThat(SheetSyncApplication.once(TestService.properties(env()), quiet(), quiet())).isZero();
        assertExactData();
    }

    @Test
    void sigterm_to_the_service_stops_its_running_sync_after_the_batch_and_exits() throws Exception {
        int port = TestService.freePort();
        String stoppedRun;
        Process child = null;
        try (RowBlocker blocker = RowBlocker.insert(database, IN_SECOND_BATCH)) {
            child = start("service", port);
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest trigger = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sync"))
                    .header("Authorization", "Bearer " + TestService.OPERATOR)
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> http.send(trigger, HttpResponse.BodyHandlers.ofString()).statusCode() == 202);
            blocker.awaitWaiter();
            stoppedRun = database.query("SELECT id::text FROM sync_audit_logs WHERE status = 'in_progress'").get(0);

            child.destroy(); // SIGTERM
            await().atMost(Duration.ofSeconds(30)).until(() -> database.query("SELECT stop_requested_by FROM"
                    + " sync_audit_logs WHERE id = '" + stoppedRun + "'").contains("shutdown"));
            blocker.rollback();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            if (child != null) {
                child.destroyForcibly();
            }
        }

        assertThat(database.query("SELECT status || '|' || outcome FROM sync_audit_logs WHERE id = '" + stoppedRun
                + "'")).containsExactly("failed|shutdown");
        assertThat(database.query("SELECT count(*)::text FROM sellers")).containsExactly("100");
        assertThat(RowBlocker.syncLockHeld(database)).isFalse();
    }

    private static void assertExactData() {
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= SELLERS; i++) {
            expected.add("AA" + (1000 + i) + "|Seller " + i + "|1");
        }
        assertThat(database.query("SELECT seller_number || '|' || name || '|' || version FROM sellers"
                + " ORDER BY seller_number")).containsExactlyElementsOf(expected);
        assertThat(database.query("SELECT count(*)::text FROM sync_audit_logs WHERE status = 'in_progress'"))
                .containsExactly("0");
    }

    /** {@code java -cp <this test's classpath> io.sheetsync.SheetSyncApplication --once}, output to a file. */
    private static Process startOnce(String name) throws IOException {
        return launch(name, env(), "--once");
    }

    /** The service itself (no --once), its API on {@code port} and no schedule. */
    private static Process start(String name, int port) throws IOException {
        Map<String, String> env = env();
        env.put("SYNC_HTTP_PORT", Integer.toString(port));
        env.put("SYNC_OPERATOR_TOKEN", TestService.OPERATOR);
        env.put("SYNC_SCHEDULE_ENABLED", "false");
        return launch(name, env);
    }

    private static Process launch(String name, Map<String, String> env, String... arguments) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), SheetSyncApplication.class.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SYNC_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("SYNC_DB_URL", database.url());
        env.put("SYNC_DB_USER", database.user());
        env.put("SYNC_FILE_PATH", directory.resolve("sellers.csv").toString());
        env.put("SYNC_BATCH_SIZE", "50");
        env.put("SYNC_ADMIN_TOKEN", TestService.ADMIN);
        env.put("SYNC_HTTP_PORT", Integer.toString(TestService.freePort()));
        return env;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
