package io.sheetsync.sync;

import io.sheetsync.support.LosingTrigger;
import io.sheetsync.support.RunLogs;
import io.sheetsync.support.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch's error logs commit with the batch: when writing them fails, the batch is written again as a whole, so a
 * seller whose insert the database dropped (the AA12679 incident) is logged, found as a gap and healed, and never
 * silently repaired by the retry with no trace of the loss.
 */
class BatchErrorLogTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(() -> Map.of("SYNC_BATCH_SIZE", "2",
            "SYNC_BATCH_WRITERS", "1", "SYNC_RETRY_INITIAL_DELAY_MS", "1"));

    @Test
    void a_dropped_insert_is_logged_and_healed_even_when_the_first_write_of_its_error_failed() throws Exception {
        LosingTrigger.install(SYNC.database()).drop("AA2", 1);
        SYNC.database().execute("""
                CREATE SEQUENCE error_log_writes;
                CREATE FUNCTION fail_first_error_log() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF nextval('error_log_writes') = 1 THEN
                    RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '40001';
                  END IF;
                  RETURN NEW;
                END $$;
                CREATE TRIGGER fail_first_error_log BEFORE INSERT ON sync_error_logs
                  FOR EACH ROW EXECUTE FUNCTION fail_first_error_log();""");
        SYNC.service().sheet(List.of("seller_number,name,inquiry_date", "AA1,One,2024-01-01", "AA2,Two,2024-01-02",
                "AA3,Three,2024-01-03"));

        RunSummary run = SYNC.service().syncNow();

        assertThat(run.status()).as("run (error: %s)", run.error()).isEqualTo("completed");
        assertThat(RunLogs.actions(SYNC.database(), run.syncId())).containsExactly("batch_retried");
        assertThat(SYNC.database().query("SELECT seller_number FROM sync_error_logs WHERE audit_log_id = '"
                + run.syncId() + "' AND error_type = 'database'")).as("the dropped insert, logged once")
                .containsExactly("AA2");
        assertThat(SYNC.database().query("SELECT seller_number || ' ' || resynced FROM sync_gaps"))
                .as("found as a gap and healed").containsExactly("AA2 true");
        assertThat(SYNC.database().query("SELECT seller_number FROM sellers ORDER BY seller_number"))
                .containsExactly("AA1", "AA2", "AA3");
    }
}
