package io.sheetsync.sheet;

/** One sheet's title and grid size as the spreadsheet metadata reports them; no range may reach past the grid. */
public record SheetGrid(String title, int rowCount, int columnCount) {

    public SheetGrid {
        if (title == null || title.isEmpty()) {
            throw new IllegalArgumentException("a sheet has a title");
        }
        if (rowCount < 0 || columnCount < 0) {
            throw new IllegalArgumentException("grid size cannot be negative");
        }
    }
}
