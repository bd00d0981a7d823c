package io.sheetsync.bench;

import io.sheetsync.support.SheetsApiFake;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The benchmark's sheet: a header of the twelve mapped columns (Japanese headers, as the sellers' sheet has them)
 * plus two unmapped ones, and N seller rows of realistic Japanese text, the same N rows for the same seed. Dates and
 * timestamps are serial-number cells, as the Sheets API answers them with {@code UNFORMATTED_VALUE}.
 */
final class BenchmarkSheet {

    static final List<String> HEADER = List.of("売主番号", "氏名", "反響日", "電話番号", "メールアドレス", "住所", "状況",
            "物件所在地", "物件種別", "土地面積", "建物面積", "最終更新日時", "担当者", "備考");
    static final int NOTE_COLUMN = 13;

    private static final String[] FAMILY = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
            "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水"};
    private static final String[] GIVEN = {"太郎", "花子", "一郎", "美咲", "健太", "陽子", "翔太", "由美", "大輔", "彩",
            "誠", "恵子", "拓也", "真由美", "直樹", "智子"};
    private static final String[] CITY = {"東京都新宿区西新宿", "東京都世田谷区三軒茶屋", "神奈川県横浜市港北区日吉",
            "大阪府大阪市北区梅田", "埼玉県さいたま市浦和区高砂", "千葉県船橋市本町", "愛知県名古屋市中区栄",
            "福岡県福岡市中央区天神", "京都府京都市左京区下鴨", "兵庫県神戸市灘区六甲台町"};
    private static final String[] STATUS = {"追客中", "査定済", "訪問予定", "媒介契約", "成約", "他決", "保留"};
    private static final String[] TYPE = {"戸建", "マンション", "土地", "アパート"};
    private static final String[] NOTE = {"売却時期は未定。まずは査定額を知りたいとのこと。", "相続した実家の売却を検討中。",
            "住み替え先が決まり次第、早めに売却したい。", "駐車場二台分あり。日当たり良好。", "連絡は平日夕方以降を希望。",
            "リフォーム済み。ローン残債あり。"};
    private static final long SERIAL_EPOCH = LocalDate.of(1899, 12, 30).toEpochDay();

    private BenchmarkSheet() {
    }

    /** The header row and {@code count} seller rows. */
    static List<List<Object>> rows(int count, long seed) {
        Random random = new Random(seed);
        List<List<Object>> rows = new ArrayList<>(count + 1);
        rows.add(new ArrayList<>(HEADER));
        for (int i = 0; i < count; i++) {
            rows.add(row(i, random));
        }
        return rows;
    }

    /**
     * Changes the note (an unmapped cell kept in {@code raw}) and the status of one row in a hundred, a different
     * hundredth for each {@code round}; returns how many rows changed.
     */
    static int changeOnePercent(List<List<Object>> rows, int round) {
        int changed = 0;
        for (int i = 1 + Math.floorMod(round, 100); i < rows.size(); i += 100) {
            List<Object> row = rows.get(i);
            row.set(NOTE_COLUMN, "第" + (round + 1) + "回変更: " + row.get(NOTE_COLUMN));
            row.set(6, STATUS[(i + round + 1) % STATUS.length]);
            changed++;
        }
        return changed;
    }

    private static List<Object> row(int index, Random random) {
        LocalDate inquiry = LocalDate.of(2019, 1, 1).plusDays(random.nextInt(2000));
        boolean hasProperty = random.nextInt(10) < 8;
        String type = TYPE[random.nextInt(TYPE.length)];
        List<Object> row = new ArrayList<>(HEADER.size());
        row.add("AA" + (10000 + index));
        row.add(FAMILY[random.nextInt(FAMILY.length)] + " " + GIVEN[random.nextInt(GIVEN.length)]);
        row.add(SheetsApiFake.date(inquiry.toEpochDay() - SERIAL_EPOCH, inquiry.toString()));
        row.add(String.format("0%d0-%04d-%04d", 7 + random.nextInt(3), random.nextInt(10000), random.nextInt(10000)));
        row.add("seller" + index + "@example.co.jp");
        row.add(address(random));
        row.add(STATUS[random.nextInt(STATUS.length)]);
        row.add(hasProperty ? address(random) : "");
        row.add(hasProperty ? type : "");
        row.add(hasProperty ? BigDecimal.valueOf(5000 + random.nextInt(30000), 2) : "");
        row.add(hasProperty && !type.equals("土地") ? BigDecimal.valueOf(4000 + random.nextInt(20000), 2) : "");
        double updated = inquiry.toEpochDay() - SERIAL_EPOCH + random.nextInt(60) + random.nextInt(86400) / 86400.0;
        row.add(SheetsApiFake.date(BigDecimal.valueOf(updated).setScale(6, java.math.RoundingMode.HALF_UP),
                "updated"));
        row.add(FAMILY[random.nextInt(FAMILY.length)]);
        row.add(NOTE[random.nextInt(NOTE.length)]);
        return row;
    }

    private static String address(Random random) {
        return CITY[random.nextInt(CITY.length)] + (1 + random.nextInt(5)) + "丁目" + (1 + random.nextInt(30)) + "-"
                + (1 + random.nextInt(20));
    }
}
