package io.sheetsync.housekeeping;

import io.sheetsync.alert.AlertRepository;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.Retention;
import io.sheetsync.metrics.MetricsRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The step of {@code routes/housekeeping.camel.yaml}: rolls per-run metrics older than SYNC_METRICS_ROLLUP_DAYS up
 * into daily aggregates, removes the runs older than SYNC_RETENTION_DAYS (archiving them first when SYNC_ARCHIVE_DIR
 * is set), and acknowledges the open alerts older than SYNC_ALERT_AUTO_ACK_DAYS. One instance at a time: another
 * instance finding it running skips. Each step commits as it goes, so a run that dies mid-way leaves a consistent
 * database and the next run finishes the job. The settings are read from the configuration in force at each run.
 */
public final class Housekeeping {

    /** Who acknowledged the alerts housekeeping acknowledges. */
    public static final String ACKNOWLEDGED_BY = "housekeeping";

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    private static final int METRICS_PER_STEP = 5_000;

    private final HousekeepingLock lock;
    private final MetricsRepository metrics;
    private final RunRetention retention;
    private final AlertRepository alerts;
    private final HousekeepingMeters meters;
    private final ConfigProvider config;
    private final Clock clock;

    Housekeeping(HousekeepingLock lock, MetricsRepository metrics, RunRetention retention, AlertRepository alerts,
                 HousekeepingMeters meters, ConfigProvider config, Clock clock) {
        this.lock = lock;
        this.metrics = metrics;
        this.retention = retention;
        this.alerts = alerts;
        this.meters = meters;
        this.config = config;
        this.clock = clock;
    }

    /** Runs housekeeping now, or skips (and says so) when another instance is running it. */
    public HousekeepingResult run() throws SQLException, IOException {
        Instant started = clock.instant();
        Optional<HousekeepingLock.Held> held = lock.tryAcquire();
        if (held.isEmpty()) {
            LOG.info("housekeeping: skipped, it is already running (on this or another instance)");
            meters.skipped();
            return HousekeepingResult.skipped(started);
        }
        try (HousekeepingLock.Held ignored = held.get()) {
            HousekeepingResult result = housekeep(config.current().retention(), started);
            LOG.info(result.summary());
            meters.completed(result);
            return result;
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.error("housekeeping failed: {}; what it finished stays done, the next run does the rest",
                    e.getMessage());
            meters.failed();
            throw e;
        }
    }

    private HousekeepingResult housekeep(Retention settings, Instant now) throws SQLException, IOException {
        Instant retentionCutoff = now.minus(Duration.ofDays(settings.retentionDays()));
        // whole UTC days only, so every rolled-up day is complete and no day is split between the two tables
        Instant rollupCutoff = now.minus(Duration.ofDays(settings.metricsRollupDays())).truncatedTo(ChronoUnit.DAYS);
        int rolledUp = 0;
        Set<LocalDate> days = new TreeSet<>();
        // first, so that no metrics row goes with a run retention removes
        for (MetricsRepository.RolledUp step = metrics.rollUp(rollupCutoff, retentionCutoff, METRICS_PER_STEP, now);
             step.metrics() > 0; step = metrics.rollUp(rollupCutoff, retentionCutoff, METRICS_PER_STEP, now)) {
            rolledUp += step.metrics();
            days.addAll(step.days());
        }
        RemovedRuns removed = retention.remove(retentionCutoff, settings.archiveDir());
        int acknowledged = alerts.acknowledgeOpenRaisedBefore(
                now.minus(Duration.ofDays(settings.alertAutoAckDays())), ACKNOWLEDGED_BY);
        return new HousekeepingResult(false, now, removed, rolledUp, days.size(), acknowledged,
                Math.max(0, Duration.between(now, clock.instant()).toMillis()));
    }

    /** The cron of the daily housekeeping (SYNC_HOUSEKEEPING_CRON), for the Quartz trigger; read at start-up. */
    public String cron() {
        return config.current().retention().cron();
    }

    /** The zone the cron is read in (SYNC_TIME_ZONE). */
    public String timeZone() {
        return config.current().timeZone().getId();
    }
}
