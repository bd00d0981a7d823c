package io.sheetsync.support;

import java.util.Arrays;
import java.util.Optional;

/** Reads one sample out of a Prometheus text scrape. */
public final class Prometheus {

    private final String scrape;

    public Prometheus(String scrape) {
        this.scrape = scrape;
    }

    /**
     * The value of the sample written exactly as {@code series}, e.g. {@code sheet_sync_rows_total{outcome="created"}}
     * or {@code sheet_sync_gaps_total}.
     */
    public Optional<Double> value(String series) {
        return Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith(series + " "))
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]))
                .findFirst();
    }

    /** The value of a sample that must be there. */
    public double get(String series) {
        return value(series).orElseThrow(() -> new AssertionError("no sample " + series + " in the scrape"));
    }

    public String text() {
        return scrape;
    }
}
