package io.sheetsync.sheet;

import java.util.List;

/**
 * One data row of the sheet as text cells, with its 1-based row number in the sheet (the header is row 1).
 *
 * <p>Cells are kept exactly as the source gave them; short rows are not padded here, the parser pads them.
 */
public record SheetRow(int rowNumber, List<String> cells) {

    public SheetRow {
        if (rowNumber < 2) {
            throw new IllegalArgumentException("a data row is row 2 or later, was " + rowNumber);
        }
        String[] text = new String[cells.size()]; // a plain loop: it runs for every row of the sheet
        for (int i = 0; i < text.length; i++) {
            String cell = cells.get(i);
            text[i] = cell == null ? "" : cell;
        }
        cells = List.of(text);
    }

    /** The cell at a 0-based column, or "" past the end of a short row. */
    public String cell(int column) {
        return column < cells.size() ? cells.get(column) : "";
    }

    /** True when every cell is {@linkplain Cells#isBlank blank}: such rows are ignored wherever they stand. */
    public boolean isBlank() {
        for (String cell : cells) {
            if (!Cells.isBlank(cell)) {
                return false;
            }
        }
        return true;
    }
}
