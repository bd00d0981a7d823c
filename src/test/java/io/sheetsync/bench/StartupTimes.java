package io.sheetsync.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a {@code --once} process spends the time around its run, read from its log's timestamps: the JVM until the
 * first log line (wall time minus the logged span), the database pool and the schema check, the rest of the wiring
 * and Camel's start until the run begins, and the exit after the run ended. Milliseconds, keys prefixed
 * {@code startup:}.
 */
final class StartupTimes {

    private StartupTimes() {
    }

    static Map<String, Long> of(Path log, long wallMs) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Instant first = null;
        Instant last = null;
        Instant database = null;
        Instant runStarted = null;
        Instant runEnded = null;
        for (String line : lines) {
            Instant at = timestamp(line);
            if (at == null) {
                continue;
            }
            first = first == null ? at : first;
            last = at;
            if (database == null && line.contains("database ready")) {
                database = at;
            } else if (runStarted == null && line.contains(" sync started ")) {
                runStarted = at;
            } else if (line.contains(" sync completed") || line.contains(" sync failed")) {
                runEnded = at;
            }
        }
        Map<String, Long> times = new LinkedHashMap<>();
        if (first == null || database == null || runStarted == null) {
            return times;
        }
        times.put("startup:jvm", Math.max(0, wallMs - (last.toEpochMilli() - first.toEpochMilli())));
        times.put("startup:database", database.toEpochMilli() - first.toEpochMilli());
        times.put("startup:camel", runStarted.toEpochMilli() - database.toEpochMilli());
        if (runEnded != null) {
            times.put("exit", last.toEpochMilli() - runEnded.toEpochMilli());
        }
        return times;
    }

    private static Instant timestamp(String line) {
        int space = line.indexOf(' ');
        if (space < 20 || !Character.isDigit(line.charAt(0))) {
            return null;
        }
        try {
            return Instant.parse(line.substring(0, space));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
