package io.sheetsync.housekeeping;

import io.micrometer.core.instrument.MeterRegistry;
import io.sheetsync.alert.AlertRepository;
import io.sheetsync.audit.ExpiredRuns;
import io.sheetsync.audit.RunHistory;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.metrics.MetricsRepository;
import io.sheetsync.recovery.RecoveryRepository;
import io.sheetsync.verify.GapRecords;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

import javax.sql.DataSource;
import java.time.Clock;

/** The bean {@code routes/housekeeping.camel.yaml} calls (and reads its schedule from). */
@Configuration
public final class HousekeepingBeans implements CamelConfiguration {

    /** Runs removed per transaction: small enough that no table stays locked for long. */
    static final int RUNS_PER_BATCH = 500;

    private final Housekeeping housekeeping;

    public HousekeepingBeans(Housekeeping housekeeping) {
        this.housekeeping = housekeeping;
    }

    /** Housekeeping over the service's database, each table through the class that holds its SQL. */
    public static Housekeeping create(DataSource dataSource, RunHistory history, AlertRepository alerts,
                                            MeterRegistry meters, ConfigProvider config, Clock clock) {
        return create(dataSource, history, alerts, meters, config, clock, RUNS_PER_BATCH);
    }

    /** The same with batches of another size (tests cut a run short between two batches). */
    public static Housekeeping create(DataSource dataSource, RunHistory history, AlertRepository alerts,
                                            MeterRegistry meters, ConfigProvider config, Clock clock,
                                            int runsPerBatch) {
        RunRetention retention = new RunRetention(dataSource, new ExpiredRuns(), new GapRecords(),
                new RecoveryRepository(dataSource), history, runsPerBatch);
        return new Housekeeping(new HousekeepingLock(dataSource), new MetricsRepository(dataSource), retention,
                alerts, new HousekeepingMeters(meters), config, clock);
    }

    @BindToRegistry("housekeeping")
    public Housekeeping housekeeping() {
        return housekeeping;
    }
}
