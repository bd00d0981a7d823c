package io.sheetsync.verify;

import io.sheetsync.support.RunningService;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seller the database holds exactly as the sheet has it is staged without its cells (issue 11), so a run cannot
 * write it again from its own stage. Should it be deleted by hand while the sheet is read, the run must still find
 * the gap, fail and alert within the cycle, and the next run must store it: the incident class this service exists
 * for, with the seller gone from the database instead of never arriving.
 */
class DeletedDuringReadTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(Map::of);

    static final List<String> SHEET = List.of("seller_number,name,inquiry_date,property_type",
            "AA12677,Before,2024-01-01,", "AA12679,山田 太郎,2024-01-03,戸建て", "AA12680,After,2024-01-04,");

    @BeforeAll
    static void syncOnce() throws Exception {
        SYNC.service().sheet(SHEET);
        assertThat(SYNC.service().syncNow().status()).isEqualTo("completed");
    }

    @AfterEach
    void removeTrigger() {
        SYNC.database().execute("DROP TRIGGER IF EXISTS delete_while_read ON sheet_stage;"
                + " DROP FUNCTION IF EXISTS delete_while_read()");
    }

    @Test
    void a_seller_deleted_while_its_row_is_staged_fails_the_run_with_an_alert_and_the_next_run_stores_it()
            throws Exception {
        // fires as the read stages AA12679's row: after the stored hashes were read, before anything compares
        SYNC.database().execute("""
                CREATE FUNCTION delete_while_read() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  DELETE FROM properties WHERE seller_id IN (SELECT id FROM sellers WHERE seller_number = 'AA12679');
                  DELETE FROM sellers WHERE seller_number = 'AA12679';
                  RETURN NULL;
                END $$;
                CREATE TRIGGER delete_while_read AFTER INSERT ON sheet_stage FOR EACH ROW
                  WHEN (NEW.seller_number = 'AA12679') EXECUTE FUNCTION delete_while_read();
                """);

        RunSummary gone = SYNC.service().syncNow();

        assertThat(gone.status()).isEqualTo("failed");
        assertThat(gone.gaps()).containsExactly("AA12679");
        assertThat(SYNC.database().query("SELECT seller_number FROM sync_error_logs WHERE audit_log_id = '"
                + gone.syncId() + "' AND error_message LIKE 'not stored%'")).contains("AA12679");
        assertThat(SYNC.database().query("SELECT severity || '|' || type FROM sync_alerts"
                + " WHERE resolved_at IS NULL AND message LIKE '%AA12679%'")).containsExactly("high|sync_gap");

        removeTrigger();
        RunSummary healed = SYNC.service().syncNow();

        assertThat(healed.status()).isEqualTo("completed");
        assertThat(healed.counts().created()).isEqualTo(1);
        assertThat(SYNC.database().query("SELECT s.name || '|' || p.property_type FROM sellers s"
                + " JOIN properties p ON p.seller_id = s.id WHERE s.seller_number = 'AA12679'"))
                .containsExactly("山田 太郎|戸建て");
    }
}
