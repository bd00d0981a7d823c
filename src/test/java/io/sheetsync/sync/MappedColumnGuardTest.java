package io.sheetsync.sync;

import io.sheetsync.support.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The vanished-column guard under a SYNC_MAPPING_FILE: columns are the mapping's, named by the headers it maps. */
class MappedColumnGuardTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(() -> Map.of("SYNC_MAPPING_FILE", mappingFile().toString()));

    @Test
    void a_column_renamed_away_from_the_mapping_file_alias_is_refused_and_an_accepted_alias_is_not() throws Exception {
        SYNC.service().sheet(List.of("売主番号,氏名,反響日,連絡先", "AA1,山田 太郎,2024-01-01,03-1111-2222"));
        RunSummary first = SYNC.service().syncNow();
        // 電話番号 is a built-in alias of phone, but the mapping file replaced phone's aliases: it no longer maps
        SYNC.service().sheet(List.of("売主番号,氏名,反響日,電話番号", "AA1,山田 太郎,2024-01-01,03-1111-2222"));
        RunSummary renamed = SYNC.service().syncNow();
        SYNC.service().sheet(List.of("売主番号,氏名,反響日,TEL", "AA1,山田 太郎,2024-01-01,03-1111-2222"));
        RunSummary otherAlias = SYNC.service().syncNow();

        assertThat(first.status()).isEqualTo("completed");
        assertThat(renamed.status()).isEqualTo("failed");
        assertThat(renamed.error()).contains("phone (column '連絡先') is gone");
        assertThat(otherAlias.status()).isEqualTo("completed");
        assertThat(SYNC.database().query("SELECT phone FROM sellers")).containsExactly("03-1111-2222");
    }

    private static Path mappingFile() {
        try {
            Path file = Files.createTempFile("mapping", ".yaml");
            Files.writeString(file, "fields:\n  phone: [連絡先, TEL]\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
