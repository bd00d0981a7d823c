package io.sheetsync.sync;

import io.sheetsync.config.SyncConfig;
import io.sheetsync.seller.ParsedSheet;
import io.sheetsync.seller.SellerParser;
import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.sheet.SheetData;

/**
 * Reads a fetched sheet as a run and a plan both do, without side effects: refuses a sheet without its header row,
 * then normalises and validates every row with the configured header mapping.
 */
public final class SheetValidation {

    private SheetValidation() {
    }

    /**
     * @throws SourceShrunkException when the header row is missing (blank)
     * @throws io.sheetsync.sheet.SheetFormatException when the header row cannot be used
     */
    public static ParsedSheet parse(SheetData data, SyncConfig settings) {
        return parse(data, mapping(settings), settings);
    }

    /** {@link #parse(SheetData, SyncConfig)} with the header mapping already read. */
    public static ParsedSheet parse(SheetData data, HeaderMapping mapping, SyncConfig settings) {
        if (data.header().stream().allMatch(String::isBlank)) {
            throw missingHeader(data.rows().size());
        }
        return parser(mapping, settings).parse(data);
    }

    /** The parser a read uses: the header mapping in force and the configured time zone. */
    public static SellerParser parser(HeaderMapping mapping, SyncConfig settings) {
        return new SellerParser(mapping, settings.timeZone());
    }

    /** The refusal of a sheet that came back without its header row, {@code rows} rows below where it should be. */
    static SourceShrunkException missingHeader(int rows) {
        return new SourceShrunkException("the sheet came back without its header row (" + rows
                + " rows below it): check the sheet and SYNC_SHEETS_RANGE");
    }

    /** The header mapping in force: SYNC_MAPPING_FILE's, or the built-in one. */
    public static HeaderMapping mapping(SyncConfig settings) {
        return settings.mappingFile() == null ? HeaderMapping.builtIn() : HeaderMapping.fromYaml(settings.mappingFile());
    }
}
