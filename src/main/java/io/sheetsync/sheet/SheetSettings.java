package io.sheetsync.sheet;

import io.sheetsync.config.ConfigException;
import io.sheetsync.config.SyncConfig;

/**
 * The sheet's own check of a configuration at start-up: the range and the mapping file must be readable as the sheet
 * reads them, or start-up fails with a message naming the key. Kept here so that config knows nothing of sheets.
 */
public final class SheetSettings {

    private SheetSettings() {
    }

    /** Returns the configuration when its range and mapping file can be read, else throws naming the key. */
    public static SyncConfig check(SyncConfig config) {
        try {
            SheetRange.parse(config.sheets().range());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("SYNC_SHEETS_RANGE", e.getMessage() + " (a sheet name such as Sellers, or an A1"
                    + " range such as 'Sellers'!A1:L)");
        }
        if (config.mappingFile() != null) {
            try {
                HeaderMapping.fromYaml(config.mappingFile());
            } catch (InvalidMappingException e) {
                throw new ConfigException("SYNC_MAPPING_FILE", e.getMessage());
            }
        }
        return config;
    }
}
