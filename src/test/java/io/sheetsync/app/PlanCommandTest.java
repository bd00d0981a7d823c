package io.sheetsync.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.sheetsync.SheetSyncApplication;
import io.sheetsync.support.AllTables;
import io.sheetsync.support.CommandOutput;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --plan}: one JSON line on stdout, nothing written, and the exit codes of CONTRACT section 1. */
class PlanCommandTest {

    static TestDatabase database;

    @TempDir
    static Path directory;

    static Path sheet;

    @BeforeAll
    static void syncedDatabase() throws Exception {
        database = TestDatabase.create(PlanCommandTest.class);
        sheet = directory.resolve("sellers.csv");
        Files.writeString(sheet, "seller_number,name,inquiry_date\nAA1,One,2024-01-01\nAA2,Two,2024-01-02\n");
        CommandOutput once = new CommandOutput();
        assertThat(SheetSyncApplication.once(settings(Map.of()), once.out, once.err)).isZero();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void a_database_in_step_prints_an_empty_plan_and_exits_0() throws Exception {
        CommandOutput output = new CommandOutput();

        int exit = SheetSyncApplication.plan(settings(Map.of()), output.out, output.err);

        assertThat(exit).isZero();
        JsonNode plan = output.line();
        assertThat(plan.get("inStep").asBoolean()).isTrue();
        assertThat(plan.get("counts").get("unchanged").asInt()).isEqualTo(2);
        assertThat(plan.get("changes")).isEmpty();
    }

    @Test
    void pending_changes_print_the_plan_exit_3_and_write_nothing_not_even_the_crash_clean_up() throws Exception {
        Path edited = directory.resolve("edited.csv");
        Files.writeString(edited, "seller_number,name,inquiry_date\nAA1,One,2024-01-01\nAA2,Two edited,2024-01-02\n"
                + "AA3,Three,2024-01-03\n");
        // a run a crashed process left in progress: the service marks it failed at start-up, a plan must not
        database.execute("INSERT INTO sync_audit_logs (id, start_time, trigger_source, status, source, created_at,"
                + " updated_at) VALUES (gen_random_uuid(), now(), 'scheduled', 'in_progress', 'test', now(), now())");
        List<String> before = AllTables.snapshot(database);
        CommandOutput output = new CommandOutput();

        int exit = SheetSyncApplication.plan(settings(Map.of("SYNC_FILE_PATH", edited.toString())), output.out,
                output.err);

        assertThat(exit).isEqualTo(3);
        JsonNode plan = output.line();
        assertThat(plan.get("inStep").asBoolean()).isFalse();
        assertThat(plan.get("counts").get("create").asInt()).isEqualTo(1);
        assertThat(plan.get("counts").get("update").asInt()).isEqualTo(1);
        assertThat(plan.get("changes")).extracting(change -> change.get("sellerNumber").asText())
                .containsExactly("AA2", "AA3");
        assertThat(AllTables.snapshot(database)).as("every table after the plan").isEqualTo(before);
        database.execute("DELETE FROM sync_audit_logs WHERE status = 'in_progress'");
    }

    @Test
    void a_sheet_that_cannot_be_read_prints_the_reason_and_exits_1() throws Exception {
        CommandOutput output = new CommandOutput();

        int exit = SheetSyncApplication.plan(settings(Map.of("SYNC_FILE_PATH",
                directory.resolve("missing.csv").toString())), output.out, output.err);

        assertThat(exit).isEqualTo(1);
        JsonNode line = output.line();
        assertThat(line.get("error").asText()).isEqualTo("plan_failed");
        assertThat(line.get("message").asText()).contains("missing.csv");
    }

    @Test
    void an_unreachable_database_exits_1() throws Exception {
        CommandOutput output = new CommandOutput();

        int exit = SheetSyncApplication.plan(settings(Map.of("SYNC_DB_URL",
                "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2")), output.out, output.err);

        assertThat(exit).isEqualTo(1);
        assertThat(output.line().get("error").asText()).isEqualTo("plan_failed");
    }

    @Test
    void an_invalid_setting_exits_2_with_a_one_line_reason_naming_the_key() throws Exception {
        CommandOutput output = new CommandOutput();

        int exit = SheetSyncApplication.plan(settings(Map.of("SYNC_INTERVAL_MINUTES", "0")), output.out, output.err);

        assertThat(exit).isEqualTo(2);
        assertThat(output.stdout()).isEmpty();
        assertThat(output.stderr().strip()).contains("SYNC_INTERVAL_MINUTES").doesNotContain("\n");
    }

    private static java.util.Properties settings(Map<String, String> overrides) {
        return TestService.properties(TestService.settings(database, sheet, overrides));
    }
}
