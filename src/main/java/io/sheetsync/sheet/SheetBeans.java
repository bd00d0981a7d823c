package io.sheetsync.sheet;

import io.sheetsync.config.ConfigProvider;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.component.google.sheets.GoogleSheetsComponent;

/**
 * The {@code google-sheets} component, set up from the Sheets settings (root URL, credentials, timeouts), and the beans
 * the reading routes call ({@code routes/sheet.camel.yaml}, route {@code read-sheet}).
 */
@Configuration
public final class SheetBeans implements CamelConfiguration {

    private final ConfigProvider config;
    private final GoogleSheetReader google;
    private final FileSheetSource file;

    public SheetBeans(ConfigProvider config) {
        this.config = config;
        this.google = new GoogleSheetReader(config);
        this.file = new FileSheetSource(config);
    }

    @BindToRegistry(GoogleSheetsSetup.COMPONENT_NAME)
    public GoogleSheetsComponent googleSheets() {
        return new GoogleSheetsSetup(config).createComponent();
    }

    @BindToRegistry("googleSheetReader")
    public GoogleSheetReader googleSheetReader() {
        return google;
    }

    @BindToRegistry("fileExport")
    public FileSheetSource fileExport() {
        return file;
    }

    @BindToRegistry("sheetSource")
    public SheetSourceChoice sheetSource() {
        return new SheetSourceChoice(config, google, file);
    }
}
