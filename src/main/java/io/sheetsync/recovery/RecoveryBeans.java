package io.sheetsync.recovery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sheetsync.config.ConfigProvider;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

import java.time.Clock;

/** The beans of the recovery that know nothing of a run: the Sheets circuit breaker the routes declare. */
@Configuration
public final class RecoveryBeans implements CamelConfiguration {

    private final ErrorClassifier classifier;
    private final ConfigProvider config;
    private final Clock clock;

    public RecoveryBeans(ErrorClassifier classifier, ConfigProvider config, Clock clock) {
        this.classifier = classifier;
        this.config = config;
        this.clock = clock;
    }

    @BindToRegistry(SheetCircuitBreaker.NAME)
    public CircuitBreaker sheetsCircuitBreaker() {
        return SheetCircuitBreaker.create(config.current().recovery(), classifier, clock);
    }
}
