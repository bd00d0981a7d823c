package io.sheetsync.sheet;

import java.util.List;

/** Where the answers to the chunked reads of one fetch go, chunk after chunk in sheet order. */
interface ChunkCollector {

    /**
     * @param firstRow the sheet row of the chunk's first row
     * @param values   the rows the API returned (trailing empty rows and cells already dropped by the API); may be null
     */
    void add(int firstRow, List<? extends List<?>> values);

    /** What the fetch returns once every chunk was added. */
    FetchedSheet result();
}
