package io.sheetsync.sync;

import io.sheetsync.support.AuditTables;
import io.sheetsync.support.RefusingTrigger;
import io.sheetsync.support.RunningService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two batch writers, batches of one seller: the sheet's batches are written two at a time, in groups, one group after
 * the other. A group whose batches are all refused fails the run with the first in sheet order, whichever finished
 * first, names the other in the run's error log, and the groups after it are never written.
 */
class BatchWritersTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(() -> Map.of("SYNC_BATCH_SIZE", "1",
            "SYNC_BATCH_WRITERS", "2", "SYNC_MAX_SHRINK_PERCENT", "100"));

    private RefusingTrigger refusing;

    @BeforeEach
    void emptyDatabase() {
        SYNC.database().execute("DELETE FROM sellers; DELETE FROM sync_audit_logs");
        refusing = RefusingTrigger.install(SYNC.database());
    }

    @RepeatedTest(5)
    void a_group_of_refused_batches_fails_the_run_with_the_first_in_sheet_order_and_names_the_other()
            throws Exception {
        SYNC.service().sheet(List.of("seller_number,name,inquiry_date", "AA1,One,2024-01-01", "AA2,Two,2024-01-02",
                "AA3,Three,2024-01-03", "AA4,Four,2024-01-04", "AA5,Five,2024-01-05", "AA6,Six,2024-01-06"));
        // the second group (AA3, AA4): both refused for good; AA3 waits a moment, so AA4 fails first
        refusing.refuse("AA3", "check_violation").refuse("AA4", "check_violation");
        SYNC.database().execute("""
                CREATE OR REPLACE FUNCTION test_slow_insert() RETURNS trigger AS $$
                BEGIN
                  IF NEW.seller_number = 'AA3' THEN PERFORM pg_sleep(0.2); END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql;
                DROP TRIGGER IF EXISTS a_slow_insert ON sellers;
                CREATE TRIGGER a_slow_insert BEFORE INSERT ON sellers
                  FOR EACH ROW EXECUTE FUNCTION test_slow_insert();""");

        RunSummary run = SYNC.service().syncNow();

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.error()).contains("AA3").doesNotContain("AA4");
        assertThat(SYNC.database().query("SELECT seller_number FROM sellers ORDER BY seller_number"))
                .as("the first group written, the groups after the failed one never")
                .containsExactly("AA1", "AA2");
        List<AuditTables.ErrorRow> errors = new AuditTables(SYNC.database()).errors(UUID.fromString(run.syncId()));
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.message()).contains("AA3");
            assertThat(error.stackTrace()).contains("Suppressed: ").contains("refuses seller AA4");
        });
    }
}
