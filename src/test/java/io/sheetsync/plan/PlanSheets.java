package io.sheetsync.plan;

import io.sheetsync.seller.FieldChange;
import io.sheetsync.seller.SellerChange;
import io.sheetsync.support.MessySheets;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Generated pairs of sheets for Property 47: a sheet synced first (the database state) and an edit of it, with rows
 * kept, retyped, changed, blanked, removed, added, invalid and moved. The expected plan and the expected database
 * after a sync are computed here from the generated values alone, never from the service's parsing or comparison.
 */
final class PlanSheets {

    /** Every column of the generated sheets: all mapped fields, then an unmapped one. */
    static final List<String> HEADER = List.of("seller_number", "name", "inquiry_date", "phone", "email", "address",
            "status", "property_address", "property_type", "land_area", "building_area", "updated_at", "memo");
    /** The optional mapped fields, in the order a plan lists them. */
    static final List<String> OPTIONAL = HEADER.subList(3, 12);

    private static final List<String> NAMES = List.of("山田 太郎", "佐藤 花子", "Pat O'Brien", "鈴木 一郎", "さくら 🌸");
    private static final List<String> PHONES = List.of("03-1234-5678", "090-1111-2222", "+81 3 1234 5678");
    private static final List<String> EMAILS = List.of("taro@example.com", "hanako@example.co.jp");
    private static final List<String> ADDRESSES = List.of("東京都千代田区1-1", "大阪府大阪市北区2-3", "札幌市中央区");
    private static final List<String> STATUSES = List.of("査定中", "契約済", "new");
    private static final List<String> TYPES = List.of("土地", "戸建て", "マンション");
    private static final List<String> AREAS = List.of("120.5", "80", "1234.25", "99.9");
    private static final List<String> MEMOS = List.of("至急", "call back", "要確認");

    private PlanSheets() {
    }

    /** One sheet row as generated: what it means, and how its key, date and areas are typed. */
    record Row(int key, boolean valid, Map<String, Object> values, int typing) {

        /** The cells as typed, in {@link #HEADER} order; "" for an empty cell. */
        List<String> cells() {
            List<String> cells = new ArrayList<>(HEADER.size());
            for (String column : HEADER) {
                Object value = values.get(column);
                cells.add(switch (column) {
                    case "seller_number" -> switch (Math.floorMod(typing, 3)) {
                        case 0 -> "AA" + key;
                        case 1 -> "aa" + key;
                        default -> MessySheets.fullWidth("AA" + key);
                    };
                    case "inquiry_date" -> MessySheets.typedDate(LocalDate.parse((String) value), typing / 3);
                    case "land_area", "building_area" -> value == null ? ""
                            : typing % 2 == 0 ? value.toString() : value + "㎡";
                    default -> value == null ? "" : value.toString();
                });
            }
            return cells;
        }

        /** The stored form of each field, as the database must hold it after a sync of this row at {@code row}. */
        Map<String, Object> stored(int row) {
            Map<String, Object> stored = new LinkedHashMap<>();
            for (String field : HEADER.subList(1, 12)) {
                Object value = values.get(field);
                stored.put(field, value instanceof BigDecimal area ? plain(area) : value);
            }
            stored.put("source_row", row);
            Map<String, String> raw = new LinkedHashMap<>();
            List<String> cells = cells();
            for (int i = 0; i < HEADER.size(); i++) {
                raw.put(HEADER.get(i), cells.get(i));
            }
            stored.put("raw", raw);
            return stored;
        }

        String sellerNumber() {
            return "AA" + key;
        }
    }

    /** The sheet synced first and its edit; row numbers are list index + 2. */
    record Example(List<Row> before, List<Row> after) {

        @Override
        public String toString() {
            return "before " + lines(before) + "\nafter " + lines(after);
        }

        private static List<String> lines(List<Row> rows) {
            return rows.stream().map(row -> String.join(",", row.cells())).toList();
        }

        /** The sheet file of either version. */
        static String csv(List<Row> rows) {
            StringBuilder csv = new StringBuilder(String.join(",", HEADER)).append('\n');
            rows.forEach(row -> csv.append(String.join(",", row.cells())).append('\n'));
            return csv.toString();
        }
    }

    static Gen<Example> examples() {
        Gen<Example> examples = in -> {
            Random random = new Random(Generate.longRange(0, Long.MAX_VALUE).generate(in));
            int size = 1 + random.nextInt(7);
            int base = 1 + random.nextInt(50_000) * 10;
            List<Row> before = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                before.add(new Row(base + 2 * i, true, values(random, 0.7), random.nextInt(12)));
            }
            List<Row> after = new ArrayList<>();
            int removed = 0;
            for (Row row : before) {
                int edit = random.nextInt(12);
                if (edit == 0 && removed + 1 <= size / 2) {
                    removed++; // never so many that the shrink guard fires: that is PlanGuardsTest's
                } else if (edit <= 3) {
                    after.add(row);
                } else if (edit <= 5) {
                    after.add(new Row(row.key(), true, row.values(), random.nextInt(12)));
                } else if (edit <= 8) {
                    after.add(new Row(row.key(), true, changed(random, row.values()), row.typing()));
                } else {
                    after.add(new Row(row.key(), true, blanked(random, row.values()), row.typing()));
                }
            }
            int added = random.nextInt(3);
            for (int i = 0; i < added; i++) {
                after.add(random.nextInt(after.size() + 1), new Row(base + 2 * i + 1, true, values(random, 0.7),
                        random.nextInt(12)));
            }
            if (random.nextInt(4) == 0) {
                Map<String, Object> noName = new LinkedHashMap<>(values(random, 0.5));
                noName.put("name", null);
                after.add(random.nextInt(after.size() + 1), new Row(base + 9, false, noName, 0));
            }
            if (random.nextInt(3) == 0) {
                Collections.shuffle(after, random);
            }
            return new Example(List.copyOf(before), List.copyOf(after));
        };
        return examples.describedAs(Example::toString);
    }

    /** The plan the edit must produce, computed from the generated rows. */
    static List<SellerChange> expectedChanges(Example example) {
        Map<Integer, Row> stored = new LinkedHashMap<>();
        Map<Integer, Integer> storedRow = new LinkedHashMap<>();
        for (int i = 0; i < example.before().size(); i++) {
            stored.put(example.before().get(i).key(), example.before().get(i));
            storedRow.put(example.before().get(i).key(), i + 2);
        }
        List<SellerChange> writes = new ArrayList<>();
        List<SellerChange> moves = new ArrayList<>();
        for (int i = 0; i < example.after().size(); i++) {
            Row row = example.after().get(i);
            int at = i + 2;
            if (!row.valid()) {
                continue;
            }
            Row was = stored.get(row.key());
            if (was == null) {
                writes.add(new SellerChange(row.sellerNumber(), "create", at, created(row)));
                continue;
            }
            List<FieldChange> fields = updated(was, row);
            boolean moved = storedRow.get(row.key()) != at;
            if (!fields.isEmpty()) {
                if (moved) {
                    fields.add(firstRawIndex(fields), FieldChange.of("source_row", storedRow.get(row.key()), at));
                }
                writes.add(new SellerChange(row.sellerNumber(), "update", at, fields));
            } else if (moved) {
                moves.add(new SellerChange(row.sellerNumber(), "move", at,
                        List.of(FieldChange.of("source_row", storedRow.get(row.key()), at))));
            }
        }
        writes.sort(Comparator.comparingInt(SellerChange::row));
        writes.addAll(moves);
        return writes;
    }

    /** The vanished-column refusal of CONTRACT section 6: a field filled before, blank in every valid row now. */
    static boolean columnEmptied(Example example) {
        Map<Integer, Row> stored = new LinkedHashMap<>();
        example.before().forEach(row -> stored.put(row.key(), row));
        for (String field : OPTIONAL) {
            boolean before = example.before().stream().anyMatch(row -> row.values().get(field) != null);
            boolean now = example.after().stream().anyMatch(row -> row.valid() && row.values().get(field) != null);
            boolean clears = example.after().stream().anyMatch(row -> row.valid() && stored.containsKey(row.key())
                    && stored.get(row.key()).values().get(field) != null);
            if (before && !now && clears) {
                return true;
            }
        }
        return false;
    }

    private static List<FieldChange> created(Row row) {
        List<FieldChange> fields = new ArrayList<>();
        fields.add(FieldChange.of("seller_number", null, row.sellerNumber()));
        for (String field : HEADER.subList(1, 12)) {
            if (row.values().get(field) != null) {
                fields.add(FieldChange.of(field, null, row.values().get(field)));
            }
        }
        if (row.values().get("memo") != null) {
            fields.add(FieldChange.of("raw.memo", null, row.values().get("memo")));
        }
        return fields;
    }

    private static List<FieldChange> updated(Row was, Row row) {
        List<FieldChange> fields = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        for (String field : HEADER.subList(1, 12)) {
            Object from = was.values().get(field);
            Object to = row.values().get(field);
            if (!sameValue(from, to)) {
                fields.add(FieldChange.of(field, from, to));
                listed.add(field);
            }
        }
        List<String> before = was.cells();
        List<String> now = row.cells();
        for (int i = 0; i < HEADER.size(); i++) {
            if (!listed.contains(HEADER.get(i)) && !before.get(i).equals(now.get(i))) {
                fields.add(FieldChange.of("raw." + HEADER.get(i), before.get(i), now.get(i)));
            }
        }
        return fields;
    }

    private static int firstRawIndex(List<FieldChange> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).field().startsWith("raw.")) {
                return i;
            }
        }
        return fields.size();
    }

    private static boolean sameValue(Object a, Object b) {
        return a instanceof BigDecimal x && b instanceof BigDecimal y ? x.compareTo(y) == 0 : Objects.equals(a, b);
    }

    private static BigDecimal plain(BigDecimal area) {
        return new BigDecimal(area.stripTrailingZeros().toPlainString());
    }

    private static Map<String, Object> values(Random random, double filled) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", pick(random, NAMES));
        values.put("inquiry_date", LocalDate.of(2024, 1, 1).plusDays(random.nextInt(300)).toString());
        for (String field : OPTIONAL) {
            values.put(field, random.nextDouble() < filled ? value(random, field) : null);
        }
        values.put("memo", random.nextDouble() < filled ? pick(random, MEMOS) : null);
        return values;
    }

    private static Map<String, Object> changed(Random random, Map<String, Object> values) {
        Map<String, Object> changed = new LinkedHashMap<>(values);
        for (String field : HEADER.subList(1, HEADER.size())) {
            if (random.nextInt(3) == 0) {
                changed.put(field, switch (field) {
                    case "name" -> pick(random, NAMES);
                    case "inquiry_date" -> LocalDate.of(2024, 1, 1).plusDays(random.nextInt(300)).toString();
                    case "memo" -> pick(random, MEMOS);
                    default -> value(random, field);
                });
            }
        }
        return changed;
    }

    private static Map<String, Object> blanked(Random random, Map<String, Object> values) {
        Map<String, Object> blanked = new LinkedHashMap<>(values);
        for (String field : HEADER.subList(3, HEADER.size())) {
            if (random.nextBoolean()) {
                blanked.put(field, null);
            }
        }
        return blanked;
    }

    private static Object value(Random random, String field) {
        return switch (field) {
            case "phone" -> pick(random, PHONES);
            case "email" -> pick(random, EMAILS);
            case "address", "property_address" -> pick(random, ADDRESSES);
            case "status" -> pick(random, STATUSES);
            case "property_type" -> pick(random, TYPES);
            case "land_area", "building_area" -> new BigDecimal(pick(random, AREAS));
            case "updated_at" -> Instant.parse("2024-03-01T00:00:00Z").plusSeconds(3600L * random.nextInt(500))
                    .toString();
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
