package io.sheetsync.support;

import io.sheetsync.api.JsonResponses;
import io.sheetsync.seller.ParsedSheet;
import io.sheetsync.seller.SheetStage;
import io.sheetsync.seller.StageFilling;
import io.sheetsync.seller.StagedSheet;
import io.sheetsync.seller.StoredHashes;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** A sheet parsed in memory, staged as a run's read would have staged it: for tests of what reads a stage. */
public final class StagedSheets {

    private StagedSheets() {
    }

    /** Stages the parsed sellers (committed) and returns the verdict a run's read would have returned. */
    public static StagedSheet of(DataSource dataSource, ParsedSheet parsed) throws SQLException {
        SheetStage stage = new SheetStage(JsonResponses.mapper());
        try (Connection connection = dataSource.getConnection()) {
            long id = stage.open(connection);
            try (StageFilling filling = stage.filling(connection, id)) {
                filling.append(parsed.sellers(), StoredHashes.NONE);
                filling.finish();
            }
            return new StagedSheet(id, parsed.sellers().size(), parsed.rejections(),
                    parsed.validRowCount() + parsed.invalidRows().size() + parsed.blankRows(),
                    parsed.validRowCount(), parsed.blankRows(), parsed.columns());
        }
    }
}
