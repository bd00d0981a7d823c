package io.sheetsync.sync;

import io.sheetsync.config.SyncConfig;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Keeps the schedule on the interval in force: when a configuration change brings a new SYNC_INTERVAL_MINUTES, the
 * next run moves to one new period from now (and the dashboard's next scheduled sync with it). Other changes leave
 * the schedule alone, so its next run does not drift.
 */
public final class IntervalFollower implements Consumer<SyncConfig> {

    private static final Logger LOG = LoggerFactory.getLogger(IntervalFollower.class);

    private final SyncSchedule schedule;
    private long periodMillis;

    /** @param periodMillis the period the schedule was built with */
    public IntervalFollower(SyncSchedule schedule, long periodMillis) {
        this.schedule = schedule;
        this.periodMillis = periodMillis;
    }

    @Override
    public synchronized void accept(SyncConfig next) {
        if (next.intervalMillis() == periodMillis) {
            return;
        }
        try {
            schedule.reschedule(next.intervalMillis());
            LOG.info("schedule now every {} minute(s): the next run in {} minute(s)", next.intervalMinutes(),
                    next.intervalMinutes());
            periodMillis = next.intervalMillis();
        } catch (SchedulerException e) {
            LOG.warn("the schedule could not follow the new interval of {} minute(s): {}; it keeps the old one until"
                    + " the next change or restart", next.intervalMinutes(), e.getMessage());
        }
    }
}
