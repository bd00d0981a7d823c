package io.sheetsync.sheet;

import io.sheetsync.config.ConfigProvider;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.component.google.sheets.GoogleSheetsComponent;

/** The {@code google-sheets} component, set up from the Sheets settings (root URL, credentials, timeouts). */
@Configuration
public final class SheetBeans implements CamelConfiguration {

    private final ConfigProvider config;

    public SheetBeans(ConfigProvider config) {
        this.config = config;
    }

    @BindToRegistry(GoogleSheetsSetup.COMPONENT_NAME)
    public GoogleSheetsComponent googleSheets() {
        return new GoogleSheetsSetup(config).createComponent();
    }
}
