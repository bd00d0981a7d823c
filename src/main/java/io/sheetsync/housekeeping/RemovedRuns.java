package io.sheetsync.housekeeping;

/**
 * What removing runs past retention took away: the runs, the rows of theirs each table held, and how many of the
 * runs were written to the archive first.
 */
public record RemovedRuns(int runs, int recordLogs, int errorLogs, int gaps, int recoveryActions, int archived) {

    public static final RemovedRuns NONE = new RemovedRuns(0, 0, 0, 0, 0, 0);

    RemovedRuns plus(RemovedRuns other) {
        return new RemovedRuns(runs + other.runs, recordLogs + other.recordLogs, errorLogs + other.errorLogs,
                gaps + other.gaps, recoveryActions + other.recoveryActions, archived + other.archived);
    }
}
