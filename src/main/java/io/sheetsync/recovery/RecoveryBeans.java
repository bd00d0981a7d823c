package io.sheetsync.recovery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.sync.SyncCoordinator;
import io.sheetsync.sync.BatchUpsert;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;

import javax.sql.DataSource;
import java.time.Clock;

/** The beans of the recovery declared in routes/: retries, circuit breaker, batch recovery, retry queue, run guard. */
@Configuration
public final class RecoveryBeans implements CamelConfiguration {

    private final RunGuard guard;
    private final ShutdownStop shutdownStop;
    private final RecoveryLog recoveryLog;
    private final ErrorClassifier classifier;
    private final RetryQueue queue;
    private final DataSource dataSource;
    private final BatchUpsert upsert;
    private final SyncCoordinator coordinator;
    private final ConfigProvider config;
    private final Clock clock;

    public RecoveryBeans(RunGuard guard, RecoveryLog recoveryLog, ErrorClassifier classifier, DataSource dataSource,
                         BatchUpsert upsert, SyncCoordinator coordinator, ConfigProvider config, Clock clock) {
        this.guard = guard;
        this.shutdownStop = new ShutdownStop(guard);
        this.recoveryLog = recoveryLog;
        this.classifier = classifier;
        this.queue = new RetryQueue(dataSource);
        this.dataSource = dataSource;
        this.upsert = upsert;
        this.coordinator = coordinator;
        this.config = config;
        this.clock = clock;
    }

    @BindToRegistry("runGuard")
    public RunGuard runGuard() {
        return guard;
    }

    /**
     * Stops a running sync after its batch when Camel begins to stop (SIGTERM, Ctrl-C, or the service closing); an
     * event notifier, which the management strategy starts and stops with Camel.
     */
    @Override
    public void configure(CamelContext camelContext) {
        camelContext.getManagementStrategy().addEventNotifier(shutdownStop);
    }

    @BindToRegistry("sheetRetries")
    public SheetRetryPolicy sheetRetries() {
        return new SheetRetryPolicy(classifier, recoveryLog, config, clock);
    }

    @BindToRegistry(SheetCircuitBreaker.NAME)
    public CircuitBreaker sheetsCircuitBreaker() {
        return SheetCircuitBreaker.create(config.current().recovery(), classifier, clock);
    }

    @BindToRegistry("databaseRecovery")
    public DatabaseRecovery databaseRecovery() {
        return new DatabaseRecovery(dataSource, classifier, recoveryLog, queue, upsert, config, clock);
    }

    @BindToRegistry("partialFailures")
    public PartialFailures partialFailures() {
        return new PartialFailures(queue, recoveryLog, coordinator, classifier, config, clock);
    }
}
