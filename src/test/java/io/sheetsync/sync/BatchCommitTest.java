package io.sheetsync.sync;

import io.sheetsync.support.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batches commit without waiting for the disk, and the run's end waits for it (which flushes the batches with it): a
 * run recorded as completed has every row it wrote on disk.
 */
class BatchCommitTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(() -> Map.of("SYNC_BATCH_SIZE", "2"));

    @Test
    void batches_commit_without_waiting_for_the_disk_and_the_run_end_waits_for_it() throws Exception {
        SYNC.database().execute("""
                CREATE TABLE commit_modes (n serial, written text, mode text);
                CREATE FUNCTION note_commit_mode() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO commit_modes (written, mode)
                    VALUES (TG_TABLE_NAME, current_setting('synchronous_commit'));
                  RETURN NULL;
                END $$;
                CREATE TRIGGER sellers_commit_mode AFTER INSERT OR UPDATE ON sellers
                  FOR EACH STATEMENT EXECUTE FUNCTION note_commit_mode();
                CREATE TRIGGER audit_commit_mode AFTER UPDATE ON sync_audit_logs
                  FOR EACH STATEMENT EXECUTE FUNCTION note_commit_mode();""");
        SYNC.service().sheet(List.of("seller_number,name,inquiry_date", "AA1,One,2024-01-01", "AA2,Two,2024-01-02",
                "AA3,Three,2024-01-03"));

        RunSummary run = SYNC.service().syncNow();

        assertThat(run.status()).isEqualTo("completed");
        assertThat(SYNC.database().query("SELECT count(*) FROM sellers")).containsExactly("3");
        // two batches (of 2 and 1 rows), then the run's end as the last write
        assertThat(SYNC.database().query("SELECT written || ' ' || mode FROM commit_modes ORDER BY n"))
                .containsSubsequence("sellers off", "sellers off", "sync_audit_logs on")
                .endsWith("sync_audit_logs on")
                .doesNotContain("sellers on", "sync_audit_logs off");
    }
}
