package io.sheetsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code java -jar sheet-sync.jar --once} (or {@code --plan}) process, timed as a whole from spawn to exit, its peak resident memory
 * read from {@code /proc/<pid>/status} (VmHWM, the kernel's own high-water mark, polled while it runs), its JSON
 * summary parsed and its log (stderr) kept in a file.
 */
final class OnceProcess {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one process did: wall time, peak RSS, exit code and its summary line. */
    record Result(long wallMs, long peakRssKb, int exitCode, JsonNode summary, Path log) {

        String syncId() {
            return summary.path("syncId").asText(null);
        }

        String status() {
            return summary.path("status").asText("?");
        }
    }

    private OnceProcess() {
    }

    /** @param mode {@code --once} or {@code --plan} */
    static Result run(Path jar, String mode, List<String> jvmOptions, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.add(mode);
        Files.createDirectories(log.getParent());
        Path out = log.resolveSibling(log.getFileName() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(out.toFile());
        builder.directory(log.getParent().toFile()); // no ./application.properties of the developer's is read
        builder.environment().keySet().removeIf(key -> key.startsWith("SYNC_"));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        long peak = 0;
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        while (process.isAlive()) {
            peak = Math.max(peak, highWaterMark(status));
            Thread.sleep(20);
        }
        int exit = process.waitFor();
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        String lastLine = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("{")).reduce((a, b) -> b).orElse("{}");
        return new Result(wallMs, peak, exit, JSON.readTree(lastLine), log);
    }

    /** VmHWM in KiB, or 0 when the process is gone or this is not Linux. */
    static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between two polls
        }
        return 0;
    }
}
