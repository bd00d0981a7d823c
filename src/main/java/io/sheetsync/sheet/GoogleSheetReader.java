package io.sheetsync.sheet;

import com.google.api.services.sheets.v4.model.BatchGetValuesResponse;
import com.google.api.services.sheets.v4.model.GridProperties;
import com.google.api.services.sheets.v4.model.Sheet;
import com.google.api.services.sheets.v4.model.SheetProperties;
import com.google.api.services.sheets.v4.model.Spreadsheet;
import com.google.api.services.sheets.v4.model.ValueRange;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of route {@code read-google-sheet} ({@code routes/sheet.camel.yaml}) around its two google-sheets
 * endpoints: the request headers of the metadata call, the plan of chunked reads from the sheet's grid (see
 * {@link SheetChunkPlanner}), the request headers of each values:batchGet, the answers handed row by row to the
 * exchange's {@link SheetReceiver} as they come (see {@link SheetStream}) or, without one, assembled into the whole
 * sheet (see {@link SheetAssembler}), and the translation of a failure into its kind (see {@link SheetsApiErrors}).
 *
 * <p>Values are asked for unformatted, with dates as serial numbers, so the spreadsheet's locale never leaks in. The
 * SYNC_SHEETS_* settings are read once per fetch, at its first step, and kept on the exchange for the others.
 */
public final class GoogleSheetReader {

    /** Only the sheets' titles and grid sizes; the rest of the metadata (and any grid data) is never sent. */
    static final String METADATA_FIELDS = "sheets.properties(sheetId,title,index,gridProperties(rowCount,columnCount))";
    private static final String HEADER = "CamelGoogleSheets.";
    private static final String SETTINGS = "sheetsSettings";
    private static final String RANGE = "sheetRange";
    private static final String PLAN = "sheetPlan";
    private static final String ASSEMBLER = "sheetAssembler";
    private static final String BATCH = "sheetBatch";

    private static final Logger LOG = LoggerFactory.getLogger(GoogleSheetReader.class);

    private final ConfigProvider config;

    public GoogleSheetReader(ConfigProvider config) {
        this.config = config;
    }

    /** Before {@code spreadsheets/get}: reads the settings in force and asks for the sheets' titles and grid sizes. */
    public void metadataRequest(Exchange exchange) {
        SyncConfig.Sheets sheets = config.current().sheets();
        exchange.setProperty(SETTINGS, sheets);
        exchange.setProperty(RANGE, parseRange(sheets.range()));
        Message request = request(exchange, sheets);
        request.setHeader(HEADER + "includeGridData", Boolean.FALSE);
        request.setHeader(HEADER + "fields", METADATA_FIELDS);
    }

    /** After the metadata: plans reads that stay inside the grid; the body becomes the batches of chunk ranges. */
    public List<List<SheetChunkPlanner.Chunk>> plan(@Body Spreadsheet metadata, Exchange exchange) {
        SyncConfig.Sheets sheets = settings(exchange);
        SheetRange range = exchange.getProperty(RANGE, SheetRange.class);
        SheetGrid grid = grid(metadata, range.sheetTitle(), sheets.range());
        SheetChunkPlanner.Plan plan;
        try {
            plan = SheetChunkPlanner.plan(range, grid, sheets.chunkRows());
        } catch (IllegalArgumentException e) {
            throw new SheetRefusedException("bad range " + sheets.range() + ": " + e.getMessage(), 400, e);
        }
        exchange.setProperty(PLAN, plan);
        SheetReceiver receiver = exchange.getProperty(SheetReceiver.PROPERTY, SheetReceiver.class);
        exchange.setProperty(ASSEMBLER, receiver == null ? new SheetAssembler(plan.headerRow())
                : new SheetStream(plan.headerRow(), receiver));
        return plan.batches();
    }

    /** Before each {@code data/batchGet}: the body is one batch of chunks; asks for their ranges, rows first. */
    public void valuesRequest(@Body List<SheetChunkPlanner.Chunk> batch, Exchange exchange) {
        exchange.setProperty(BATCH, List.copyOf(batch));
        Message request = request(exchange, settings(exchange));
        request.setHeader(HEADER + "ranges", new ArrayList<>(batch.stream().map(SheetChunkPlanner.Chunk::a1).toList()));
        request.setHeader(HEADER + "valueRenderOption", "UNFORMATTED_VALUE");
        request.setHeader(HEADER + "dateTimeRenderOption", "SERIAL_NUMBER");
        request.setHeader(HEADER + "majorDimension", "ROWS");
    }

    /**
     * After each {@code data/batchGet}: adds its value ranges to the sheet being assembled, or hands them to the
     * exchange's {@link SheetReceiver}.
     */
    public void add(@Body BatchGetValuesResponse answer, @ExchangeProperty(BATCH) List<SheetChunkPlanner.Chunk> batch,
                    @ExchangeProperty(ASSEMBLER) ChunkCollector assembler, Exchange exchange) {
        List<String> ranges = batch.stream().map(SheetChunkPlanner.Chunk::a1).toList();
        List<ValueRange> valueRanges = answer == null ? null : answer.getValueRanges();
        if (valueRanges == null || valueRanges.size() != batch.size()) {
            throw new SheetRefusedException("the Sheets API answered " + (valueRanges == null ? 0 : valueRanges.size())
                    + " value ranges for " + batch.size() + " requested (" + String.join(", ", ranges) + ")", 0, null);
        }
        for (int i = 0; i < batch.size(); i++) {
            assembler.add(batch.get(i).firstRow(), valueRanges.get(i).getValues());
        }
        // The split keeps each answer's exchange until the whole sheet is read: an answer left as its body would
        // hold every cell of the sheet in memory at once.
        exchange.getMessage().setBody(null);
        LOG.debug("read {}", ranges);
    }

    /** The whole sheet (or what its receiver made of it), once every batch was added. */
    public FetchedSheet assembled(@ExchangeProperty(ASSEMBLER) ChunkCollector assembler,
                                  @ExchangeProperty(PLAN) SheetChunkPlanner.Plan plan, Exchange exchange) {
        FetchedSheet data = assembler.result();
        // the assembler's rows would otherwise live on the exchange, beside the parsed sheet, until the run ends
        exchange.removeProperty(ASSEMBLER);
        exchange.removeProperty(BATCH);
        LOG.info("fetched {} rows from {} in {} values request(s)", data.rowCount(), describe(),
                plan.batches().size());
        return data;
    }

    /** A step of the read failed: throws what it means, transient or refused, worded for the operator. */
    public void failed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure, Exchange exchange) {
        SyncConfig.Sheets sheets = exchange.getProperty(SETTINGS, SyncConfig.Sheets.class);
        if (sheets == null) {
            sheets = config.current().sheets();
        }
        throw SheetsApiErrors.translate(failure, new SheetsApiErrors.Context(
                sheets.spreadsheetId(), sheets.range(), sheets.rootUrl(), sheets.timeoutSeconds()));
    }

    /** For logs: the spreadsheet and range, never the token. */
    public String describe() {
        SyncConfig.Sheets sheets = config.current().sheets();
        return "google sheet " + sheets.spreadsheetId() + " range " + sheets.range();
    }

    /** Replaces the request headers of the previous call and empties the body: the endpoint reads only headers. */
    private static Message request(Exchange exchange, SyncConfig.Sheets sheets) {
        Message message = exchange.getIn();
        message.removeHeaders(HEADER + "*");
        message.setHeader(HEADER + "spreadsheetId", sheets.spreadsheetId());
        message.setBody(null);
        return message;
    }

    private static SyncConfig.Sheets settings(Exchange exchange) {
        return exchange.getProperty(SETTINGS, SyncConfig.Sheets.class);
    }

    private static SheetRange parseRange(String text) {
        try {
            return SheetRange.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SheetRefusedException("bad range " + text + ": " + e.getMessage()
                    + " (SYNC_SHEETS_RANGE takes a sheet name or an A1 range such as Sellers!A1:L)", 400, e);
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
            throw new SheetRefusedException("the spreadsheet metadata lists no sheets", 0, null);
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
            throw new SheetRefusedException("bad range " + configuredRange + ": the spreadsheet has no sheet named '"
                    + title + "'; its sheets are " + sheets.stream().map(s -> "'" + s.getTitle() + "'").toList()
                    + " (check SYNC_SHEETS_RANGE)", 400, null);
        }
        GridProperties gridProperties = found.getGridProperties();
        if (gridProperties == null || gridProperties.getRowCount() == null || gridProperties.getColumnCount() == null) {
            throw new SheetRefusedException("sheet '" + found.getTitle() + "' is not a grid of cells (a chart or "
                    + "object sheet?): point SYNC_SHEETS_RANGE at the sheet holding the sellers", 400, null);
        }
        return new SheetGrid(found.getTitle(), gridProperties.getRowCount(), gridProperties.getColumnCount());
    }

    private static int index(SheetProperties sheet) {
        return sheet.getIndex() == null ? Integer.MAX_VALUE : sheet.getIndex();
    }
}
