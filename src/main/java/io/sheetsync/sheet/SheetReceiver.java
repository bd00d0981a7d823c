package io.sheetsync.sheet;

/**
 * Takes a fetched sheet row by row, in sheet order, while the source reads it, so that no whole-sheet copy of the
 * cells is ever held: a run parses and stages each chunk as it arrives. A fetch finds its receiver on the exchange
 * ({@link #PROPERTY}); without one it returns the whole {@link SheetData}.
 */
public interface SheetReceiver {

    /** The exchange property a fetch looks for. */
    String PROPERTY = "sheetReceiver";

    /** A read (or a retry of one) starts: whatever an earlier attempt delivered is forgotten. */
    void begin();

    /** The header row, before any data row; empty when the sheet came back without one. */
    void header(java.util.List<String> cells);

    /** A data row with at least one cell; rows come in increasing order, rows without cells are left out. */
    void row(SheetRow row);

    /**
     * The read is complete: what the fetch returns.
     *
     * @param rowCount rows below the header up to the last one with a cell
     */
    FetchedSheet end(int rowCount);
}
