package io.sheetsync.sync;

import io.sheetsync.support.CraftedXlsx;
import io.sheetsync.support.RunningService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crafted XLSX exports fail the run with a message that says what is wrong, before the file costs memory, and the
 * service goes on: the next good export syncs.
 */
class HostileExportTest {

    static Path export;

    @RegisterExtension
    static final RunningService SYNC = new RunningService(() -> {
        try {
            export = Files.createTempDirectory("hostile-export").resolve("sellers.xlsx");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("SYNC_FILE_PATH", export.toString());
    });

    @BeforeEach
    void clean() throws Exception {
        SYNC.database().execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
    }

    @Test
    void a_row_numbered_two_million_fails_the_run_with_the_limit_it_passed() throws Exception {
        CraftedXlsx.withSheetXml(export, xml -> {
            xml.write(CraftedXlsx.row(1, "seller_number", "name", "inquiry_date"));
            xml.write(CraftedXlsx.row(2_000_000, "AA1", "One", "2024-01-01"));
        });

        RunSummary run = SYNC.service().syncNow();

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.error()).contains(export + " has row 2000000, beyond the 1,048,576 rows a sheet can have");
        assertThat(SYNC.database().query("SELECT seller_number FROM sellers")).isEmpty();
        theNextGoodExportSyncs();
    }

    @Test
    void a_zip_bomb_fails_the_run_as_a_zip_bomb_and_the_service_goes_on() throws Exception {
        // 100 MB of rows in a file of a few hundred kilobytes: read as cells, it would take gigabytes of heap
        CraftedXlsx.bomb(export, 100_000_000);

        RunSummary run = SYNC.service().syncNow();

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.error()).contains(export + " looks like a zip bomb: its part xl/worksheets/sheet1.xml would"
                + " expand from ", " to 100,000,", "bytes, more than 100 times");
        assertThat(SYNC.database().query("SELECT seller_number FROM sellers")).isEmpty();
        theNextGoodExportSyncs();
    }

    private static void theNextGoodExportSyncs() throws Exception {
        CraftedXlsx.valid(export, List.of(List.of("seller_number", "name", "inquiry_date"),
                List.of("AA1", "One", "2024-01-01")));
        RunSummary next = SYNC.service().syncNow();
        assertThat(next.status()).as("the run after the crafted file").isEqualTo("completed");
        assertThat(SYNC.database().query("SELECT seller_number FROM sellers")).containsExactly("AA1");
    }
}
