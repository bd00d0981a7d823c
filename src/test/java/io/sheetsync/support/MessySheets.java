package io.sheetsync.support;

import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generators of messy seller sheets as people type them, for property tests: every header alias in any case, width and
 * spacing, columns in any order, unmapped columns, optional columns left out; seller numbers full-width, lower-case or
 * padded; dates in every accepted format including Sheets serials; areas with commas and units; blank, short, invalid
 * and duplicate rows. Each row carries what it was generated to be ({@link IntendedSeller}), so tests compute the
 * expected outcome from the generated input ({@link MessySheet}) and never from the service's parsing.
 *
 * <p>Sheets are small (tens of rows) so that a property can run a real sync for each of its examples.
 */
public final class MessySheets {

    /** The zone of sheet timestamps written without an offset: SYNC_TIME_ZONE's default. */
    public static final ZoneId SHEET_ZONE = ZoneId.of("Asia/Tokyo");

    /** Every field with its accepted headers (CONTRACT section 5), in the contract's order. */
    public static final Map<String, List<String>> ALIASES = aliases();

    static final List<String> REQUIRED = List.of("seller_number", "name", "inquiry_date");
    static final List<String> PROPERTY_FIELDS = List.of("property_address", "property_type", "land_area",
            "building_area");

    private static final List<String> UNMAPPED = List.of("備考", "memo", "担当者", "Notes (internal)");
    private static final LocalDate SERIAL_EPOCH = LocalDate.of(1899, 12, 30);
    // Midnight in the sheet zone, so every generated moment is a whole quarter of a Tokyo day.
    private static final Instant UPDATES_FROM = Instant.parse("2023-12-31T15:00:00Z");
    private static final int MINUTES_PER_QUARTER_DAY = 360;

    private static final List<String> SURNAMES = List.of("山田", "佐藤", "鈴木", "髙橋", "渡邉", "田中", "伊藤");
    private static final List<String> GIVEN_NAMES = List.of("太郎", "花子", "一郎", "美咲", "健", "さくら");
    private static final List<String> ODD_NAMES = List.of("O'Brien, Pat", "Smith \"Jr\"", "さくら 🌸", "山田\n太郎",
            "ＡＢＣ不動産", "Robert'); DROP TABLE sellers;--", "株式会社 山田, 支店");
    private static final List<String> PHONES = List.of("03-1234-5678", "090-1111-2222", "+81 3 1234 5678",
            "０３－１２３４－５６７８");
    private static final List<String> EMAILS = List.of("taro@example.com", "hanako.sato@example.co.jp", "山田@例え.jp");
    private static final List<String> ADDRESSES = List.of("東京都千代田区千代田1-1", "大阪府大阪市北区梅田2-3-4 ビル5F",
            "札幌市中央区北1条西2丁目", "Osaka, Kita-ku 2-3");
    private static final List<String> STATUSES = List.of("査定中", "契約済", "反響", "new", "追客中");
    private static final List<String> PROPERTY_TYPES = List.of("土地", "戸建て", "マンション", "区分", "その他");
    private static final List<String> PADS = List.of("", "", "", " ", "\u3000", "\u00a0", "  \t");

    private MessySheets() {
    }

    /** Any messy sheet of {@code minRows} to {@code maxRows} data rows: valid, invalid, blank and duplicate rows. */
    public static Gen<MessySheet> sheets(int minRows, int maxRows) {
        return sheet(minRows, maxRows, new Mix(70, 20, 10, false));
    }

    /** Sheets whose valid rows have distinct seller numbers, among invalid and blank rows. */
    public static Gen<MessySheet> distinctSheets(int minRows, int maxRows) {
        return sheet(minRows, maxRows, new Mix(75, 15, 10, true));
    }

    /** Sheets of valid rows only, each seller number once: still typed messily. */
    public static Gen<MessySheet> validSheets(int minRows, int maxRows) {
        return sheet(minRows, maxRows, new Mix(100, 0, 0, true));
    }

    /**
     * A sheet of distinct sellers and a later version of it: rows kept as they were, rows renamed, rows removed, new
     * rows added, so a sync of the first and then of the second creates, updates and leaves rows unchanged.
     */
    public static Gen<SheetEdit> edits(int minRows, int maxRows) {
        Gen<MessySheet> before = distinctSheets(minRows, maxRows);
        Gen<SheetEdit> edits = in -> {
            MessySheet first = before.generate(in);
            Layout layout = Layout.of(first);
            List<MessyRow> rows = new ArrayList<>();
            Map<String, SheetEdit.Change> changes = new LinkedHashMap<>();
            Gen<SheetEdit.Change> change = Generate.frequency(
                    Pair.of(5, Generate.constant(SheetEdit.Change.KEPT)),
                    Pair.of(3, Generate.constant(SheetEdit.Change.RENAMED)),
                    Pair.of(2, Generate.constant(SheetEdit.Change.REMOVED)));
            for (MessyRow row : first.rows()) {
                SheetEdit.Change what = change.generate(in);
                if (!row.isValid()) {
                    if (what != SheetEdit.Change.REMOVED) {
                        rows.add(row);
                    }
                    continue;
                }
                changes.put(row.intended().sellerNumber(), what);
                switch (what) {
                    case KEPT -> rows.add(row);
                    case RENAMED -> rows.add(layout.retyped(row, row.intended().renamed(
                            row.intended().name() + " 改" + Generate.range(1, 9).generate(in))));
                    case REMOVED -> { }
                    default -> throw new IllegalStateException(what.name());
                }
            }
            int added = Generate.range(0, 4).generate(in);
            int next = 100_000 + Generate.range(0, 50).generate(in);
            for (int i = 0; i < added; i++) {
                MessyRow row = layout.validRow(in, "AA" + (next + i));
                rows.add(Generate.range(0, rows.size()).generate(in), row);
                changes.put(row.intended().sellerNumber(), SheetEdit.Change.ADDED);
            }
            return new SheetEdit(first, first.withRows(rows), changes);
        };
        return edits.describedAs(SheetEdit::toString);
    }

    /** Names as people type them: Japanese, with quotes, commas, emoji and line breaks. */
    public static Gen<String> names() {
        return Generate.frequency(
                Pair.of(6, Generate.pick(SURNAMES).zip(Generate.pick(GIVEN_NAMES), Generate.pick(List.of("", " ", "\u3000")),
                        (surname, given, space) -> surname + space + given)),
                Pair.of(2, Generate.pick(ODD_NAMES)));
    }

    /** A seller's key as typed: {@code AA12}, {@code aa12}, {@code ＡＡ１２}, padded. */
    public static String typedKey(String key, int variant) {
        String digits = key.substring(2);
        return switch (Math.floorMod(variant, 5)) {
            case 0 -> key;
            case 1 -> "aa" + digits;
            case 2 -> fullWidth(key);
            case 3 -> " " + key + "\u3000";
            default -> "Aa" + fullWidth(digits);
        };
    }

    /** A date as typed: ISO, {@code yyyy/M/d}, {@code yyyy年M月d日} or a Sheets serial number. */
    public static String typedDate(LocalDate date, int variant) {
        return switch (Math.floorMod(variant, 4)) {
            case 0 -> date.toString();
            case 1 -> date.getYear() + "/" + date.getMonthValue() + "/" + date.getDayOfMonth();
            case 2 -> date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
            default -> Long.toString(ChronoUnit.DAYS.between(SERIAL_EPOCH, date));
        };
    }

    /** The ASCII letters and digits of {@code text} in their full-width forms. */
    public static String fullWidth(String text) {
        StringBuilder wide = new StringBuilder(text.length());
        text.chars().forEach(c -> wide.append(c > ' ' && c < 0x7f ? (char) (c - 0x21 + 0xFF01) : (char) c));
        return wide.toString();
    }

    private static Gen<MessySheet> sheet(int minRows, int maxRows, Mix mix) {
        Gen<Layout> layouts = layouts();
        Gen<Integer> sizes = Generate.range(minRows, maxRows);
        Gen<MessySheet> sheets = in -> {
            Layout layout = layouts.generate(in);
            int size = sizes.generate(in);
            int firstKey = Generate.range(1, 90_000).generate(in);
            int nextKey = firstKey;
            List<MessyRow> rows = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int kind = Generate.range(1, 100).generate(in);
                // Distinct keys step up from a random start; otherwise they come from a small pool, so duplicates occur.
                nextKey += Generate.range(1, 3).generate(in);
                String key = "AA" + (mix.distinct ? nextKey
                        : firstKey + Generate.range(0, Math.max(2, size / 2)).generate(in));
                if (kind <= mix.valid) {
                    rows.add(layout.validRow(in, key));
                } else if (kind <= mix.valid + mix.invalid) {
                    rows.add(layout.invalidRow(in, key));
                } else {
                    rows.add(layout.blankRow(in));
                }
            }
            return new MessySheet(layout.header, layout.fields, rows);
        };
        return sheets.describedAs(MessySheet::toString);
    }

    private static Gen<Layout> layouts() {
        return in -> {
            List<String> fields = new ArrayList<>(REQUIRED);
            for (String field : ALIASES.keySet()) {
                if (!REQUIRED.contains(field) && Generate.range(1, 10).generate(in) <= 7) {
                    fields.add(field);
                }
            }
            int unmapped = Generate.range(0, 2).generate(in);
            for (int i = 0; i < unmapped; i++) {
                fields.add(null);
            }
            List<Pair<Integer, String>> shuffled = new ArrayList<>();
            for (String field : fields) {
                shuffled.add(Pair.of(Generate.range(0, 1000).generate(in), field));
            }
            shuffled.sort(Comparator.comparing(pair -> pair._1));
            List<String> order = new ArrayList<>();
            List<String> header = new ArrayList<>();
            int unmappedName = Generate.range(0, UNMAPPED.size() - 1).generate(in);
            for (Pair<Integer, String> pair : shuffled) {
                order.add(pair._2);
                if (pair._2 == null) {
                    header.add(UNMAPPED.get(unmappedName++ % UNMAPPED.size()));
                } else {
                    List<String> aliases = ALIASES.get(pair._2);
                    String alias = aliases.get(Generate.range(0, aliases.size() - 1).generate(in));
                    header.add(typedHeader(alias, Generate.range(0, 4).generate(in)));
                }
            }
            return new Layout(header, order);
        };
    }

    private static String typedHeader(String alias, int variant) {
        return switch (variant) {
            case 0 -> alias;
            case 1 -> alias.toUpperCase(java.util.Locale.ROOT);
            case 2 -> alias.toLowerCase(java.util.Locale.ROOT);
            case 3 -> " " + alias + "\u3000";
            default -> fullWidth(alias);
        };
    }

    private static Map<String, List<String>> aliases() {
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        aliases.put("seller_number", List.of("seller_number", "Seller Number", "売主番号"));
        aliases.put("name", List.of("name", "Name", "氏名", "名前", "売主名"));
        aliases.put("inquiry_date", List.of("inquiry_date", "Inquiry Date", "反響日", "反響日付"));
        aliases.put("phone", List.of("phone", "Phone", "電話番号"));
        aliases.put("email", List.of("email", "Email", "メールアドレス"));
        aliases.put("address", List.of("address", "Address", "住所", "売主住所"));
        aliases.put("status", List.of("status", "Status", "状況", "ステータス"));
        aliases.put("property_address", List.of("property_address", "Property Address", "物件所在地", "物件住所"));
        aliases.put("property_type", List.of("property_type", "Property Type", "種別", "物件種別"));
        aliases.put("land_area", List.of("land_area", "Land Area", "土地面積"));
        aliases.put("building_area", List.of("building_area", "Building Area", "建物面積"));
        aliases.put("updated_at", List.of("updated_at", "Updated At", "最終更新日時", "更新日時"));
        return java.util.Collections.unmodifiableMap(aliases);
    }

    /** Shares of valid, invalid and blank rows (out of 100), and whether valid rows keep their keys distinct. */
    private record Mix(int valid, int invalid, int blank, boolean distinct) {
    }

    /** A header: its cells as typed and the field of each column. Types sellers into rows under it. */
    private record Layout(List<String> header, List<String> fields) {

        static Layout of(MessySheet sheet) {
            return new Layout(sheet.header(), sheet.fields());
        }

        MessyRow validRow(RandomnessSource in, String key) {
            IntendedSeller seller = seller(in, key);
            return new MessyRow(shortened(in, cells(in, seller)), MessyRow.Kind.VALID, seller, null);
        }

        /** The row of {@code seller} typed again: only what differs from {@code row}'s seller changes. */
        MessyRow retyped(MessyRow row, IntendedSeller seller) {
            List<String> cells = new ArrayList<>(row.cells());
            while (cells.size() < fields.size()) {
                cells.add("");
            }
            cells.set(fields.indexOf("name"), seller.name());
            return new MessyRow(cells, MessyRow.Kind.VALID, seller, null);
        }

        MessyRow invalidRow(RandomnessSource in, String key) {
            IntendedSeller seller = seller(in, key);
            List<String> cells = cells(in, seller);
            List<String> defects = new ArrayList<>(List.of("seller_number", "name", "inquiry_date"));
            for (String optional : List.of("land_area", "building_area", "updated_at")) {
                if (fields.contains(optional)) {
                    defects.add(optional);
                }
            }
            String defect = defects.get(Generate.range(0, defects.size() - 1).generate(in));
            List<String> bad = switch (defect) {
                case "seller_number" -> List.of("XX" + key.substring(2), "AA-" + key.substring(2), "A" + key.substring(2),
                        key + "X", "", "   ", "AA", "売主" + key.substring(2));
                case "name" -> List.of("", " ", "\u3000");
                case "inquiry_date" -> List.of("2024-13-45", "someday", "2023/2/30", "", "令和6年1月1日", "0");
                case "updated_at" -> List.of("yesterday", "2024-99-01", "2024-01-01 25:00");
                default -> List.of("-5", "10坪", "約100", "abc", "1.2.3");
            };
            cells.set(fields.indexOf(defect), bad.get(Generate.range(0, bad.size() - 1).generate(in)));
            return new MessyRow(shortened(in, cells), MessyRow.Kind.INVALID, seller, defect);
        }

        MessyRow blankRow(RandomnessSource in) {
            List<String> cells = new ArrayList<>();
            int width = Generate.range(1, fields.size()).generate(in);
            for (int i = 0; i < width; i++) {
                cells.add(PADS.get(Generate.range(0, PADS.size() - 1).generate(in)));
            }
            return new MessyRow(cells, MessyRow.Kind.BLANK, null, null);
        }

        private IntendedSeller seller(RandomnessSource in, String key) {
            String phone = optional(in, "phone", PHONES);
            String email = optional(in, "email", EMAILS);
            String address = optional(in, "address", ADDRESSES);
            String status = optional(in, "status", STATUSES);
            String propertyAddress = optional(in, "property_address", ADDRESSES);
            String propertyType = optional(in, "property_type", PROPERTY_TYPES);
            BigDecimal landArea = area(in, "land_area");
            BigDecimal buildingArea = area(in, "building_area");
            Instant updatedAt = null;
            if (fields.contains("updated_at") && Generate.booleans().generate(in)) {
                // Quarter days: exact as a serial fraction too, and often equal, so ties between duplicates occur.
                long quarters = Generate.longRange(0, 4L * 365 * 2).generate(in);
                updatedAt = UPDATES_FROM.plus(quarters * MINUTES_PER_QUARTER_DAY, ChronoUnit.MINUTES);
            }
            LocalDate inquiry = LocalDate.of(2015, 1, 1).plusDays(Generate.range(0, 365 * 12).generate(in));
            return new IntendedSeller(key, names().generate(in), inquiry, phone, email, address, status,
                    propertyAddress, propertyType, landArea, buildingArea, updatedAt);
        }

        private String optional(RandomnessSource in, String field, List<String> values) {
            if (!fields.contains(field) || Generate.range(1, 3).generate(in) == 1) {
                return null;
            }
            return values.get(Generate.range(0, values.size() - 1).generate(in));
        }

        private BigDecimal area(RandomnessSource in, String field) {
            if (!fields.contains(field) || Generate.range(1, 3).generate(in) == 1) {
                return null;
            }
            return BigDecimal.valueOf(Generate.range(0, 250_000).generate(in), 2);
        }

        private List<String> cells(RandomnessSource in, IntendedSeller seller) {
            List<String> cells = new ArrayList<>(fields.size());
            for (String field : fields) {
                cells.add(field == null ? unmappedCell(in) : cell(in, field, seller));
            }
            return cells;
        }

        private static String cell(RandomnessSource in, String field, IntendedSeller seller) {
            int variant = Generate.range(0, 9).generate(in);
            String pad = PADS.get(Generate.range(0, PADS.size() - 1).generate(in));
            return switch (field) {
                case "seller_number" -> typedKey(seller.sellerNumber(), variant);
                case "name" -> pad + seller.name() + (variant % 2 == 0 ? "" : pad);
                case "inquiry_date" -> pad + typedDate(seller.inquiryDate(), variant);
                case "phone" -> text(seller.phone(), pad);
                case "email" -> text(seller.email(), pad);
                case "address" -> text(seller.address(), pad);
                case "status" -> text(seller.status(), pad);
                case "property_address" -> text(seller.propertyAddress(), pad);
                case "property_type" -> text(seller.propertyType(), pad);
                case "land_area" -> typedArea(seller.landArea(), variant);
                case "building_area" -> typedArea(seller.buildingArea(), variant);
                case "updated_at" -> typedTimestamp(seller.updatedAt(), variant);
                default -> throw new IllegalArgumentException("unknown field " + field);
            };
        }

        private static String text(String value, String pad) {
            return value == null ? (pad.isEmpty() ? "" : pad) : value + pad;
        }

        private static String typedArea(BigDecimal area, int variant) {
            if (area == null) {
                return "";
            }
            return switch (variant % 5) {
                case 0 -> area.toPlainString();
                case 1 -> new DecimalFormat("#,##0.##").format(area);
                case 2 -> area.stripTrailingZeros().toPlainString() + "㎡";
                case 3 -> area.toPlainString() + " m2";
                default -> fullWidth(area.toPlainString());
            };
        }

        private static String typedTimestamp(Instant at, int variant) {
            if (at == null) {
                return "";
            }
            LocalDateTime local = LocalDateTime.ofInstant(at, SHEET_ZONE);
            return switch (variant % 5) {
                case 0 -> at.atOffset(ZoneOffset.ofHours(9)).toString();
                case 1 -> at.toString();
                case 2 -> local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
                case 3 -> local.format(DateTimeFormatter.ofPattern("yyyy/M/d H:mm"));
                default -> serial(local);
            };
        }

        /** A Sheets serial number of a quarter-day moment: whole days and an exact decimal fraction. */
        private static String serial(LocalDateTime local) {
            long days = ChronoUnit.DAYS.between(SERIAL_EPOCH, local.toLocalDate());
            int quarter = local.getHour() / 6;
            return days + (quarter == 0 ? "" : new String[] {"", ".25", ".5", ".75"}[quarter]);
        }

        private static String unmappedCell(RandomnessSource in) {
            return List.of("", "要確認", "call back 5/1", "担当: 佐藤", "=SUM(A1:A3)")
                    .get(Generate.range(0, 4).generate(in));
        }

        /** Drops trailing empty cells sometimes, as the Sheets API does. */
        private static List<String> shortened(RandomnessSource in, List<String> cells) {
            if (Generate.booleans().generate(in)) {
                return cells;
            }
            int end = cells.size();
            while (end > 1 && cells.get(end - 1).isEmpty()) {
                end--;
            }
            return new ArrayList<>(cells.subList(0, end));
        }
    }
}
