package io.sheetsync.sync;

import io.sheetsync.seller.StagedSheet;
import io.sheetsync.sheet.FetchedSheet;
import io.sheetsync.sheet.SheetFormatException;

import java.sql.SQLException;
import java.time.Duration;

/**
 * What a {@link SheetIntake} made of one read of the sheet (the fetch's result), or why it could not stage it.
 *
 * @param staged   the staged sheet, or null when there is a problem
 * @param problem  the missing or unusable header, or the database's refusal of the stage; null when staged
 * @param rowCount rows below the header up to the last one with a cell
 * @param spent    the time the fetch's thread spent parsing and staging (waiting for the worker included)
 */
public record StagedRead(StagedSheet staged, Exception problem, int rowCount, Duration spent) implements FetchedSheet {

    /**
     * @throws SourceShrunkException when the sheet came back without its header row
     * @throws SheetFormatException  when the header row cannot be used
     * @throws SQLException          when the database refused the stage
     */
    public StagedSheet sheet() throws SQLException {
        if (problem instanceof SQLException e) {
            throw e;
        }
        if (problem instanceof RuntimeException e) {
            throw e;
        }
        return staged;
    }
}
