package io.sheetsync.sheet;

import java.util.List;

/**
 * Hands the answers to the chunked reads to a {@link SheetReceiver} as they come, row by row, instead of assembling
 * the sheet: the header (the first row of the range) first, then each data row with a cell. Chunks must come in sheet
 * order, as {@link SheetChunkPlanner} plans them.
 */
final class SheetStream implements ChunkCollector {

    private final int headerRow;
    private final SheetReceiver receiver;
    private boolean headerSent;
    private int lastRow;

    /** @param headerRow the sheet row of the header (the first row of the range) */
    SheetStream(int headerRow, SheetReceiver receiver) {
        if (headerRow < 1) {
            throw new IllegalArgumentException("rows start at 1");
        }
        this.headerRow = headerRow;
        this.receiver = receiver;
        this.lastRow = headerRow;
        receiver.begin();
    }

    @Override
    public void add(int firstRow, List<? extends List<?>> values) {
        if (firstRow <= lastRow && firstRow > headerRow) {
            throw new IllegalStateException("chunk at row " + firstRow + " after row " + lastRow
                    + ": chunks must come in sheet order");
        }
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            int row = firstRow + i;
            List<String> cells = CellText.row(values.get(i));
            if (row == headerRow) {
                receiver.header(cells);
                headerSent = true;
            } else if (row > headerRow && !cells.isEmpty()) {
                sendHeader();
                receiver.row(new SheetRow(row, cells));
                lastRow = row;
            }
        }
    }

    @Override
    public FetchedSheet result() {
        sendHeader();
        return receiver.end(lastRow - headerRow);
    }

    /** A range whose first row is empty has no header: the receiver hears so before the first data row. */
    private void sendHeader() {
        if (!headerSent) {
            receiver.header(List.of());
            headerSent = true;
        }
    }
}
