package io.sheetsync.metrics;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

/** Run metrics: what the sync routes record after each run. */
@Configuration
public final class MetricsBeans implements CamelConfiguration {

    private final SyncMetricsService metrics;

    public MetricsBeans(SyncMetricsService metrics) {
        this.metrics = metrics;
    }

    @BindToRegistry("syncMetrics")
    public SyncMetricsService syncMetrics() {
        return metrics;
    }
}
