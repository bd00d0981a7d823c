package io.sheetsync.sheet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sheetsync.config.SyncConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SheetSettingsTest {

    @Test
    void a_broken_mapping_file_or_range_is_refused_at_start_up(@org.junit.jupiter.api.io.TempDir Path directory)
            throws java.io.IOException {
        Path mapping = java.nio.file.Files.writeString(directory.resolve("mapping.yaml"), "fields:\n  nickname: [x]\n");

        assertThatThrownBy(() -> SheetSettings.check(
                SyncConfig.load(Map.of("SYNC_MAPPING_FILE", mapping.toString()), new Properties())))
                .hasMessageStartingWith("SYNC_MAPPING_FILE").hasMessageContaining("nickname");
        assertThatThrownBy(() -> SheetSettings.check(
                SyncConfig.load(Map.of("SYNC_SHEETS_RANGE", "Sellers!C5:A1"), new Properties())))
                .hasMessageStartingWith("SYNC_SHEETS_RANGE");
    }
}
