package io.sheetsync.settings;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

/** The runtime settings service, as the bean {@code routes/settings.camel.yaml} refreshes. */
@Configuration
public final class SettingsBeans implements CamelConfiguration {

    private final SyncConfigService settings;

    public SettingsBeans(SyncConfigService settings) {
        this.settings = settings;
    }

    @BindToRegistry("syncConfigService")
    public SyncConfigService syncConfigService() {
        return settings;
    }
}
