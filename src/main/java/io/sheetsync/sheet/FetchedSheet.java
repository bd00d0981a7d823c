package io.sheetsync.sheet;

/** What a fetch returns, as its logs and the source health check see it: how many rows it read. */
public interface FetchedSheet {

    /** Rows below the header, up to the last one with a cell (blank ones in between included). */
    int rowCount();
}
