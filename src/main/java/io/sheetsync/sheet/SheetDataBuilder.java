package io.sheetsync.sheet;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the rows of an export, in sheet order, into a {@link SheetData} shaped like a Sheets API answer.
 *
 * <ul>
 *   <li>Row 1 is the header; a blank row 1 means the sheet has no header row, reported as an empty header.</li>
 *   <li>A blank row (or a row missing from the file) between data rows becomes a blank {@link SheetRow} without
 *       cells, so every row keeps its sheet row number.</li>
 *   <li>Blank rows after the last data row are dropped: a workbook formatted down to row 1,048,576 costs nothing.</li>
 *   <li>A row past row 1,048,576, a row wider than 16,384 cells or more than 10,000,000 cells in all are refused
 *       ({@link ExportLimits}) before the row is stored.</li>
 * </ul>
 */
final class SheetDataBuilder {

    private List<String> header = List.of();
    private final List<SheetRow> rows = new ArrayList<>();
    private int lastAdded;
    private int nextUnwritten = 2;
    private long cellCount;

    /** Adds the row with the given 1-based sheet number; numbers must increase, gaps are blank rows. */
    void add(int rowNumber, List<String> cells) throws ExportFormatException {
        if (rowNumber <= lastAdded) {
            throw new ExportFormatException("lists row " + rowNumber + " after row " + lastAdded
                    + "; rows must be in sheet order");
        }
        ExportLimits.checkRow(rowNumber);
        if (!cells.isEmpty()) {
            ExportLimits.checkColumn(cells.size() - 1L);
        }
        cellCount += cells.size();
        ExportLimits.checkCells(cellCount);
        lastAdded = rowNumber;
        boolean blank = cells.stream().allMatch(cell -> cell == null || cell.isBlank());
        if (rowNumber == 1) {
            header = blank ? List.of() : cells;
            return;
        }
        if (blank) {
            return; // written as a blank row only if a data row follows
        }
        for (int gap = nextUnwritten; gap < rowNumber; gap++) {
            rows.add(new SheetRow(gap, List.of()));
        }
        rows.add(new SheetRow(rowNumber, cells));
        nextUnwritten = rowNumber + 1;
    }

    SheetData build() {
        return new SheetData(header, rows);
    }
}
