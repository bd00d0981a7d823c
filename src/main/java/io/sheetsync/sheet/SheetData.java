package io.sheetsync.sheet;

import java.util.List;

/**
 * What a source returned for one fetch: the header row (row 1) and the data rows below it.
 *
 * <p>An empty header means the source came back without a header row; the parser turns that into a clear error.
 */
public record SheetData(List<String> header, List<SheetRow> rows) implements FetchedSheet {

    public SheetData {
        header = List.copyOf(header.stream().map(c -> c == null ? "" : c).toList());
        rows = List.copyOf(rows);
    }

    @Override
    public int rowCount() {
        return rows.size();
    }

    /** Hands the whole sheet to a receiver, as a streaming read would have. */
    public FetchedSheet deliverTo(SheetReceiver receiver) {
        receiver.begin();
        receiver.header(header);
        for (SheetRow row : rows) {
            if (!row.cells().isEmpty()) {
                receiver.row(row);
            }
        }
        return receiver.end(rows.size());
    }
}
