package io.sheetsync.health;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.recovery.ErrorClassifier;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

/**
 * The service's health checks; Camel's health registry picks up HealthCheck beans (/observe/health, /ready). Also the
 * bean the fetch route reports each read of the sheet to.
 */
@Configuration
public final class HealthBeans implements CamelConfiguration {

    private final DataSource dataSource;
    private final SourceStatus sourceStatus;
    private final ConfigProvider config;
    private final ErrorClassifier classifier;
    private final CamelContext context;
    private final Clock clock;

    public HealthBeans(DataSource dataSource, SourceStatus sourceStatus, ConfigProvider config,
                       ErrorClassifier classifier, CamelContext context, Clock clock) {
        this.dataSource = dataSource;
        this.sourceStatus = sourceStatus;
        this.config = config;
        this.classifier = classifier;
        this.context = context;
        this.clock = clock;
    }

    @BindToRegistry("sourceHealth")
    public SourceHealth sourceHealth() {
        return new SourceHealth(sourceStatus, classifier, clock);
    }

    @BindToRegistry("databaseHealthCheck")
    public DatabaseHealthCheck databaseHealthCheck() {
        return new DatabaseHealthCheck(dataSource, Duration.ofSeconds(2), classifier);
    }

    @BindToRegistry("sourceHealthCheck")
    public SheetSourceHealthCheck sourceHealthCheck() {
        return new SheetSourceHealthCheck(sourceStatus);
    }

    @BindToRegistry("schedulerHealthCheck")
    public SchedulerHealthCheck schedulerHealthCheck() {
        return new SchedulerHealthCheck(config, () -> context);
    }
}
