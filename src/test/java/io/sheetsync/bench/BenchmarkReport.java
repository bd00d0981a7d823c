package io.sheetsync.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's figures: each case's samples, their medians, the ratios to the reference, as a markdown report and
 * an SVG plot of the time per phase. Pure arithmetic and text, so a small test can check it.
 */
final class BenchmarkReport {

    /** One --once process of one case: its wall time, peak RSS and the run's own stage times (ms, with "total"). */
    record Sample(long wallMs, long peakRssKb, Map<String, Long> phases, String status) {
    }

    /** One case: what it is, its target ratio to the reference, its samples. */
    record Case(String name, double targetRatio, List<Sample> samples) {

        long medianWall() {
            return median(samples.stream().map(Sample::wallMs).toList());
        }

        long medianPhase(String phase) {
            return median(samples.stream().map(s -> s.phases().getOrDefault(phase, 0L)).toList());
        }

        long minWall() {
            return samples.stream().mapToLong(Sample::wallMs).min().orElse(0);
        }

        long maxWall() {
            return samples.stream().mapToLong(Sample::wallMs).max().orElse(0);
        }

        long maxRssKb() {
            return samples.stream().mapToLong(Sample::peakRssKb).max().orElse(0);
        }

        long medianRssKb() {
            return median(samples.stream().map(Sample::peakRssKb).toList());
        }
    }

    private static final List<String> RUN_ORDER = List.of("startup", "fetch", "parse", "compare", "update", "write",
            "audit", "verify");

    /** What {@link StartupTimes} measures around the run, shown in a table of their own. */
    private static final List<String> AROUND_THE_RUN = List.of("startup:jvm", "startup:database", "startup:camel",
            "exit");

    private final int rows;
    private final String machine;
    private final List<Case> cases;
    private final List<Long> reference;

    BenchmarkReport(int rows, String machine, List<Case> cases, List<Long> reference) {
        this.rows = rows;
        this.machine = machine;
        this.cases = List.copyOf(cases);
        this.reference = List.copyOf(reference);
    }

    static long median(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    long referenceMedian() {
        return median(reference);
    }

    double ratio(Case c) {
        return referenceMedian() == 0 ? Double.NaN : (double) c.medianWall() / referenceMedian();
    }

    /** The stage names the runs reported, in the order a run goes through them, "total" left out. */
    List<String> phases() {
        Set<String> names = new LinkedHashSet<>();
        cases.forEach(c -> c.samples().forEach(s -> names.addAll(s.phases().keySet())));
        names.remove("total");
        names.removeIf(name -> AROUND_THE_RUN.contains(name));
        List<String> ordered = new ArrayList<>(names);
        // jsonb keeps its keys sorted by length: show them in the run's order, unknown stages last
        ordered.sort(java.util.Comparator.comparingInt(name -> RUN_ORDER.contains(name) ? RUN_ORDER.indexOf(name)
                : RUN_ORDER.size()));
        return List.copyOf(ordered);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# sheet-sync benchmark\n\n");
        md.append(String.format(Locale.ROOT, "%,d rows (12 mapped columns + 2 unmapped), %d run(s) per case, medians. %s%n%n",
                rows, cases.isEmpty() ? 0 : cases.get(0).samples().size(), machine));
        md.append(String.format(Locale.ROOT, "Reference (psql: COPY into a staging table + INSERT ... ON CONFLICT into "
                + "sellers/properties, hash and jsonb): **%s s** (%s)%n%n", seconds(referenceMedian()), reference.stream()
                .map(BenchmarkReport::seconds).toList()));
        md.append("| case | wall time (min-max) | ratio to the reference | target | peak RSS median (max) | status |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Case c : cases) {
            md.append(String.format(Locale.ROOT, "| %s | %s s (%s-%s) | %.2fx | <= %.1fx | %d MB (%d MB) | %s |%n",
                    c.name(), seconds(c.medianWall()), seconds(c.minWall()), seconds(c.maxWall()), ratio(c),
                    c.targetRatio(), c.medianRssKb() / 1024, c.maxRssKb() / 1024,
                    String.join(",", new LinkedHashSet<>(c.samples().stream().map(Sample::status).toList()))));
        }
        md.append("\nThe run's own stage times (sync_metrics.execution_time, ms, medians); start-up and exit = process "
                + "wall time - the run's total.\n\n| case |");
        phases().forEach(p -> md.append(' ').append(p).append(" |"));
        md.append(" total in the run | start-up and exit | process wall time |\n|---|");
        phases().forEach(p -> md.append("---|"));
        md.append("---|---|---|\n");
        for (Case c : cases) {
            md.append("| ").append(c.name()).append(" |");
            phases().forEach(p -> md.append(String.format(Locale.ROOT, " %,d |", c.medianPhase(p))));
            long total = c.medianPhase("total");
            md.append(String.format(Locale.ROOT, " %,d | %,d | %,d |%n", total, c.medianWall() - total, c.medianWall()));
        }
        md.append("\nAround the run (ms, medians, from the log's timestamps): the JVM until its first log line, the "
                + "pool and the schema (Flyway when it migrates), wiring and Camel's start until the run begins, "
                + "the exit after it ended.\n\n"
                + "| case | JVM | pool and schema | wiring and Camel | exit |\n|---|---|---|---|---|\n");
        for (Case c : cases) {
            md.append("| ").append(c.name()).append(" |");
            AROUND_THE_RUN.forEach(p -> md.append(String.format(Locale.ROOT, " %,d |", c.medianPhase(p))));
            md.append('\n');
        }
        md.append("\n![time per phase](benchmark.svg)\n");
        return md.toString();
    }

    /** Horizontal stacked bars: one per case (its phases, then start-up and exit) and one for the reference. */
    String svg() {
        List<String> segments = new ArrayList<>(phases());
        segments.add("start-up and exit");
        String[] colours = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                "#9c755f"};
        long longest = Math.max(referenceMedian(), cases.stream().mapToLong(Case::medianWall).max().orElse(1));
        int width = 900;
        int left = 170;
        double scale = (width - left - 40) / (double) Math.max(1, longest);
        int barHeight = 28;
        int height = 60 + (cases.size() + 1) * (barHeight + 14) + 40;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\">sheet-sync --once, %,d rows: "
                + "median time per phase (s)</text>%n", rows));
        int y = 40;
        for (Case c : cases) {
            Map<String, Long> parts = new LinkedHashMap<>();
            phases().forEach(p -> parts.put(p, c.medianPhase(p)));
            parts.put("start-up and exit", Math.max(0, c.medianWall() - c.medianPhase("total")));
            bar(svg, c.name(), parts, segments, colours, y, left, scale, barHeight);
            y += barHeight + 14;
        }
        bar(svg, "reference (psql)", Map.of("reference", referenceMedian()), List.of("reference"),
                new String[]{"#bab0ac"}, y, left, scale, barHeight);
        y += barHeight + 24;
        int x = left;
        for (int i = 0; i < segments.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, y, colours[i % colours.length], x + 16, y + 11,
                    escape(segments.get(i))));
            x += 30 + segments.get(i).length() * 7;
        }
        return svg.append("</svg>\n").toString();
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("benchmark.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("benchmark.svg"), svg(), StandardCharsets.UTF_8);
    }

    private static void bar(StringBuilder svg, String label, Map<String, Long> parts, List<String> order,
                            String[] colours, int y, int left, double scale, int height) {
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s</text>%n", y + height / 2 + 4, escape(label)));
        double x = left;
        long total = 0;
        for (int i = 0; i < order.size(); i++) {
            long ms = parts.getOrDefault(order.get(i), 0L);
            total += ms;
            double w = ms * scale;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                    + "<title>%s: %s s</title></rect>%n", x, y, w, height, colours[i % colours.length],
                    escape(order.get(i)), seconds(ms)));
            x += w;
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s s</text>%n", x + 4, y + height / 2 + 4,
                seconds(total)));
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
