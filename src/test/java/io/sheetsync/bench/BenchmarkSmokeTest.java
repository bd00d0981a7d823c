package io.sheetsync.bench;

import io.sheetsync.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's generator, reference load and report work on a small sheet (no timing is asserted). */
class BenchmarkSmokeTest {

    @TempDir
    Path directory;

    @Test
    void generated_sheet_has_the_header_and_distinct_sellers_and_one_percent_changes() {
        List<List<Object>> sheet = BenchmarkSheet.rows(200, 1L);
        assertThat(sheet).hasSize(201);
        assertThat(sheet.get(0)).hasSize(14).contains("売主番号", "氏名", "反響日", "備考");
        assertThat(sheet.stream().skip(1).map(row -> row.get(0)).distinct()).hasSize(200);
        assertThat(BenchmarkSheet.rows(200, 1L)).isEqualTo(sheet);
        assertThat(BenchmarkSheet.changeOnePercent(sheet, 0)).isEqualTo(2);
        assertThat(sheet.get(1).get(BenchmarkSheet.NOTE_COLUMN).toString()).startsWith("第1回変更");
    }

    @Test
    void reference_load_stores_every_generated_row() throws Exception {
        try (TestDatabase database = TestDatabase.create(BenchmarkSmokeTest.class)) {
            ReferenceLoad load = ReferenceLoad.prepare(database, BenchmarkSheet.rows(200, 2L), directory);
            load.run();
            load.run();
            assertThat(load.storedSellers()).isEqualTo(200);
            assertThat(Files.readAllLines(load.csv())).hasSize(200);
            assertThat(database.query("SELECT count(*) FROM properties").get(0)).isNotEqualTo("0");
            assertThat(database.query("SELECT count(DISTINCT content_hash) FROM sellers")).containsExactly("200");
        }
    }

    @Test
    void startup_times_are_read_from_the_log_timestamps() throws Exception {
        Path log = directory.resolve("run.log");
        Files.writeString(log, String.join("\n",
                "2026-01-01T00:00:00.000Z INFO  [main] org.apache.camel.main.MainSupport - Apache Camel (Main) is starting",
                "2026-01-01T00:00:01.000Z INFO  [main] io.sheetsync.db.Database - database ready at jdbc:postgresql:x",
                "    at some.stack.Frame(Frame.java:1)",
                "2026-01-01T00:00:03.000Z INFO  [once] io.sheetsync.sync.SyncCoordinator - syncId=1 sync started (x)",
                "2026-01-01T00:00:09.000Z INFO  [once] io.sheetsync.sync.RunEnd - syncId=1 sync completed: 1 created",
                "2026-01-01T00:00:09.500Z INFO  [main] o.a.c.i.e.AbstractCamelContext - shutdown in 400ms") + "\n");

        assertThat(StartupTimes.of(log, 11_000)).containsExactly(Map.entry("startup:jvm", 1_500L),
                Map.entry("startup:database", 1_000L), Map.entry("startup:camel", 2_000L), Map.entry("exit", 500L));
    }

    @Test
    void report_has_medians_ratios_and_a_well_formed_plot() throws Exception {
        Map<String, Long> phases = Map.of("fetch", 1000L, "update", 2000L, "total", 3500L);
        BenchmarkReport.Case initial = new BenchmarkReport.Case("initial", 2.0, List.of(
                new BenchmarkReport.Sample(4000, 300 * 1024, phases, "completed"),
                new BenchmarkReport.Sample(5000, 310 * 1024, phases, "completed"),
                new BenchmarkReport.Sample(9000, 320 * 1024, phases, "completed")));
        BenchmarkReport report = new BenchmarkReport(200, "test machine", List.of(initial), List.of(2000L, 2500L, 3000L));

        assertThat(initial.medianWall()).isEqualTo(5000);
        assertThat(report.ratio(initial)).isEqualTo(2.0);
        assertThat(report.phases()).containsExactlyInAnyOrder("fetch", "update");
        assertThat(report.markdown()).contains("| initial | 5.0 s (4.0-9.0) | 2.00x | <= 2.0x | 310 MB (320 MB)")
                .contains("test machine");
        report.write(directory);
        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readString(directory.resolve("benchmark.svg"))
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(svg.getElementsByTagName("rect").getLength()).isGreaterThanOrEqualTo(4);
        assertThat(directory.resolve("benchmark.md")).exists();
    }
}
