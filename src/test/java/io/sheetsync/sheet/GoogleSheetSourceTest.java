package io.sheetsync.sheet;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.support.SheetsApiFake;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class GoogleSheetSourceTest {

    private static final String ID = "sheet-1";

    @RegisterExtension
    final SheetsApiFake fake = new SheetsApiFake();

    private CamelContext camel;

    @AfterEach
    void stopCamel() throws Exception {
        if (camel != null) {
            camel.close();
        }
    }

    private GoogleSheetSource source(String... settings) {
        Map<String, String> env = new HashMap<>();
        env.put("SYNC_SMTP_FROM", "sheet-sync@example.com"); // the skeleton default fails its own check
        env.put("SYNC_SHEETS_SPREADSHEET_ID", ID);
        env.put("SYNC_SHEETS_ROOT_URL", fake.rootUrl());
        env.put("SYNC_SHEETS_ACCESS_TOKEN", fake.token());
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        ConfigProvider config = new ConfigProvider(SyncConfig.load(env, new Properties()));
        camel = new DefaultCamelContext();
        new GoogleSheetsSetup(config).applyTo(camel);
        camel.start();
        return new GoogleSheetSource(camel.createProducerTemplate(), config);
    }

    @Test
    void whole_sheet_is_read_with_its_header_and_row_numbers() {
        fake.spreadsheet(ID).sheet("Sellers")
                .row("seller_number", "name", "inquiry_date")
                .row("AA1", "Sato", 45292)
                .row("AA2", "Suzuki", 45293.5);

        SheetData data = source().fetch();

        assertThat(data.header()).containsExactly("seller_number", "name", "inquiry_date");
        assertThat(data.rows()).containsExactly(
                new SheetRow(2, List.of("AA1", "Sato", "45292")),
                new SheetRow(3, List.of("AA2", "Suzuki", "45293.5")));
        fake.requests().forEach(System.out::println);
    }
}
