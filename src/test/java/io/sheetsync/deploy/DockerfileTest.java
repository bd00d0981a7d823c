package io.sheetsync.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.DeployFiles;
import io.sheetsync.support.Programs;
import io.sheetsync.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/Dockerfile without Docker (these machines have no engine): its build and entry commands are exactly those
 * of docker/outside-container.sh, and that script's entry command, run in the image's layout, syncs the sample sheet
 * into a test database with {@code --once}. So the image runs what the tests run.
 *
 * <p>The jar: the script's build step is the Dockerfile's {@code mvn -B -q package -DskipTests}, which shades a
 * 140 MB jar (a minute or more on two cores). A second full build inside {@code mvn test} would double that for
 * every run, so the test reuses {@code target/sheet-sync.jar} when it is newer than everything under
 * {@code target/classes} (what the surrounding build just compiled), and runs the build step only when the jar is
 * missing or stale. Either way the jar that runs was built by the Dockerfile's command from these classes.
 */
class DockerfileTest {

    static final Path SCRIPT = DeployFiles.docker("outside-container.sh");
    static final Dockerfile DOCKERFILE = Dockerfile.read();
    static TestDatabase database;

    @TempDir
    static Path app;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create(DockerfileTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void the_jar_is_built_by_maven_and_runs_on_a_jre_as_a_user_other_than_root() {
        assertThat(DOCKERFILE.stages()).hasSize(2);
        assertThat(DOCKERFILE.build().from()).startsWith("maven:").endsWith(" AS build").contains("temurin-17");
        assertThat(DOCKERFILE.image().from()).startsWith("eclipse-temurin:17-jre");
        assertThat(DOCKERFILE.user()).matches("[1-9][0-9]*:[1-9][0-9]*");
    }

    @Test
    void the_build_and_entry_commands_are_the_ones_the_outside_container_script_runs() throws Exception {
        Programs.Result commands = Programs.run(List.of("bash", SCRIPT.toString(), "commands"), 30);
        List<String> lines = commands.stdout().lines().toList();

        assertThat(commands.exit()).as(commands.describe()).isZero();
        assertThat(lines).hasSize(2);
        assertThat(DOCKERFILE.buildCommands()).containsExactly(lines.get(0));
        assertThat(String.join(" ", DOCKERFILE.entryCommand())).isEqualTo(lines.get(1));
        assertThat(DOCKERFILE.entryCommand()).contains("-XX:MaxRAMPercentage=75").endsWith("-jar", "sheet-sync.jar");
    }

    @Test
    void the_health_check_asks_for_readiness_on_the_port_the_image_exposes() {
        assertThat(DOCKERFILE.image().arguments("ENV")).contains("SYNC_HTTP_PORT=" + DOCKERFILE.exposedPort());
        assertThat(DOCKERFILE.exposedPort()).isEqualTo(DeployFiles.configurationDefault("SYNC_HTTP_PORT"));
        assertThat(DOCKERFILE.healthcheck()).contains("http://127.0.0.1:${SYNC_HTTP_PORT}/observe/health/ready");
    }

    @Test
    void every_file_the_image_copies_is_in_the_repository_and_in_the_build_context() {
        String dockerignore = DeployFiles.read(DeployFiles.root().resolve(".dockerignore"));
        for (Dockerfile.Stage stage : DOCKERFILE.stages()) {
            for (String source : stage.arguments("COPY").stream().map(copy -> copy.split(" ")[0]).toList()) {
                if (!source.startsWith("--from=")) {
                    assertThat(DeployFiles.root().resolve(source)).as(source).exists();
                    assertThat(dockerignore).as(".dockerignore lets " + source + " in").contains("!" + source);
                }
            }
        }
        assertThat(DOCKERFILE.imageCopies())
                .containsExactly("--from=build /build/target/sheet-sync.jar", "routes", "samples");
        assertThat(DOCKERFILE.build().single("WORKDIR")).isEqualTo("/build");
    }

    @Test
    void the_image_command_with_once_syncs_the_sample_sheet_and_prints_one_json_line() throws Exception {
        ensureFreshJar();

        Programs.Result once = Programs.run(List.of("bash", SCRIPT.toString(), "run", app.toString(), "--once"),
                DeployFiles.root(), Map.of("SYNC_DB_URL", database.url(), "SYNC_DB_USER", database.user()), 180);

        assertThat(once.exit()).as(once.describe()).isZero();
        List<String> lines = once.stdout().lines().toList();
        assertThat(lines).as(once.describe()).hasSize(1);
        JsonNode summary = new ObjectMapper().readTree(lines.get(0));
        long sampleRows = DeployFiles.read(DeployFiles.root().resolve("samples/sellers.csv")).lines()
                .filter(line -> !line.isBlank()).count() - 1;
        assertThat(summary.get("status").asText()).isEqualTo("completed");
        assertThat(summary.get("counts").get("created").asLong()).isEqualTo(sampleRows);
        assertThat(database.query("SELECT count(*) FROM sellers")).containsExactly(Long.toString(sampleRows));
        // The layout the entry command ran in: the image's COPY destinations, and data/ as its RUN makes it
        try (Stream<Path> entries = Files.list(app)) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("sheet-sync.jar", "routes", "samples", "data");
        }
    }

    /**
     * Runs the script's build step (the Dockerfile's Maven command) unless target/ holds a jar of these classes. The
     * suite's test JVMs run side by side and more than one class runs the jar: a file lock lets one of them build it
     * while the others wait, and then find it fresh (two builds at once overwrote each other's jar).
     */
    static void ensureFreshJar() throws Exception {
        Path jar = DeployFiles.root().resolve("target/sheet-sync.jar");
        try (FileChannel lock = FileChannel.open(DeployFiles.root().resolve("target/sheet-sync.jar.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = lock.lock()) {
            if (Files.exists(jar) && !Files.getLastModifiedTime(jar).toInstant()
                    .isBefore(newest(DeployFiles.root().resolve("target/classes")).toInstant())) {
                return;
            }
            Programs.Result build = Programs.run(List.of("bash", SCRIPT.toString(), "build"), 900);
            assertThat(build.exit()).as(build.describe()).isZero();
            assertThat(jar).isRegularFile();
        }
    }

    private static FileTime newest(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).map(file -> {
                try {
                    return Files.getLastModifiedTime(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).max(FileTime::compareTo).orElse(FileTime.fromMillis(0));
        }
    }
}
