package io.sheetsync.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

/** Run metrics, and the registry Camel's observability services export at /observe/metrics with the route metrics. */
@Configuration
public final class MetricsBeans implements CamelConfiguration {

    private final PrometheusMeterRegistry registry;
    private final SyncMetricsService metrics;

    public MetricsBeans(PrometheusMeterRegistry registry, SyncMetricsService metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    @BindToRegistry("metricsRegistry")
    public PrometheusMeterRegistry metricsRegistry() {
        return registry;
    }

    @BindToRegistry("syncMetrics")
    public SyncMetricsService syncMetrics() {
        return metrics;
    }
}
