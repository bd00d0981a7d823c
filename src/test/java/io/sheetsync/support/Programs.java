package io.sheetsync.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Programs the deployment tests run: Debian's promtool and prometheus (installed by src/test/setup/ensure-prometheus.sh,
 * which `mvn test` and .ci/run call), and the repository's own scripts. A missing program fails the test, never skips it.
 */
public final class Programs {

    private Programs() {
    }

    /** What a finished program printed and how it exited. */
    public record Result(int exit, String stdout, String stderr) {
        public String describe() {
            return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    /** The absolute path of a program on the PATH; fails with what to install when it is not there. */
    public static String require(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(program + " is not installed: run src/test/setup/ensure-prometheus.sh"
                + " (apt-get install prometheus), as `mvn test` does when it runs as root");
    }

    /**
     * Runs a command to its end in {@code directory}, with the inherited environment less its SYNC_* variables, plus
     * {@code environment}.
     */
    public static Result run(List<String> command, Path directory, Map<String, String> environment, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("program", ".out");
        Path stderr = Files.createTempFile("program", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            // The service reads SYNC_* variables: only the test's own settings reach the program, never the machine's
            builder.environment().keySet().removeIf(key -> key.startsWith("SYNC_"));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not end within " + timeoutSeconds + " s:\n"
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** Runs a command in the repository root with the inherited environment. */
    public static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        return run(command, DeployFiles.root(), Map.of(), timeoutSeconds);
    }
}
