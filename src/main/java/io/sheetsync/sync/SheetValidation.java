package io.sheetsync.sync;

import io.sheetsync.config.SyncConfig;
import io.sheetsync.seller.SellerParser;
import io.sheetsync.sheet.HeaderMapping;

/**
 * How a run and a plan both read a fetched sheet ({@link SheetIntake}): with the configured header mapping and time
 * zone, refusing a sheet without its header row.
 */
public final class SheetValidation {

    private SheetValidation() {
    }

    /** The parser a read uses: the header mapping in force and the configured time zone. */
    public static SellerParser parser(HeaderMapping mapping, SyncConfig settings) {
        return new SellerParser(mapping, settings.timeZone());
    }

    /** The header mapping in force: SYNC_MAPPING_FILE's, or the built-in one. */
    public static HeaderMapping mapping(SyncConfig settings) {
        return settings.mappingFile() == null ? HeaderMapping.builtIn() : HeaderMapping.fromYaml(settings.mappingFile());
    }

    /** The refusal of a sheet that came back without its header row, {@code rows} rows below where it should be. */
    static SourceShrunkException missingHeader(int rows) {
        return new SourceShrunkException("the sheet came back without its header row (" + rows
                + " rows below it): check the sheet and SYNC_SHEETS_RANGE");
    }
}
