package io.sheetsync.sheet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts the answers to the chunked reads back together into one {@link SheetData}: the first row of the range is the
 * header, data rows keep their sheet row numbers, and rows the API left out between data rows come back as blank rows.
 *
 * <p>The result does not depend on how the range was chunked: it is what a single read of the range would give.
 */
public final class SheetAssembler implements ChunkCollector {

    private final int headerRow;
    private final TreeMap<Integer, List<String>> rows = new TreeMap<>();

    /** @param headerRow the sheet row of the header (the first row of the range) */
    public SheetAssembler(int headerRow) {
        if (headerRow < 1) {
            throw new IllegalArgumentException("rows start at 1");
        }
        this.headerRow = headerRow;
    }

    /**
     * Adds the values of one chunk.
     *
     * @param firstRow the sheet row of the chunk's first row
     * @param values   the rows the API returned (trailing empty rows and cells already dropped by the API); may be null
     */
    @Override
    public void add(int firstRow, List<? extends List<?>> values) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            List<String> cells = CellText.row(values.get(i));
            if (!cells.isEmpty()) {
                rows.put(firstRow + i, cells);
            }
        }
    }

    /** The header and every data row up to the last row with a cell, blank rows included. */
    @Override
    public SheetData result() {
        List<String> header = rows.getOrDefault(headerRow, List.of());
        List<SheetRow> data = new ArrayList<>();
        Map.Entry<Integer, List<String>> last = rows.lastEntry();
        int lastRow = last == null ? headerRow : last.getKey();
        for (int row = headerRow + 1; row <= lastRow; row++) {
            data.add(new SheetRow(row, rows.getOrDefault(row, List.of())));
        }
        return new SheetData(header, data);
    }
}
