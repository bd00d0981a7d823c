package io.sheetsync.sync;

import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The vanished-column guard: a sheet that lost a mapped column is refused until an operator accepts the loss. */
class ColumnGuardTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(Map::of);

    static final String HEADER = "売主番号,氏名,反響日,電話番号,物件種別,土地面積";
    static final List<String> ROWS = List.of("AA1,山田 太郎,2024-01-01,03-1111-2222,土地,120.5",
            "AA2,佐藤 花子,2024-01-02,090-3333-4444,戸建て,", "AA3,鈴木 一郎,2024-01-03,,,");

    static final String SELLERS = "SELECT seller_number || '|' || coalesce(phone, '-') || '|' || xmin FROM sellers"
            + " ORDER BY seller_number";
    static final String PROPERTIES = "SELECT s.seller_number || '|' || coalesce(p.property_type, '-') || '|'"
            + " || coalesce(p.land_area::text, '-') || '|' || p.xmin FROM properties p JOIN sellers s ON s.id = p.seller_id"
            + " ORDER BY s.seller_number";

    @BeforeEach
    void firstRunCompleted() throws Exception {
        SYNC.database().execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
        sheet(HEADER, ROWS);
        assertThat(SYNC.service().syncNow().status()).as("the first run").isEqualTo("completed");
    }

    @Test
    void a_renamed_phone_column_fails_the_run_with_a_high_alert_and_blanks_no_phone() throws Exception {
        List<String> sellers = SYNC.database().query(SELLERS);
        List<String> properties = SYNC.database().query(PROPERTIES);
        sheet("売主番号,氏名,反響日,電話,物件種別,土地面積", ROWS);

        RunSummary refused = SYNC.service().syncNow();

        assertThat(refused.status()).isEqualTo("failed");
        assertThat(refused.error()).contains("phone (column '電話番号') is gone", "acknowledge");
        assertThat(SYNC.database().query("SELECT severity || '|' || type || '|' || message FROM sync_alerts"))
                .singleElement().satisfies(alert -> assertThat(alert)
                        .startsWith("high|column_vanished|").contains("phone (column '電話番号')"));
        assertThat(SYNC.database().query("SELECT error_type || '|' || error_message FROM sync_error_logs"
                + " WHERE audit_log_id = '" + refused.syncId() + "'"))
                .singleElement().satisfies(error -> assertThat(error).startsWith("validation|").contains("電話番号"));
        assertThat(SYNC.database().query(SELLERS)).as("no seller written, no phone blanked").isEqualTo(sellers);
        assertThat(SYNC.database().query(PROPERTIES)).as("no property written or deleted").isEqualTo(properties);
    }

    @Test
    void deleted_property_columns_fail_the_run_naming_each_and_keep_every_property() throws Exception {
        List<String> sellers = SYNC.database().query(SELLERS);
        List<String> properties = SYNC.database().query(PROPERTIES);
        sheet("売主番号,氏名,反響日,電話番号", List.of("AA1,山田 太郎,2024-01-01,03-1111-2222",
                "AA2,佐藤 花子,2024-01-02,090-3333-4444", "AA3,鈴木 一郎,2024-01-03,"));

        RunSummary refused = SYNC.service().syncNow();

        assertThat(refused.status()).isEqualTo("failed");
        assertThat(refused.error()).contains("property_type (column '物件種別') is gone",
                "land_area (column '土地面積') is gone").doesNotContain("phone");
        assertThat(alertedFields()).containsExactly("property_type|物件種別|vanished", "land_area|土地面積|vanished");
        assertThat(SYNC.database().query(PROPERTIES)).hasSize(2).isEqualTo(properties);
        assertThat(SYNC.database().query(SELLERS)).isEqualTo(sellers);
    }

    @Test
    void a_column_blank_in_every_row_fails_the_run_and_blanks_nothing() throws Exception {
        List<String> sellers = SYNC.database().query(SELLERS);
        sheet(HEADER, List.of("AA1,山田 太郎,2024-01-01,,土地,120.5", "AA2,佐藤 花子,2024-01-02,\u3000,戸建て,",
                "AA3,鈴木 一郎,2024-01-03,,,"));

        RunSummary refused = SYNC.service().syncNow();

        assertThat(refused.status()).isEqualTo("failed");
        assertThat(refused.error()).contains("phone (column '電話番号') is blank in every valid row");
        assertThat(alertedFields()).containsExactly("phone|電話番号|emptied");
        assertThat(SYNC.database().query(SELLERS)).isEqualTo(sellers);
    }

    @Test
    void acknowledging_the_alert_lets_the_next_run_blank_exactly_that_field_once() throws Exception {
        List<String> properties = SYNC.database().query(PROPERTIES);
        sheet("売主番号,氏名,反響日,物件種別,土地面積", List.of("AA1,山田 太郎,2024-01-01,土地,120.5",
                "AA2,佐藤 花子,2024-01-02,戸建て,", "AA3,鈴木 一郎,2024-01-03,,"));
        assertThat(SYNC.service().syncNow().status()).as("refused before the acknowledgement").isEqualTo("failed");
        String alertId = SYNC.database().query("SELECT id::text FROM sync_alerts WHERE type = 'column_vanished'")
                .get(0);

        HttpResponse<String> ack = SYNC.service().post("/api/alerts/" + alertId + "/acknowledge", TestService.OPERATOR);
        RunSummary accepted = SYNC.service().syncNow();
        RunSummary next = SYNC.service().syncNow();

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(accepted.status()).isEqualTo("completed");
        assertThat(SYNC.database().query("SELECT seller_number || '|' || coalesce(phone, '-') || '|' || name"
                + " FROM sellers ORDER BY seller_number"))
                .containsExactly("AA1|-|山田 太郎", "AA2|-|佐藤 花子", "AA3|-|鈴木 一郎");
        assertThat(SYNC.database().query(PROPERTIES)).as("properties untouched").isEqualTo(properties);
        assertThat(SYNC.database().query("SELECT action || '|' || detail FROM sync_recovery_actions"
                + " WHERE audit_log_id = '" + accepted.syncId() + "'")).singleElement().satisfies(action ->
                assertThat(action).startsWith("column_removal_accepted|phone (column '電話番号') is gone")
                        .contains("operator acknowledged alert " + alertId));
        assertThat(next.status()).as("the run after: nothing lost any more").isEqualTo("completed");
        assertThat(SYNC.database().query("SELECT count(*)::text FROM sync_recovery_actions WHERE audit_log_id = '"
                + next.syncId() + "'")).containsExactly("0");
    }

    @Test
    void an_acknowledgement_accepts_only_the_columns_its_alert_named() throws Exception {
        sheet("売主番号,氏名,反響日,物件種別,土地面積", List.of("AA1,山田 太郎,2024-01-01,土地,120.5",
                "AA2,佐藤 花子,2024-01-02,戸建て,", "AA3,鈴木 一郎,2024-01-03,,"));
        SYNC.service().syncNow();
        String alertId = SYNC.database().query("SELECT id::text FROM sync_alerts WHERE type = 'column_vanished'")
                .get(0);
        SYNC.service().post("/api/alerts/" + alertId + "/acknowledge", TestService.OPERATOR);
        List<String> sellers = SYNC.database().query(SELLERS);
        sheet("売主番号,氏名,反響日,物件種別", List.of("AA1,山田 太郎,2024-01-01,土地",
                "AA2,佐藤 花子,2024-01-02,戸建て", "AA3,鈴木 一郎,2024-01-03,"));

        RunSummary refused = SYNC.service().syncNow();

        assertThat(refused.status()).isEqualTo("failed");
        assertThat(refused.error()).contains("land_area (column '土地面積') is gone").doesNotContain("phone");
        assertThat(SYNC.database().query(SELLERS)).isEqualTo(sellers);
    }

    @Test
    void a_new_column_a_column_still_blank_or_another_alias_of_the_same_field_is_no_loss() throws Exception {
        sheet(HEADER + ",status,メールアドレス", List.of("AA1,山田 太郎,2024-01-01,03-1111-2222,土地,120.5,,",
                "AA2,佐藤 花子,2024-01-02,090-3333-4444,戸建て,,,", "AA3,鈴木 一郎,2024-01-03,,,,,"));
        RunSummary added = SYNC.service().syncNow();
        sheet(HEADER + ",status,メールアドレス", List.of("AA1,山田 太郎,2024-01-01,03-1111-2222,土地,120.5,,",
                "AA2,佐藤 花子,2024-01-02,090-3333-4444,戸建て,,,", "AA3,鈴木 一郎,2024-01-03,,,,,a@example.com"));
        RunSummary stillBlank = SYNC.service().syncNow();
        sheet("売主番号,氏名,反響日,Phone,物件種別,土地面積,status,メールアドレス", List.of(
                "AA1,山田 太郎,2024-01-01,03-1111-2222,土地,120.5,,", "AA2,佐藤 花子,2024-01-02,090-3333-4444,戸建て,,,",
                "AA3,鈴木 一郎,2024-01-03,,,,,a@example.com"));
        RunSummary otherAlias = SYNC.service().syncNow();

        assertThat(List.of(added.status(), stillBlank.status(), otherAlias.status()))
                .containsOnly("completed");
        assertThat(SYNC.database().query("SELECT count(*)::text FROM sync_alerts WHERE type = 'column_vanished'"))
                .containsExactly("0");
    }

    @Test
    void a_completed_run_from_before_the_guard_recorded_no_columns_and_is_not_compared_with() throws Exception {
        SYNC.database().execute("DELETE FROM sync_sheet_columns");
        sheet("売主番号,氏名,反響日", List.of("AA1,山田 太郎,2024-01-01", "AA2,佐藤 花子,2024-01-02",
                "AA3,鈴木 一郎,2024-01-03"));

        assertThat(SYNC.service().syncNow().status()).isEqualTo("completed");
        assertThat(SYNC.database().query("SELECT field FROM sync_sheet_columns ORDER BY field"))
                .containsExactly("inquiry_date", "name", "seller_number");
    }

    private static List<String> alertedFields() {
        return SYNC.database().query("SELECT c->>'field' || '|' || (c->>'header') || '|' || (c->>'change')"
                + " FROM sync_alerts, jsonb_array_elements(details->'columns') WITH ORDINALITY AS t(c, n)"
                + " WHERE type = 'column_vanished' ORDER BY n");
    }

    private static void sheet(String header, List<String> rows) throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of(header));
        lines.addAll(rows);
        SYNC.service().sheet(lines);
    }
}
