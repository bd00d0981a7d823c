package io.sheetsync.sync;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.recovery.RecoveryLog;
import io.sheetsync.recovery.RetryQueue;
import io.sheetsync.recovery.SheetRedelivery;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.Processor;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;

import javax.sql.DataSource;
import java.time.Clock;

/** The beans the routes' recovery calls on a run: its guard, sheet retries, batch reconnect, retry and set-aside. */
@Configuration
public final class RunRecoveryBeans implements CamelConfiguration {

    /** What the run's recovery records to and sets aside in. */
    public record Recovery(RecoveryLog log, ErrorClassifier classifier, RetryQueue queue) {
    }

    private final RunGuard guard;
    private final ShutdownStop shutdownStop;
    private final Recovery recovery;
    private final SheetRetryPolicy sheetRetries;
    private final DataSource dataSource;
    private final BatchUpsert upsert;
    private final ConfigProvider config;
    private final Clock clock;

    public RunRecoveryBeans(RunGuard guard, Recovery recovery, DataSource dataSource, BatchUpsert upsert,
                            ConfigProvider config, Clock clock) {
        this.guard = guard;
        this.shutdownStop = new ShutdownStop(guard);
        this.recovery = recovery;
        this.sheetRetries = new SheetRetryPolicy(recovery.classifier(), recovery.log(), config, clock);
        this.dataSource = dataSource;
        this.upsert = upsert;
        this.config = config;
        this.clock = clock;
    }

    @BindToRegistry("runGuard")
    public RunGuard runGuard() {
        return guard;
    }

    /**
     * Stops a running sync after its batch when Camel begins to stop (SIGTERM, Ctrl-C, or the service closing); an
     * event notifier, which the management strategy starts and stops with Camel. And the sheet fetch's redelivery
     * policy, see {@link SheetRedelivery}.
     */
    @Override
    public void configure(CamelContext camelContext) {
        camelContext.getManagementStrategy().addEventNotifier(shutdownStop);
        // a prototype: each failure of the fetch gets a policy made from the retry settings in force
        camelContext.getRegistry().bindAsPrototype(SheetRedelivery.NAME, RedeliveryPolicy.class,
                () -> SheetRedelivery.policy(config.current().recovery()));
    }

    @BindToRegistry("sheetRetries")
    public SheetRetryPolicy sheetRetries() {
        return sheetRetries;
    }

    /** The {@code onRedeliveryRef} of routeConfiguration {@code sheet-recovery}: logs each retry of the fetch. */
    @BindToRegistry("sheetRetrying")
    public Processor sheetRetrying() {
        return sheetRetries::retrying;
    }

    @BindToRegistry("batchReconnect")
    public BatchReconnect batchReconnect() {
        return new BatchReconnect(dataSource, recovery.classifier(), recovery.log(), config, clock);
    }

    @BindToRegistry("databaseRecovery")
    public DatabaseRecovery databaseRecovery() {
        return new DatabaseRecovery(recovery.classifier(), recovery.log(), recovery.queue(), upsert, config, clock);
    }

    @BindToRegistry("partialFailures")
    public PartialFailures partialFailures() {
        return new PartialFailures(recovery.queue(), recovery.log(), recovery.classifier(), dataSource, config, clock);
    }
}
