package io.sheetsync.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.SheetsApiFake;
import io.sheetsync.support.TestDatabase;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The performance benchmark (README "Performance"): N generated seller rows served by the Sheets API fake over
 * loopback, synced by whole {@code java -jar target/sheet-sync.jar --once} processes (an initial sync into an empty
 * database, a re-sync with nothing changed, a re-sync after 1 % of the rows changed) and planned by a whole
 * {@code --plan} process of the synced sheet (which must cost no more than the no-change sync), each case repeated,
 * beside
 * PostgreSQL's own COPY + merge of the same rows; writes {@code target/benchmark/benchmark.md} and {@code .svg}.
 *
 * <p>Run with {@code mvn -B -Pbenchmark verify} (see the profile in pom.xml for its properties). Not a test: timing is
 * measured here, never asserted.
 */
public final class SyncBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPREADSHEET = "benchmark";

    private final int rows;
    private final int repeats;
    private final Path jar;
    private final Path out;
    private final List<String> jvmOptions;
    private final boolean flightRecording;
    private final boolean classDataArchive;

    private SyncBenchmark(int rows, int repeats, Path jar, Path out, List<String> jvmOptions, boolean flightRecording,
                          boolean classDataArchive) {
        if (flightRecording && classDataArchive) {
            // seen on 17.0.15: every measured process died at start-up (SIGSEGV in
            // KlassFactory::check_shared_class_file_load_hook), and the report showed their crashes as 1 s syncs
            throw new IllegalArgumentException("-Dbenchmark.jfr=true and -Dbenchmark.cds=true cannot be combined: the"
                    + " JVM crashes when a flight recording starts on a dynamic class-data archive; profile without"
                    + " the archive");
        }
        this.rows = rows;
        this.repeats = repeats;
        this.jar = jar;
        this.out = out;
        this.jvmOptions = new ArrayList<>(jvmOptions);
        this.flightRecording = flightRecording;
        this.classDataArchive = classDataArchive;
    }

    public static void main(String[] args) throws Exception {
        String options = System.getProperty("benchmark.jvmArgs", "").strip();
        SyncBenchmark benchmark = new SyncBenchmark(Integer.getInteger("benchmark.rows", 100_000),
                Integer.getInteger("benchmark.repeats", 3),
                Path.of(System.getProperty("benchmark.jar", "target/sheet-sync.jar")),
                Path.of(System.getProperty("benchmark.out", "target/benchmark")),
                options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+")),
                Boolean.getBoolean("benchmark.jfr"), Boolean.getBoolean("benchmark.cds"));
        BenchmarkReport report = benchmark.run();
        System.out.println(report.markdown());
        System.out.println("report: " + benchmark.out.resolve("benchmark.md").toAbsolutePath());
        System.exit(0); // the fake's and the pool's threads would keep Maven's JVM waiting
    }

    private BenchmarkReport run() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn package first (the benchmark profile does)");
        }
        String loadBefore = loadAverage();
        List<List<Object>> sheet = BenchmarkSheet.rows(rows, 20240601L);
        log("generated %,d rows", rows);
        List<Long> reference = new ArrayList<>();
        List<BenchmarkReport.Sample> initial = new ArrayList<>();
        List<BenchmarkReport.Sample> unchanged = new ArrayList<>();
        List<BenchmarkReport.Sample> changed = new ArrayList<>();
        List<BenchmarkReport.Sample> planned = new ArrayList<>();
        try (SheetsApiFake fake = new SheetsApiFake();
             TestDatabase referenceDatabase = TestDatabase.create(ReferenceLoad.class)) {
            ReferenceLoad load = ReferenceLoad.prepare(referenceDatabase, sheet, out);
            if (classDataArchive) {
                jvmOptions.add("-XX:SharedArchiveFile=" + classDataArchive(fake, sheet));
            }
            for (int round = 0; round < repeats; round++) {
                // Each round times the reference just before its cases: the speed of a shared virtual machine drifts
                // by a third within minutes, and a reference timed once at the start skewed every ratio after it.
                reference.add(load.run());
                log("reference %d: %,d ms, %,d sellers", round + 1, reference.get(round), load.storedSellers());
                List<List<Object>> copy = new ArrayList<>();
                sheet.forEach(row -> copy.add(new ArrayList<>(row)));
                SheetsApiFake.Sheet served = fake.spreadsheet(SPREADSHEET).sheet("Sellers").rows(copy);
                try (TestDatabase database = TestDatabase.create(SyncBenchmark.class)) {
                    Map<String, String> environment = environment(fake, database);
                    initial.add(once("initial", round, environment, database));
                    unchanged.add(once("no-change", round, environment, database));
                    planned.add(plan(round, environment));
                    int edited = BenchmarkSheet.changeOnePercent(copy, round);
                    served.rows(copy);
                    log("changed %,d rows", edited);
                    changed.add(once("one-percent", round, environment, database));
                }
            }
        }
        String machine = machine(loadBefore) + (jvmOptions.isEmpty() ? ""
                : " Options of the measured JVMs: `" + String.join(" ", jvmOptions) + "`.");
        BenchmarkReport report = new BenchmarkReport(rows, machine, List.of(
                new BenchmarkReport.Case("initial sync into an empty database", 2.0, initial),
                new BenchmarkReport.Case("re-sync, nothing changed", 1.0, unchanged),
                new BenchmarkReport.Case("re-sync after 1 % of the rows changed", 1.2, changed),
                new BenchmarkReport.Case("plan (--plan) of the synced sheet", 1.0, planned)), reference);
        report.write(out);
        return report;
    }

    /**
     * README's advice for cron, measured: one training run (an initial sync, which loads the most classes) writes a
     * class-data archive of the classes it loaded, and the measured processes map it instead of loading them again.
     */
    private Path classDataArchive(SheetsApiFake fake, List<List<Object>> sheet) throws Exception {
        Path archive = out.resolve("sheet-sync.jsa").toAbsolutePath();
        Files.deleteIfExists(archive);
        List<String> training = new ArrayList<>(jvmOptions);
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        fake.spreadsheet(SPREADSHEET).sheet("Sellers").rows(sheet);
        try (TestDatabase database = TestDatabase.create(SyncBenchmark.class)) {
            OnceProcess.run(jar, "--once", training, environment(fake, database),
                    out.resolve("logs").resolve("class-data-training.log"));
        }
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run wrote no class-data archive (see its log)");
        }
        log("class-data archive %s (%,d MB)", archive, Files.size(archive) / (1024 * 1024));
        return archive;
    }

    private BenchmarkReport.Sample once(String name, int round, Map<String, String> environment, TestDatabase database)
            throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(jvmOptions);
        if (flightRecording) {
            options.add("-XX:StartFlightRecording=settings=profile,filename="
                    + out.resolve(name + "-" + round + ".jfr").toAbsolutePath());
        }
        OnceProcess.Result result = OnceProcess.run(jar, "--once", options, environment,
                out.resolve("logs").resolve(name + "-" + round + ".log"));
        Map<String, Long> phases = new LinkedHashMap<>();
        if (result.syncId() != null) {
            List<String> stored = database.query("SELECT execution_time::text FROM sync_metrics WHERE audit_log_id = '"
                    + result.syncId() + "'");
            if (!stored.isEmpty()) {
                JSON.readValue(stored.get(0), new TypeReference<Map<String, Long>>() { })
                        .forEach((stage, ms) -> phases.put(stage, ms));
            }
        }
        phases.putAll(StartupTimes.of(result.log(), result.wallMs()));
        log("%s #%d: %s in %,d ms, peak RSS %,d MB, stages %s, exit %d", name, round + 1, result.status(),
                result.wallMs(), result.peakRssKb() / 1024, phases, result.exitCode());
        if (result.exitCode() != 0 || !"completed".equals(result.status())) {
            // a crashed or failed run is fast: its time must never reach the report as a sync's
            throw new IllegalStateException(name + " run " + (round + 1) + " did not complete (exit "
                    + result.exitCode() + ", status " + result.status() + "): see " + result.log());
        }
        return new BenchmarkReport.Sample(result.wallMs(), result.peakRssKb(), phases, result.status());
    }

    /**
     * One whole --plan process of the synced sheet: its time from spawn to exit and its peak memory (a plan stores no
     * stage times: it writes nothing, sync_metrics included).
     */
    private BenchmarkReport.Sample plan(int round, Map<String, String> environment)
            throws IOException, InterruptedException {
        OnceProcess.Result result = OnceProcess.run(jar, "--plan", jvmOptions, environment,
                out.resolve("logs").resolve("plan-" + round + ".log"));
        String status = result.exitCode() == 0 ? "in step" : "exit " + result.exitCode();
        log("plan #%d: %s in %,d ms, peak RSS %,d MB", round + 1, status, result.wallMs(), result.peakRssKb() / 1024);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("plan run " + (round + 1) + " of the synced sheet did not find it in step"
                    + " (exit " + result.exitCode() + "): see " + result.log());
        }
        return new BenchmarkReport.Sample(result.wallMs(), result.peakRssKb(), Map.of(), status);
    }

    private static Map<String, String> environment(SheetsApiFake fake, TestDatabase database) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SYNC_DB_URL", database.url());
        environment.put("SYNC_DB_USER", database.user());
        environment.put("SYNC_SHEETS_SPREADSHEET_ID", SPREADSHEET);
        environment.put("SYNC_SHEETS_RANGE", "Sellers");
        environment.put("SYNC_SHEETS_ROOT_URL", fake.rootUrl());
        environment.put("SYNC_SHEETS_ACCESS_TOKEN", fake.token());
        environment.put("SYNC_SCHEDULE_ENABLED", "false");
        environment.put("SYNC_ADMIN_TOKEN", "benchmark-admin-token-0123456789");
        try (ServerSocket free = new ServerSocket(0)) {
            environment.put("SYNC_HTTP_PORT", Integer.toString(free.getLocalPort()));
        }
        environment.putAll(extraEnvironment(System.getProperty("benchmark.env", "")));
        return environment;
    }

    /** {@code -Dbenchmark.env="SYNC_BATCH_SIZE=2000 ..."}: settings of the measured process, to compare them. */
    static Map<String, String> extraEnvironment(String text) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String pair : text.strip().split("\\s+")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("benchmark.env takes KEY=VALUE pairs, was " + pair);
            }
            environment.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return environment;
    }

    private static String machine(String loadBefore) throws IOException {
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 + " MB").orElse("?");
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        return String.format(Locale.ROOT, "Machine: %d cores (%s), %s RAM, Java %s; load average %s before, %s after.",
                Runtime.getRuntime().availableProcessors(), cpu, memory, System.getProperty("java.version"),
                loadBefore, loadAverage());
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[benchmark] " + format + "%n", args);
    }
}
