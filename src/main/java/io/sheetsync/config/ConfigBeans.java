package io.sheetsync.config;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

/** The settings in force, as a bean: {@code application.properties} reads the schedule's period from it. */
@Configuration
public final class ConfigBeans implements CamelConfiguration {

    private final ConfigProvider config;

    public ConfigBeans(ConfigProvider config) {
        this.config = config;
    }

    @BindToRegistry("syncConfig")
    public ConfigProvider syncConfig() {
        return config;
    }
}
