package io.sheetsync.config;

import org.quartz.CronExpression;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.ParseException;

/**
 * What housekeeping keeps and for how long (README "Housekeeping and retention"). Housekeeping reads it from the
 * configuration in force at each of its runs, so a changed setting applies to the next run.
 *
 * @param retentionDays     runs that started longer ago than this are removed with their logs (SYNC_RETENTION_DAYS)
 * @param archiveDir        where removed runs are first written as gzip JSON Lines; null: no archive (SYNC_ARCHIVE_DIR)
 * @param metricsRollupDays per-run metrics older than this are rolled up into daily aggregates
 * @param alertAutoAckDays  open alerts older than this are acknowledged by {@code housekeeping}
 * @param cron              the Quartz cron of the daily housekeeping, in SYNC_TIME_ZONE (SYNC_HOUSEKEEPING_CRON)
 */
public record Retention(int retentionDays, Path archiveDir, int metricsRollupDays, int alertAutoAckDays, String cron) {

    /** A century: long enough for any policy, short enough that "now minus the days" is a real date. */
    private static final int MAX_DAYS = 36_500;

    public boolean archiving() {
        return archiveDir != null;
    }

    static Retention load(ConfigValues values) {
        return new Retention(
                values.integer("SYNC_RETENTION_DAYS", 90, 1, MAX_DAYS),
                archiveDir(values, "SYNC_ARCHIVE_DIR"),
                values.integer("SYNC_METRICS_ROLLUP_DAYS", 30, 1, MAX_DAYS),
                values.integer("SYNC_ALERT_AUTO_ACK_DAYS", 30, 1, MAX_DAYS),
                cron(values, "SYNC_HOUSEKEEPING_CRON", "0 30 3 * * ?"));
    }

    private static String cron(ConfigValues values, String key, String defaultValue) {
        String cron = values.text(key, defaultValue);
        try {
            CronExpression.validateExpression(cron);
        } catch (ParseException e) {
            throw new ConfigException(key, "'" + cron + "' is not a Quartz cron expression (seconds minutes hours"
                    + " day-of-month month day-of-week, e.g. 0 30 3 * * ?): " + e.getMessage());
        }
        return cron;
    }

    /** The archive directory, created now if missing: a directory housekeeping cannot write must stop start-up. */
    private static Path archiveDir(ConfigValues values, String key) {
        String value = values.get(key);
        if (value == null) {
            return null;
        }
        Path dir;
        try {
            dir = Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigException(key, "'" + value + "' is not a path");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigException(key, "cannot create the directory " + dir + " (" + e.getClass().getSimpleName()
                    + "): check the path and its permissions");
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new ConfigException(key, dir + " is not a writable directory");
        }
        return dir;
    }
}
