package io.sheetsync.sync;

import io.sheetsync.support.RunningService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sync flow through the running Camel context, the CSV source and the real SYNC.database(). */
class SyncFlowTest {

    @RegisterExtension
    @Order(2)
    static final RunningService SYNC = new RunningService(() -> Map.of());

    /** A sheet with everything that goes wrong in real life, and what must come of each row. */
    static final List<String> MESSY_SHEET = List.of(
            "売主番号,氏名,反響日,電話番号,メモ,物件所在地,土地面積,最終更新日時",
            "ＡＡ１２６７９,山田 太郎,2024-01-15,090-1111-2222,\"memo, with comma\",東京都港区1-1,120.5,2024-03-01T10:00:00+09:00",
            ",,,,,,,",
            "aa10002,\"O'Brien \"\"Bob\"\"\",2024/2/3,,\"multi\nline\",,,",
            "AA10003,鈴木 花子 🌸,2024年3月4日",
            "AA10004,\"Robert'); DROP TABLE sellers;--\",45292,,,,,",
            "XX999,Bad Number,2024-01-01",
            "AA10005,,2024-01-01",
            "AA10006,Bad Date,2024-13-45",
            "AA10007,Dup Old,2024-01-01,,,,,2024-01-01T00:00:00+09:00",
            "AA10007,Dup New,2024-01-02,,,,,2024-02-01T00:00:00+09:00",
            ",,,,,,,",
            "AA10008,Last Row After Blanks,2024-05-05");

    @BeforeEach
    void emptyTables() {
        SYNC.database().execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
    }

    @Test
    void messy_sheet_lands_exactly() throws Exception {
        SYNC.service().sheet(MESSY_SHEET);

        RunSummary summary = SYNC.service().syncNow();

        assertThat(summary.status()).isEqualTo("completed");
        assertThat(summary.counts().created()).isEqualTo(6);
        assertThat(summary.counts().failed()).isEqualTo(4);
        assertThat(summary.gaps()).isEmpty();
        assertThat(SYNC.database().query("SELECT seller_number || '|' || name || '|' || inquiry_date FROM sellers ORDER BY seller_number"))
                .containsExactly(
                        "AA10002|O'Brien \"Bob\"|2024-02-03",
                        "AA10003|鈴木 花子 🌸|2024-03-04",
                        "AA10004|Robert'); DROP TABLE sellers;--|2024-01-01",
                        "AA10007|Dup New|2024-01-02",
                        "AA10008|Last Row After Blanks|2024-05-05",
                        "AA12679|山田 太郎|2024-01-15");
        assertThat(SYNC.database().query("SELECT source_row::text FROM sellers WHERE seller_number = 'AA10008'")).containsExactly("13");
        assertThat(SYNC.database().query("SELECT raw->>'メモ' FROM sellers WHERE seller_number = 'AA10002'")).containsExactly("multi\nline");
        assertThat(SYNC.database().query("SELECT p.address || '|' || p.land_area FROM properties p JOIN sellers s ON s.id = p.seller_id"))
                .containsExactly("東京都港区1-1|120.5");
        assertThat(SYNC.database().query("SELECT error_message FROM sync_error_logs WHERE error_type = 'validation' ORDER BY error_message"))
                .hasSize(4)
                .anySatisfy(message -> assertThat(message).startsWith("row 10: duplicate seller number AA10007"))
                .anySatisfy(message -> assertThat(message).startsWith("row 7:"))
                .anySatisfy(message -> assertThat(message).startsWith("row 8:"))
                .anySatisfy(message -> assertThat(message).startsWith("row 9:"));
        assertThat(SYNC.database().query("SELECT seller_number || '|' || operation || '|' || result FROM sync_record_logs"
                + " WHERE result = 'success' ORDER BY seller_number"))
                .containsExactly("AA10002|create|success", "AA10003|create|success", "AA10004|create|success",
                        "AA10007|create|success", "AA10008|create|success", "AA12679|create|success");
        assertThat(SYNC.database().query("SELECT status || '|' || created_count || '|' || failure_count FROM sync_audit_logs"))
                .containsExactly("completed|6|4");
    }

    @Test
    void a_second_run_of_the_same_sheet_changes_nothing() throws Exception {
        SYNC.service().sheet(MESSY_SHEET);
        SYNC.service().syncNow();
        List<String> before = snapshot();

        RunSummary second = SYNC.service().syncNow();

        assertThat(second.status()).isEqualTo("completed");
        assertThat(second.counts().created()).isZero();
        assertThat(second.counts().updated()).isZero();
        assertThat(second.counts().unchanged()).isEqualTo(6);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(SYNC.database().query("SELECT count(*)::text FROM sync_record_logs r JOIN sync_audit_logs a ON a.id = r.audit_log_id"
                + " WHERE a.id = '" + second.syncId() + "' AND r.result = 'success'")).containsExactly("0");
    }

    @Test
    void a_changed_row_updates_only_that_row_and_bumps_its_version() throws Exception {
        SYNC.service().sheet(MESSY_SHEET);
        SYNC.service().syncNow();
        Map<String, String> before = versions();
        List<String> changed = new ArrayList<>(MESSY_SHEET);
        changed.set(4, "AA10003,鈴木 花子 (改姓),2024年3月4日");

        SYNC.service().sheet(changed);
        RunSummary summary = SYNC.service().syncNow();

        assertThat(summary.counts().updated()).isEqualTo(1);
        assertThat(summary.counts().unchanged()).isEqualTo(5);
        Map<String, String> after = versions();
        assertThat(after.get("AA10003")).isEqualTo(Integer.toString(Integer.parseInt(before.get("AA10003")) + 1));
        after.remove("AA10003");
        before.remove("AA10003");
        assertThat(after).isEqualTo(before);
        assertThat(SYNC.database().query("SELECT name FROM sellers WHERE seller_number = 'AA10003'")).containsExactly("鈴木 花子 (改姓)");
        assertThat(SYNC.database().query("SELECT operation FROM sync_record_logs WHERE audit_log_id = '" + summary.syncId()
                + "' AND result = 'success'")).containsExactly("update");
    }

    @Test
    void clearing_the_property_cells_removes_the_property_record() throws Exception {
        // AA2 keeps its property: a property column blank in every row would be refused by the column guard
        SYNC.service().sheet(List.of("seller_number,name,inquiry_date,property_type", "AA1,A,2024-01-01,土地",
                "AA2,B,2024-01-01,戸建て"));
        SYNC.service().syncNow();
        assertThat(SYNC.database().query("SELECT count(*)::text FROM properties")).containsExactly("2");

        SYNC.service().sheet(List.of("seller_number,name,inquiry_date,property_type", "AA1,A,2024-01-01,",
                "AA2,B,2024-01-01,戸建て"));
        SYNC.service().syncNow();

        assertThat(SYNC.database().query("SELECT s.seller_number FROM properties p JOIN sellers s ON s.id = p.seller_id"))
                .containsExactly("AA2");
        assertThat(SYNC.database().query("SELECT version::text FROM sellers ORDER BY seller_number"))
                .containsExactly("2", "1");
    }

    /**
     * One batch with a new seller and changed ones: a new seller's record is inserted as such, a changed seller's is
     * updated in place, and a seller whose record went missing behind the run gets it back.
     */
    @Test
    void a_batch_of_new_and_changed_sellers_writes_each_property_record_once() throws Exception {
        String header = "seller_number,name,inquiry_date,property_type";
        SYNC.service().sheet(List.of(header, "AA1,A,2024-01-01,土地", "AA2,B,2024-01-01,戸建て", "AA3,C,2024-01-01,土地"));
        SYNC.service().syncNow();
        SYNC.database().execute("DELETE FROM properties WHERE seller_id = (SELECT id FROM sellers"
                + " WHERE seller_number = 'AA3')");

        SYNC.service().sheet(List.of(header, "AA1,A,2024-01-01,土地", "AA2,B,2024-01-01,マンション",
                "AA3,C,2024-01-01,土地", "AA4,D,2024-01-01,戸建て", "AA5,E,2024-01-01,"));
        RunSummary summary = SYNC.service().syncNow();

        assertThat(summary.counts().created()).isEqualTo(2);
        assertThat(SYNC.database().query("SELECT s.seller_number || ' ' || p.property_type || ' v' || p.version"
                + " FROM properties p JOIN sellers s ON s.id = p.seller_id ORDER BY 1"))
                .containsExactly("AA1 土地 v1", "AA2 マンション v2", "AA3 土地 v1", "AA4 戸建て v1");
    }

    /** db.OrderedIds: rows a run inserts take ids that follow the sheet's order, not the tables' random default. */
    @Test
    void new_sellers_their_property_records_and_record_logs_get_ids_in_the_order_they_were_written() throws Exception {
        String header = "seller_number,name,inquiry_date,property_type";
        SYNC.service().sheet(List.of(header, "AA30,C,2024-01-01,土地", "AA4,D,2024-01-01,", "AA100,A,2024-01-01,戸建て",
                "AA7,B,2024-01-01,マンション"));

        SYNC.service().syncNow();

        assertThat(SYNC.database().query("SELECT seller_number FROM sellers ORDER BY id"))
                .containsExactly("AA30", "AA4", "AA100", "AA7");
        assertThat(SYNC.database().query("SELECT s.seller_number FROM properties p JOIN sellers s ON s.id = p.seller_id"
                + " ORDER BY p.id")).containsExactly("AA30", "AA100", "AA7");
        assertThat(SYNC.database().query("SELECT seller_number FROM sync_record_logs ORDER BY id"))
                .containsExactly("AA30", "AA4", "AA100", "AA7");
        assertThat(SYNC.database().query("SELECT DISTINCT substr(id::text, 15, 1) FROM sellers UNION"
                + " SELECT substr(id::text, 15, 1) FROM properties UNION SELECT substr(id::text, 15, 1) FROM sync_record_logs"))
                .containsExactly("7");
    }

    @Test
    void a_sheet_without_its_required_columns_fails_the_run_with_a_clear_reason() throws Exception {
        SYNC.service().sheet(List.of("seller_number,name", "AA1,A"));

        RunSummary summary = SYNC.service().syncNow();

        assertThat(summary.status()).isEqualTo("failed");
        assertThat(summary.error()).contains("inquiry_date");
        assertThat(SYNC.database().query("SELECT error_type FROM sync_error_logs WHERE audit_log_id = '" + summary.syncId() + "'"))
                .containsExactly("validation");
        assertThat(SYNC.database().query("SELECT count(*)::text FROM sellers")).containsExactly("0");
    }

    @Test
    void a_missing_sheet_file_fails_the_run_and_is_logged_as_a_network_error() throws Exception {
        java.nio.file.Files.deleteIfExists(SYNC.service().sheetFile());

        RunSummary summary = SYNC.service().syncNow();

        assertThat(summary.status()).isEqualTo("failed");
        assertThat(SYNC.database().query("SELECT error_type || '|' || (stack_trace IS NOT NULL) FROM sync_error_logs"
                + " WHERE audit_log_id = '" + summary.syncId() + "'")).containsExactly("network|true");
        assertThat(SYNC.database().query("SELECT status FROM sync_audit_logs WHERE id = '" + summary.syncId() + "'"))
                .containsExactly("failed");
    }

    private static List<String> snapshot() throws SQLException {
        return SYNC.database().query("SELECT s.seller_number || '|' || s.version || '|' || s.updated_at || '|' || s.xmin::text"
                + " || '|' || coalesce(p.version::text, '-') || '|' || coalesce(p.xmin::text, '-')"
                + " FROM sellers s LEFT JOIN properties p ON p.seller_id = s.id ORDER BY s.seller_number");
    }

    private static Map<String, String> versions() throws SQLException {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String row : SYNC.database().query("SELECT seller_number || '=' || version FROM sellers ORDER BY seller_number")) {
            versions.put(row.substring(0, row.indexOf('=')), row.substring(row.indexOf('=') + 1));
        }
        return versions;
    }

}
