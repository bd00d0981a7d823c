package io.sheetsync.sheet;

import com.google.api.services.sheets.v4.model.BatchGetValuesResponse;
import com.google.api.services.sheets.v4.model.GridProperties;
import com.google.api.services.sheets.v4.model.Sheet;
import com.google.api.services.sheets.v4.model.SheetProperties;
import com.google.api.services.sheets.v4.model.Spreadsheet;
import com.google.api.services.sheets.v4.model.ValueRange;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the configured range of a Google Sheet through Camel's google-sheets component: the sheet's grid size from
 * the metadata first, then the rows in chunks with values:batchGet (see {@link SheetChunkPlanner}).
 *
 * <p>Values are asked for unformatted, with dates as serial numbers, so the spreadsheet's locale never leaks in.
 * Every setting is read from the configuration at each fetch. Failures become {@link SheetUnavailableException}.
 */
public final class GoogleSheetSource implements SheetSource {

    static final String METADATA_URI = "google-sheets://spreadsheets/get";
    static final String VALUES_URI = "google-sheets://data/batchGet";
    /** Only the sheets' titles and grid sizes; the rest of the metadata (and any grid data) is never sent. */
    static final String METADATA_FIELDS = "sheets.properties(sheetId,title,index,gridProperties(rowCount,columnCount))";
    private static final String HEADER = "CamelGoogleSheets.";

    private static final Logger LOG = LoggerFactory.getLogger(GoogleSheetSource.class);

    private final ProducerTemplate producer;
    private final ConfigProvider config;

    /**
     * @param producer a template of a context whose google-sheets component {@link GoogleSheetsSetup} configured
     * @param config   the configuration in force; SYNC_SHEETS_* are read from it at each fetch
     */
    public GoogleSheetSource(ProducerTemplate producer, ConfigProvider config) {
        this.producer = producer;
        this.config = config;
    }

    @Override
    public SheetData fetch() {
        SyncConfig.Sheets sheets = config.current().sheets();
        SheetsApiErrors.Context context = new SheetsApiErrors.Context(
                sheets.spreadsheetId(), sheets.range(), sheets.rootUrl(), sheets.timeoutSeconds());
        SheetRange range = parseRange(sheets.range());

        Spreadsheet metadata = call(METADATA_URI, metadataRequest(sheets.spreadsheetId()), Spreadsheet.class, context);
        SheetGrid grid = grid(metadata, range.sheetTitle(), sheets.range());

        SheetChunkPlanner.Plan plan;
        try {
            plan = SheetChunkPlanner.plan(range, grid, sheets.chunkRows());
        } catch (IllegalArgumentException e) {
            throw new SheetUnavailableException("bad range " + sheets.range() + ": " + e.getMessage(), 400, e);
        }

        SheetAssembler assembler = new SheetAssembler(plan.headerRow());
        for (List<SheetChunkPlanner.Chunk> batch : plan.batches()) {
            List<String> ranges = batch.stream().map(SheetChunkPlanner.Chunk::a1).toList();
            BatchGetValuesResponse answer = call(VALUES_URI, valuesRequest(sheets.spreadsheetId(), ranges),
                    BatchGetValuesResponse.class, context);
            List<ValueRange> valueRanges = answer == null ? null : answer.getValueRanges();
            if (valueRanges == null || valueRanges.size() != batch.size()) {
                throw new SheetUnavailableException("the Sheets API answered " + (valueRanges == null ? 0
                        : valueRanges.size()) + " value ranges for " + batch.size() + " requested ("
                        + String.join(", ", ranges) + ")", 0, null);
            }
            for (int i = 0; i < batch.size(); i++) {
                assembler.add(batch.get(i).firstRow(), valueRanges.get(i).getValues());
            }
            LOG.debug("read {} from google sheet {}", ranges, sheets.spreadsheetId());
        }
        SheetData data = assembler.result();
        LOG.info("fetched {} rows from {} in {} values request(s)", data.rows().size(), describe(),
                plan.batches().size());
        return data;
    }

    @Override
    public String describe() {
        SyncConfig.Sheets sheets = config.current().sheets();
        return "google sheet " + sheets.spreadsheetId() + " range " + sheets.range();
    }

    private static SheetRange parseRange(String text) {
        try {
            return SheetRange.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SheetUnavailableException("bad range " + text + ": " + e.getMessage()
                    + " (SYNC_SHEETS_RANGE takes a sheet name or an A1 range such as Sellers!A1:L)", 400, e);
        }
    }

    private static Map<String, Object> metadataRequest(String spreadsheetId) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(HEADER + "spreadsheetId", spreadsheetId);
        headers.put(HEADER + "includeGridData", Boolean.FALSE);
        headers.put(HEADER + "fields", METADATA_FIELDS);
        return headers;
    }

    private static Map<String, Object> valuesRequest(String spreadsheetId, List<String> ranges) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(HEADER + "spreadsheetId", spreadsheetId);
        headers.put(HEADER + "ranges", new ArrayList<>(ranges));
        headers.put(HEADER + "valueRenderOption", "UNFORMATTED_VALUE");
        headers.put(HEADER + "dateTimeRenderOption", "SERIAL_NUMBER");
        headers.put(HEADER + "majorDimension", "ROWS");
        return headers;
    }

    private <T> T call(String uri, Map<String, Object> headers, Class<T> type, SheetsApiErrors.Context context) {
        try {
            return producer.requestBodyAndHeaders(uri, null, headers, type);
        } catch (RuntimeException e) {
            throw SheetsApiErrors.translate(e, context);
        }
    }

    /**
     * The grid of the configured sheet (or of the first sheet when the range names none). A title that does not match
     * exactly may still match ignoring case, as the Sheets API itself does.
     */
    static SheetGrid grid(Spreadsheet metadata, String title, String configuredRange) {
        List<SheetProperties> sheets = metadata == null || metadata.getSheets() == null ? List.of()
                : metadata.getSheets().stream().map(Sheet::getProperties).filter(p -> p != null && p.getTitle() != null)
                        .sorted((a, b) -> Integer.compare(index(a), index(b))).toList();
        if (sheets.isEmpty()) {
            throw new SheetUnavailableException("the spreadsheet metadata lists no sheets", 0, null);
        }
        SheetProperties found = null;
        if (title == null) {
            found = sheets.get(0);
        } else {
            for (SheetProperties sheet : sheets) {
                if (sheet.getTitle().equals(title)) {
                    found = sheet;
                    break;
                }
            }
            if (found == null) {
                List<SheetProperties> ignoringCase = sheets.stream()
                        .filter(s -> s.getTitle().equalsIgnoreCase(title)).toList();
                found = ignoringCase.size() == 1 ? ignoringCase.get(0) : null;
            }
        }
        if (found == null) {
            throw new SheetUnavailableException("bad range " + configuredRange + ": the spreadsheet has no sheet named '"
                    + title + "'; its sheets are " + sheets.stream().map(s -> "'" + s.getTitle() + "'").toList()
                    + " (check SYNC_SHEETS_RANGE)", 400, null);
        }
        GridProperties gridProperties = found.getGridProperties();
        if (gridProperties == null || gridProperties.getRowCount() == null || gridProperties.getColumnCount() == null) {
            throw new SheetUnavailableException("sheet '" + found.getTitle() + "' is not a grid of cells (a chart or "
                    + "object sheet?): point SYNC_SHEETS_RANGE at the sheet holding the sellers", 400, null);
        }
        return new SheetGrid(found.getTitle(), gridProperties.getRowCount(), gridProperties.getColumnCount());
    }

    private static int index(SheetProperties sheet) {
        return sheet.getIndex() == null ? Integer.MAX_VALUE : sheet.getIndex();
    }
}
