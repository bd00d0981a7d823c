package io.sheetsync.sheet;

import io.sheetsync.config.ConfigProvider;

import java.util.function.Supplier;

/**
 * The source the configuration names at the time of each fetch: Google Sheets when a spreadsheet id is set,
 * else the local export. Asked per fetch, so a configuration change applies from the next run.
 */
public final class ConfiguredSheetSource implements SheetSource {

    private final ConfigProvider config;
    private final Supplier<SheetSource> google;
    private final SheetSource file;

    /**
     * @param google supplies the Google source on first use: it sends through Camel endpoints, so it can only be
     *               built once the Camel context runs
     */
    public ConfiguredSheetSource(ConfigProvider config, Supplier<SheetSource> google, SheetSource file) {
        this.config = config;
        this.google = google;
        this.file = file;
    }

    @Override
    public SheetData fetch() {
        return selected().fetch();
    }

    @Override
    public String describe() {
        return selected().describe();
    }

    private SheetSource selected() {
        return config.current().sheets().enabled() ? google.get() : file;
    }
}
