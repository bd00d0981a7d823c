package io.sheetsync.sheet;

import io.sheetsync.config.ConfigProvider;

/**
 * Which source the configuration names at the time of each fetch: Google Sheets when a spreadsheet id is set, else
 * the local export. Route {@code read-sheet} asks it per attempt, so a configuration change applies to the next one.
 */
public final class SheetSourceChoice {

    private final ConfigProvider config;
    private final GoogleSheetReader google;
    private final FileSheetSource file;

    public SheetSourceChoice(ConfigProvider config, GoogleSheetReader google, FileSheetSource file) {
        this.config = config;
        this.google = google;
        this.file = file;
    }

    /** True when the sheet is read from Google Sheets, false when from the export file. */
    public boolean googleSheets() {
        return config.current().sheets().enabled();
    }

    /** The source in force, for logs: never a secret. */
    public String describe() {
        return googleSheets() ? google.describe() : file.describe();
    }
}
