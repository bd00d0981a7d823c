package io.sheetsync.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.DeployFiles;
import io.sheetsync.support.Programs;
import io.sheetsync.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's script for {@code --once} from cron ("A faster start for cron"), run as written but for its paths: the
 * first run writes the class-data archive, the next maps it, and with or without docker/compiler-directives.json
 * each run syncs and prints exactly its JSON line (the JVM's own output goes to standard error).
 */
class CronScriptTest {

    private static final Pattern SCRIPT = Pattern.compile(
            "### A faster start for cron.*?```sh\\n(.*?)```", Pattern.DOTALL);

    static TestDatabase database;

    @TempDir
    static Path dir;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create(CronScriptTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void the_readme_script_writes_the_archive_then_uses_it_and_prints_only_the_runs_line() throws Exception {
        DockerfileTest.ensureFreshJar();
        Path directives = dir.resolve("compiler-directives.json");
        Files.copy(DeployFiles.docker("compiler-directives.json"), directives);
        Path archive = dir.resolve("sheet-sync.jsa");
        Path script = dir.resolve("once.sh");
        Files.writeString(script, script(archive, directives));
        Path sheet = dir.resolve("sellers.csv");
        Files.writeString(sheet, "seller_number,name,inquiry_date\nAA1,Sato,2024-01-01\nAA2,Suzuki,2024-01-02\n");

        assertOneCompletedLine(run(script, sheet), 2);
        assertThat(archive).as("the first run writes the archive").isRegularFile();

        Programs.Result mapped = run(script, sheet);
        assertOneCompletedLine(mapped, 0);
        assertThat(mapped.stderr()).as("the archive is used, the directives read")
                .doesNotContain("Unable to use shared archive").contains("compiler directives added");

        Files.delete(directives);
        assertOneCompletedLine(run(script, sheet), 0); // the client compiler alone, as the script falls back to
    }

    /** README's script, its paths pointing at this test's jar, archive and directives. */
    private static String script(Path archive, Path directives) {
        Matcher block = SCRIPT.matcher(DeployFiles.read(DeployFiles.root().resolve("README.md")));
        assertThat(block.find()).as("README has the script").isTrue();
        return block.group(1)
                .replace("/opt/sheet-sync/sheet-sync.jar", DeployFiles.root().resolve("target/sheet-sync.jar").toString())
                .replace("/var/lib/sheet-sync/sheet-sync.jsa", archive.toString())
                .replace("/opt/sheet-sync/compiler-directives.json", directives.toString());
    }

    private static Programs.Result run(Path script, Path sheet) throws Exception {
        return Programs.run(List.of("bash", script.toString()), DeployFiles.root(), Map.of("SYNC_DB_URL", database.url(),
                "SYNC_DB_USER", database.user(), "SYNC_FILE_PATH", sheet.toString()), 180);
    }

    private static void assertOneCompletedLine(Programs.Result once, int created) throws Exception {
        assertThat(once.exit()).as(once.describe()).isZero();
        List<String> lines = once.stdout().lines().toList();
        assertThat(lines).as(once.describe()).hasSize(1);
        var summary = new ObjectMapper().readTree(lines.get(0));
        assertThat(summary.get("status").asText()).isEqualTo("completed");
        assertThat(summary.get("counts").get("created").asInt()).isEqualTo(created);
    }
}
