package io.sheetsync.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.SheetSyncApplication;
import io.sheetsync.support.CommandOutput;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --once}: one JSON line on stdout and the exit codes of CONTRACT section 1. */
class OnceCommandTest {

    static TestDatabase database;

    @TempDir
    static Path directory;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create(OnceCommandTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void a_completed_run_prints_its_summary_and_exits_0() throws Exception {
        Path sheet = directory.resolve("good.csv");
        Files.writeString(sheet, "seller_number,name,inquiry_date\nAA1,One,2024-01-01\nAA2,Two,2024-01-02\n");
        CommandOutput output = new CommandOutput();

        int exit = SheetSyncApplication.once(TestService.properties(env(sheet, Map.of())), output.out, output.err);

        assertThat(exit).isZero();
        String[] lines = output.stdout().strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode summary = new ObjectMapper().readTree(lines[0]);
        assertThat(summary.get("status").asText()).isEqualTo("completed");
        assertThat(summary.get("syncId").asText()).hasSize(36);
        assertThat(summary.get("counts").get("total").asInt()).isEqualTo(2);
        assertThat(summary.get("gaps").isArray()).isTrue();
        assertThat(summary.get("durationsMs").has("total")).isTrue();
    }

    @Test
    void a_failed_run_prints_its_summary_and_exits_1() throws Exception {
        CommandOutput output = new CommandOutput();

        int exit = SheetSyncApplication.once(TestService.properties(env(directory.resolve("missing.csv"), Map.of())),
                output.out, output.err);

        assertThat(exit).isEqualTo(1);
        JsonNode summary = new ObjectMapper().readTree(output.stdout().strip());
        assertThat(summary.get("status").asText()).isEqualTo("failed");
        assertThat(summary.get("error").asText()).contains("missing.csv");
    }

    @Test
    void an_invalid_setting_exits_2_with_a_one_line_reason_naming_the_key() throws Exception {
        CommandOutput output = new CommandOutput();

        int exit = SheetSyncApplication.once(TestService.properties(env(directory.resolve("any.csv"),
                Map.of("SYNC_INTERVAL_MINUTES", "0"))), output.out, output.err);

        assertThat(exit).isEqualTo(2);
        assertThat(output.stdout()).isEmpty();
        assertThat(output.stderr().strip()).contains("SYNC_INTERVAL_MINUTES").doesNotContain("\n");
    }

    private static Map<String, String> env(Path sheet, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(TestService.settings(database, sheet, overrides));
        return env;
    }
}
