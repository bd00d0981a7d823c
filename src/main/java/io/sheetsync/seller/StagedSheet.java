package io.sheetsync.seller;

import java.util.List;
import java.util.Objects;

/**
 * The parser's verdict on one fetch read row by row: what {@link ParsedSheet} says, with the sellers (one per key)
 * staged in {@code sheet_stage} instead of held in memory.
 *
 * @param stageId       the stage holding the sellers ({@link SheetStage})
 * @param sellerCount   sellers staged, one per seller number
 * @param rowCount      rows below the header up to the last one with a cell, blank ones included
 * @param validRowCount rows that passed validation, duplicates included (the shrink guard compares this)
 * @param blankRows     rows ignored because every cell was empty
 * @param columns       the mapped columns the sheet has, and which hold values (the column guard compares these)
 */
public record StagedSheet(long stageId, int sellerCount, List<RowRejection> rejections, int rowCount,
                          int validRowCount, int blankRows, SheetColumns columns) implements SheetVerdict {

    public StagedSheet {
        rejections = List.copyOf(rejections);
        Objects.requireNonNull(columns, "columns");
    }
}
