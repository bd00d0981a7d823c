package io.sheetsync.sync;

import io.sheetsync.support.SheetsApiFake;
import io.sheetsync.support.RunningService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service reading a Google Sheet: the real camel-google-sheets component talks HTTP to the Sheets API fake,
 * the run lands in the real SYNC.database().
 */
class GoogleSheetSyncTest {

    @RegisterExtension
    @Order(1)
    static final SheetsApiFake FAKE = new SheetsApiFake();

    @RegisterExtension
    @Order(2)
    static final RunningService SYNC = new RunningService(() -> Map.of(
                "SYNC_SHEETS_SPREADSHEET_ID", "sellers-book",
                "SYNC_SHEETS_RANGE", "売主 一覧",
                "SYNC_SHEETS_ROOT_URL", FAKE.rootUrl(),
                "SYNC_SHEETS_ACCESS_TOKEN", FAKE.token()));

    @BeforeAll
    static void start() throws Exception {
        FAKE.spreadsheet("sellers-book").sheet("売主 一覧")
                .row("売主番号", "氏名", "反響日", "物件種別", "土地面積", "最終更新日時")
                .row("AA12679", "山田 太郎", 45292, "土地", 120.5, 45292.5)
                .row()
                .row("ＡＡ１０００２", "佐藤 花子", "2024/2/3")
                .row("AA10003", "Short Row")
                .row("AA10004", "鈴木 一郎", "2024年3月4日", null, null, "2024-03-05T09:00:00+09:00");
    }

    @Test
    void a_google_sheet_with_a_japanese_title_lands_in_the_database() throws Exception {
        RunSummary summary = SYNC.service().syncNow();

        assertThat(summary.status()).isEqualTo("completed");
        assertThat(summary.counts().created()).isEqualTo(3);
        assertThat(summary.counts().failed()).isEqualTo(1);
        assertThat(SYNC.database().query("SELECT seller_number || '|' || inquiry_date || '|' || source_row FROM sellers ORDER BY 1"))
                .containsExactly("AA10002|2024-02-03|4", "AA10004|2024-03-04|6", "AA12679|2024-01-01|2");
        assertThat(SYNC.database().query("SELECT p.property_type || '|' || p.land_area FROM properties p")).containsExactly("土地|120.5");
        assertThat(SYNC.database().query("SELECT error_message FROM sync_error_logs")).singleElement()
                .satisfies(message -> assertThat(message).startsWith("row 5:").contains("inquiry_date"));
        assertThat(FAKE.requests()).allSatisfy(request ->
                assertThat(request.headers().get("authorization")).isNotNull());
        assertThat(SYNC.service().syncNow().counts().unchanged()).isEqualTo(3);
    }

}
