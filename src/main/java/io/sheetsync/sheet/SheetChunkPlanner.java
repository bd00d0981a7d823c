package io.sheetsync.sheet;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the configured range into A1 ranges that stay inside the sheet's grid (a range past the grid answers 400
 * "exceeds grid limits") and groups them into values:batchGet calls whose answers stay under about 2 MB.
 */
public final class SheetChunkPlanner {

    /** Google recommends keeping each response under about 2 MB. */
    public static final long RESPONSE_BUDGET_BYTES = 2_000_000;
    /** A rough size of one cell in the JSON answer (value, quotes, comma), generous for text columns. */
    public static final int BYTES_PER_CELL = 40;
    /** Chunks sized from the grid width are never smaller than this. */
    public static final int MIN_CHUNK_ROWS = 100;
    /** Keeps the batchGet URL short even for tiny chunks: each range is one query parameter. */
    public static final int MAX_RANGES_PER_BATCH = 100;

    private SheetChunkPlanner() {
    }

    /** One A1 range of whole rows, {@code firstRow..lastRow} (1-based, inclusive). */
    public record Chunk(int firstRow, int lastRow, String a1) {
        public int rows() {
            return lastRow - firstRow + 1;
        }
    }

    /**
     * What to read: the header row, the columns and the batches of chunks, in sheet order.
     *
     * @param headerRow the first row of the range; it holds the header
     * @param batches   each inner list is one values:batchGet call
     */
    public record Plan(String sheetTitle, int headerRow, int lastRow, int firstColumn, int lastColumn,
                       List<List<Chunk>> batches) {
        public Plan {
            batches = batches.stream().map(List::copyOf).toList();
        }

        /** Every chunk of every batch, in sheet order. */
        public List<Chunk> chunks() {
            return batches.stream().flatMap(List::stream).toList();
        }
    }

    /**
     * Plans the reads of {@code range} on a sheet with the given grid.
     *
     * @param chunkRows rows per chunk; 0 sizes chunks from the grid width
     * @throws IllegalArgumentException when the range starts outside the grid (the reason says where the grid ends)
     */
    public static Plan plan(SheetRange range, SheetGrid grid, int chunkRows) {
        if (chunkRows < 0) {
            throw new IllegalArgumentException("chunkRows cannot be negative");
        }
        if (range.firstRow() > grid.rowCount() || range.firstColumn() > grid.columnCount()) {
            throw new IllegalArgumentException("it starts at " + SheetRange.columnLetters(range.firstColumn())
                    + range.firstRow() + " but sheet " + grid.title() + " has only " + grid.rowCount() + " rows and "
                    + grid.columnCount() + " columns");
        }
        // Cells past the grid cannot hold anything, so an open or too-large end is clipped to the grid
        int lastRow = range.lastRow() == 0 ? grid.rowCount() : Math.min(range.lastRow(), grid.rowCount());
        int lastColumn = range.lastColumn() == 0
                ? grid.columnCount()
                : Math.min(range.lastColumn(), grid.columnCount());
        int columns = lastColumn - range.firstColumn() + 1;

        long budgetRows = Math.max(MIN_CHUNK_ROWS, RESPONSE_BUDGET_BYTES / ((long) columns * BYTES_PER_CELL));
        long rowsPerChunk = chunkRows > 0 ? chunkRows : budgetRows;

        List<List<Chunk>> batches = new ArrayList<>();
        List<Chunk> batch = new ArrayList<>();
        long batchRows = 0;
        for (long first = range.firstRow(); first <= lastRow; first += rowsPerChunk) {
            int from = (int) first;
            int to = (int) Math.min(lastRow, first + rowsPerChunk - 1);
            Chunk chunk = new Chunk(from, to,
                    SheetRange.a1(grid.title(), range.firstColumn(), from, lastColumn, to));
            if (!batch.isEmpty() && (batchRows + chunk.rows() > budgetRows || batch.size() >= MAX_RANGES_PER_BATCH)) {
                batches.add(batch);
                batch = new ArrayList<>();
                batchRows = 0;
            }
            batch.add(chunk);
            batchRows += chunk.rows();
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return new Plan(grid.title(), range.firstRow(), lastRow, range.firstColumn(), lastColumn, batches);
    }
}
