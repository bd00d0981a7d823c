package io.sheetsync.support;

import java.util.List;
import java.util.stream.Collectors;

/** Writes test sheets as RFC 4180 CSV, quoting every cell so commas, quotes and newlines survive. */
public final class Csv {

    private Csv() {
    }

    public static String line(List<String> cells) {
        return cells.stream().map(cell -> "\"" + cell.replace("\"", "\"\"") + "\"").collect(Collectors.joining(","));
    }

    public static String sheet(List<String> header, List<List<String>> rows) {
        StringBuilder csv = new StringBuilder(line(header)).append('\n');
        rows.forEach(row -> csv.append(line(row)).append('\n'));
        return csv.toString();
    }
}
