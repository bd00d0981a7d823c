package io.sheetsync.bench;

import io.sheetsync.support.History;
import io.sheetsync.support.TestDatabase;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's two latency targets, measured on a running service (README "Performance"): the dashboard and metrics
 * endpoints answer within 500 ms on a database holding a year of five-minute runs, and an alert is stored and logged
 * within 100 ms of its condition (a run ending failed). Writes {@code target/benchmark/api-latency.md}.
 *
 * <p>Run by {@code mvn -B -Pbenchmark verify} after {@link SyncBenchmark}. Not a test: measured, never asserted.
 */
public final class ApiLatencyBenchmark {

    private static final String TOKEN = "benchmark-admin-token-0123456789";
    private static final int WARM_UP = 3;
    private static final List<String> ENDPOINTS = List.of("/api/dashboard", "/api/metrics?days=7",
            "/api/metrics?days=365", "/api/sync/status", "/api/alerts?limit=50");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path jar;
    private final Path out;
    private final int samples;
    private String root;

    private ApiLatencyBenchmark(Path jar, Path out, int samples) {
        this.jar = jar;
        this.out = out;
        this.samples = samples;
    }

    public static void main(String[] args) throws Exception {
        ApiLatencyBenchmark benchmark = new ApiLatencyBenchmark(
                Path.of(System.getProperty("benchmark.jar", "target/sheet-sync.jar")),
                Path.of(System.getProperty("benchmark.out", "target/benchmark")),
                Integer.getInteger("benchmark.latencySamples", 20));
        String report = benchmark.run();
        System.out.println(report);
        System.out.println("report: " + benchmark.out.resolve("api-latency.md").toAbsolutePath());
        System.exit(0);
    }

    private String run() throws Exception {
        Path logs = Files.createDirectories(out.resolve("logs"));
        Path log = logs.resolve("api-latency-service.log");
        try (TestDatabase database = TestDatabase.create(ApiLatencyBenchmark.class)) {
            Process service = start(database, logs, log);
            try {
                awaitReady(service);
                seedAYearOfRuns(database);
                Map<String, List<Long>> raw = timeEveryEndpoint();
                // the daily housekeeping rolls metrics older than SYNC_METRICS_ROLLUP_DAYS up into days
                expectOk("/api/housekeeping", send(HttpRequest.newBuilder(URI.create(root + "/api/housekeeping"))
                        .POST(HttpRequest.BodyPublishers.noBody())));
                Map<String, List<Long>> rolledUp = timeEveryEndpoint();
                List<Long> alerts = alertLatencies(database, log);
                String report = report(raw, rolledUp, alerts);
                Files.writeString(out.resolve("api-latency.md"), report, StandardCharsets.UTF_8);
                return report;
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    /** The service against an empty database whose sheet is a file that does not exist: every run fails. */
    private Process start(TestDatabase database, Path logs, Path log) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        root = "http://127.0.0.1:" + port;
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toAbsolutePath().toString())
                .directory(logs.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SYNC_"));
        builder.environment().putAll(Map.of(
                "SYNC_DB_URL", database.url(),
                "SYNC_DB_USER", database.user(),
                "SYNC_FILE_PATH", logs.resolve("no-such-sheet.csv").toAbsolutePath().toString(),
                "SYNC_SCHEDULE_ENABLED", "false",
                "SYNC_RETENTION_DAYS", "400",
                "SYNC_ADMIN_TOKEN", TOKEN,
                "SYNC_HTTP_PORT", Integer.toString(port)));
        return builder.start();
    }

    private void awaitReady(Process service) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue() + ": see its log");
            }
            try {
                if (get("/api/session").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not answer within 3 minutes");
    }

    /**
     * A year of five-minute runs ending now, as the service's own tables hold them: metrics, one record log each, an
     * error log and a failure every fiftieth, and two acknowledged alerts a day. Analyzed, as autovacuum would have.
     */
    private static void seedAYearOfRuns(TestDatabase database) {
        log("seeding %,d runs", History.RUNS_A_YEAR);
        new History(database).aYearOfFiveMinuteRuns(Instant.now());
        database.execute("""
                INSERT INTO sync_error_logs (audit_log_id, seller_number, error_message, error_type, timestamp)
                SELECT id, NULL, 'the sheet could not be read', 'network', end_time FROM sync_audit_logs
                WHERE status = 'failed'""");
        database.execute("""
                INSERT INTO sync_alerts (severity, type, condition_key, message, acknowledged, acknowledged_at,
                  acknowledged_by, created_at, last_seen_at)
                SELECT 'medium', 'sync_failed', 'sync_failed', 'a run failed', true, t, 'benchmark', t, t
                FROM generate_series(1, 730) g,
                  LATERAL (SELECT (now() AT TIME ZONE 'UTC') - g * interval '12 hours') s(t)""");
        database.execute("ANALYZE");
    }

    private Map<String, List<Long>> timeEveryEndpoint() throws IOException, InterruptedException {
        Map<String, List<Long>> endpoints = new LinkedHashMap<>();
        for (String endpoint : ENDPOINTS) {
            endpoints.put(endpoint, time(endpoint));
        }
        return endpoints;
    }

    /** Milliseconds per answer of {@code endpoint}, after a few answers that warm it up. */
    private List<Long> time(String endpoint) throws IOException, InterruptedException {
        for (int i = 0; i < WARM_UP; i++) {
            expectOk(endpoint, get(endpoint));
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            long started = System.nanoTime();
            HttpResponse<String> answer = get(endpoint);
            times.add((System.nanoTime() - started) / 1_000_000);
            expectOk(endpoint, answer);
        }
        log("%s: median %d ms, max %d ms", endpoint, BenchmarkReport.median(times), max(times));
        return times;
    }

    /**
     * For each of a few failing runs started through the API: the time from the run's recorded end (its failure, the
     * condition) to the ALERT line of its sync_failed alert, which the service writes once the alert is stored.
     */
    private List<Long> alertLatencies(TestDatabase database, Path log) throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < Math.max(5, samples / 4); i++) {
            HttpResponse<String> started = send(HttpRequest.newBuilder(URI.create(root + "/api/sync"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            expectOk("/api/sync", started);
            String syncId = started.body().replaceAll(".*\"syncId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            Optional<OffsetDateTime> logged = awaitAlertLine(log, syncId);
            List<String> ended = database.query("SELECT (extract(epoch FROM end_time) * 1000)::bigint"
                    + " FROM sync_audit_logs WHERE id = '" + syncId + "'");
            if (logged.isEmpty() || ended.isEmpty()) {
                throw new IllegalStateException("run " + syncId + " raised no logged alert: see " + log);
            }
            long latency = logged.get().toInstant().toEpochMilli() - Long.parseLong(ended.get(0));
            latencies.add(latency);
            log("run %s failed; its alert was logged %d ms later", syncId, latency);
            // the next failure raises a fresh alert instead of counting an occurrence of this one
            database.execute("UPDATE sync_alerts SET acknowledged = true, acknowledged_at = now(),"
                    + " acknowledged_by = 'benchmark' WHERE NOT acknowledged");
        }
        return latencies;
    }

    private static Optional<OffsetDateTime> awaitAlertLine(Path log, String syncId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.contains(" ALERT ") && line.contains("syncId=" + syncId)) {
                    return Optional.of(OffsetDateTime.parse(line.substring(0, line.indexOf(' '))));
                }
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    private String report(Map<String, List<Long>> raw, Map<String, List<Long>> rolledUp, List<Long> alerts)
            throws IOException {
        StringBuilder report = new StringBuilder("# API latency on a year of five-minute runs\n\n");
        report.append(String.format(Locale.ROOT, "%,d runs with their metrics, record logs, error logs and 730"
                + " alerts; %d answers per endpoint after %d to warm up; %s%n%n", History.RUNS_A_YEAR, samples, WARM_UP,
                "load average " + Files.readString(Path.of("/proc/loadavg")).strip()));
        report.append("| endpoint | every run's metrics kept: median (max) | after housekeeping's roll-up: median"
                + " (max) | target |\n|---|---|---|---|\n");
        raw.forEach((endpoint, times) -> report.append(String.format(Locale.ROOT,
                "| `GET %s` | %d ms (%d ms) | %d ms (%d ms) | < 500 ms |%n", endpoint, BenchmarkReport.median(times),
                max(times), BenchmarkReport.median(rolledUp.get(endpoint)), max(rolledUp.get(endpoint)))));
        report.append(String.format(Locale.ROOT, "%nAn alert, from the failed run's recorded end to its logged"
                + " (stored) ALERT line, %d runs: median %d ms, max %d ms (target: within 100 ms).%n", alerts.size(),
                BenchmarkReport.median(alerts), max(alerts)));
        return report.toString();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(root + path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void expectOk(String endpoint, HttpResponse<String> answer) {
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(endpoint + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[benchmark] " + format + "%n", args);
    }
}
