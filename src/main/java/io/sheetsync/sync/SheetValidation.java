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
        if (data.header().stream().allMatch(String::isBlank)) {
            throw new SourceShrunkException("the sheet came back without its header row (" + data.rows().size()
                    + " rows below it): check the sheet and SYNC_SHEETS_RANGE");
        }
        HeaderMapping mapping = settings.mappingFile() == null
                ? HeaderMapping.builtIn() : HeaderMapping.fromYaml(settings.mappingFile());
        return new SellerParser(mapping, settings.timeZone()).parse(data);
    }
}
