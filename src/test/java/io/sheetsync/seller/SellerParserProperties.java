package io.sheetsync.seller;

import static org.assertj.core.api.Assertions.assertThat;

import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.sheet.SheetData;
import io.sheetsync.sheet.SheetRow;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class SellerParserProperties {

    private static final List<String> HEADER = List.of("売主番号", "Name", "反響日", "電話番号", "土地面積", "更新日時", "メモ");
    private static final Pattern STORED_NUMBER = Pattern.compile("AA[0-9]+");
    private static final List<String> PADDING = List.of("", "", " ", "  ", "\u3000", "\t", "\u00a0");
    private static final List<String> BLANKS = List.of("", " ", "\u3000", "\t", "\u00a0 ");

    private final SellerParser parser = new SellerParser(HeaderMapping.builtIn(), ZoneId.of("Asia/Tokyo"));

    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    @Label("Feature: sync-reliability-enhancement, Property 30: Validation error isolation")
    void every_invalid_row_is_reported_by_its_row_number_and_every_valid_row_still_comes_out(
            @ForAll("mixedRows") List<RowPlan> plans) {
        ParsedSheet parsed = parser.parse(sheet(plans));

        List<String> expectedInvalid = new ArrayList<>();
        List<String> expectedSellers = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            RowPlan plan = plans.get(i);
            if (plan.kind() == Kind.INVALID) {
                expectedInvalid.add("row " + rowNumber(i) + " " + plan.badField());
            } else if (plan.kind() == Kind.VALID) {
                expectedSellers.add("row " + rowNumber(i) + " " + plan.number().expected(uniqueDigits(i)));
            }
        }
        assertThat(parsed.invalidRows()).extracting(r -> "row " + r.rowNumber() + " " + r.field())
                .containsExactlyElementsOf(expectedInvalid);
        assertThat(parsed.invalidRows()).allSatisfy(r -> assertThat(r.message()).startsWith("row " + r.rowNumber()
                + ": "));
        assertThat(parsed.sellers()).extracting(s -> "row " + s.sourceRow() + " " + s.sellerNumber())
                .containsExactlyElementsOf(expectedSellers);
        assertThat(parsed.duplicates()).isEmpty();
        assertThat(parsed.validRowCount()).isEqualTo(expectedSellers.size());
        assertThat(parsed.blankRows()).isEqualTo(plans.stream().filter(p -> p.kind() == Kind.BLANK).count());
    }

    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    @Label("Feature: sync-reliability-enhancement, Property 32: Required field validation")
    void every_seller_has_its_required_fields_and_rows_lacking_one_are_rejected(
            @ForAll("rowsWithGaps") List<RowPlan> plans) {
        ParsedSheet parsed = parser.parse(sheet(plans));

        assertThat(parsed.sellers()).allSatisfy(seller -> {
            assertThat(seller.sellerNumber()).isNotNull();
            assertThat(seller.name()).isNotBlank();
            assertThat(seller.inquiryDate()).isNotNull();
        });
        Map<Integer, RowRejection> rejected = parsed.invalidRows().stream()
                .collect(Collectors.toMap(RowRejection::rowNumber, Function.identity()));
        List<Integer> sellerRows = parsed.sellers().stream().map(Seller::sourceRow).toList();
        for (int i = 0; i < plans.size(); i++) {
            RowPlan plan = plans.get(i);
            if (plan.kind() == Kind.INVALID) {
                assertThat(rejected.get(rowNumber(i))).as("row %d", rowNumber(i)).isNotNull()
                        .satisfies(r -> assertThat(r.field()).isEqualTo(plan.badField()))
                        .satisfies(r -> assertThat(r.reason()).startsWith(plan.badField() + " is missing"));
                assertThat(sellerRows).doesNotContain(rowNumber(i));
            } else {
                assertThat(sellerRows).contains(rowNumber(i));
            }
        }
        assertThat(rejected).hasSize((int) plans.stream().filter(p -> p.kind() == Kind.INVALID).count());
    }

    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    @Label("Feature: sync-reliability-enhancement, Property 33: Seller number format validation")
    void every_stored_seller_number_is_aa_and_digits_and_any_other_text_is_rejected(
            @ForAll("sellerNumberCells") List<NumberCell> cells) {
        List<SheetRow> rows = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            rows.add(new SheetRow(rowNumber(i), List.of(cells.get(i).text(), "山田", "2024-05-01")));
        }

        ParsedSheet parsed = parser.parse(new SheetData(HEADER, rows));

        assertThat(parsed.sellers()).allSatisfy(s -> assertThat(s.sellerNumber()).matches(STORED_NUMBER));
        for (int i = 0; i < cells.size(); i++) {
            int row = rowNumber(i);
            NumberCell cell = cells.get(i);
            if (cell.expected() == null) {
                assertThat(parsed.invalidRows()).as("row %d %s", row, cell).filteredOn(r -> r.rowNumber() == row)
                        .extracting(RowRejection::field).containsExactly("seller_number");
            } else {
                List<String> numberOfRow = new ArrayList<>();
                parsed.sellers().stream().filter(s -> s.sourceRow() == row).forEach(s -> numberOfRow.add(
                        s.sellerNumber()));
                parsed.duplicates().stream().filter(r -> r.rowNumber() == row).forEach(r -> numberOfRow.add(
                        r.sellerNumber()));
                assertThat(numberOfRow).as("row %d %s", row, cell).containsExactly(cell.expected());
            }
        }
    }

    // ---- what a generated row is meant to be, and how it is written into the sheet ----

    enum Kind { VALID, INVALID, BLANK }

    /** How a row writes its seller number: AA in some case and width, optional zeros, digits, padding. */
    record NumberStyle(String prefix, boolean fullWidthDigits, String zeros, String left, String right) {
        String render(long digits) {
            String number = zeros + digits;
            return left + prefix + (fullWidthDigits ? fullWidth(number) : number) + right;
        }

        String expected(long digits) {
            return "AA" + zeros + digits;
        }
    }

    /**
     * One generated row. {@code numberText} overrides the styled number (for invalid numbers); {@code rest} are the
     * cells after the number (or, for a blank row, all its cells).
     */
    record RowPlan(Kind kind, NumberStyle number, String numberText, List<String> rest, String badField,
                   boolean dropTrailingEmptyCells) {
        List<String> cells(long digits) {
            List<String> cells = new ArrayList<>();
            if (kind != Kind.BLANK) {
                cells.add(numberText != null ? numberText : number.render(digits));
            }
            cells.addAll(rest);
            // The Sheets API leaves out trailing empty cells; the parser must pad them back.
            while (dropTrailingEmptyCells && !cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
                cells.remove(cells.size() - 1);
            }
            return cells;
        }
    }

    /** A seller number cell, and the number it must be stored as, or null when it must be rejected. */
    record NumberCell(String text, String expected) {
    }

    private static SheetData sheet(List<RowPlan> plans) {
        List<SheetRow> rows = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            rows.add(new SheetRow(rowNumber(i), plans.get(i).cells(uniqueDigits(i))));
        }
        return new SheetData(HEADER, rows);
    }

    private static int rowNumber(int index) {
        return index + 2;
    }

    /** Digits that make each row's seller number unique, so that no valid row loses to a duplicate. */
    private static long uniqueDigits(int index) {
        return 1000L + index;
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<RowPlan>> mixedRows() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, validRows()),
                Tuple.of(3, invalidRows()),
                Tuple.of(1, blankRows())).list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<RowPlan>> rowsWithGaps() {
        Arbitrary<String> maybeBlank = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("keep")),
                Tuple.of(1, Arbitraries.of(BLANKS)));
        Arbitrary<RowPlan> rows = Combinators.combine(numberStyles(), validRest(), maybeBlank, maybeBlank, maybeBlank,
                Arbitraries.of(true, false)).as((style, rest, number, name, date, drop) -> {
                    List<String> cells = new ArrayList<>(rest);
                    String badField = null;
                    String numberText = null;
                    if (!number.equals("keep")) {
                        numberText = number;
                        badField = "seller_number";
                    }
                    if (!name.equals("keep")) {
                        cells.set(0, name);
                        badField = badField == null ? "name" : badField;
                    }
                    if (!date.equals("keep")) {
                        cells.set(1, date);
                        badField = badField == null ? "inquiry_date" : badField;
                    }
                    cells.set(5, "メモ"); // keeps a row whose required cells are all blank from being a blank row
                    return new RowPlan(badField == null ? Kind.VALID : Kind.INVALID, style, numberText, cells,
                            badField, drop);
                });
        return rows.list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<NumberCell>> sellerNumberCells() {
        // Small numbers repeat within a sheet, so that duplicates of one number in different styles occur too.
        Arbitrary<Long> digits = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.longs().between(0, 3)),
                Tuple.of(1, Arbitraries.longs().between(0, 999_999_999_999L)));
        Arbitrary<NumberCell> styled = Combinators.combine(numberStyles(), digits)
                .as((style, n) -> new NumberCell(style.render(n), style.expected(n)));
        Arbitrary<NumberCell> knownBad = Arbitraries.of(
                "", " ", "\u3000", "AA", "aa", "BB12", "A12", "12345", "AA 12", "AA-12", "AA12x", "A A12", "AA12.0",
                "ＡＢ１２", "AA🙂1", "🙂", "'; DROP TABLE sellers; --", "AA1' OR '1'='1", "\"AA12\"", "'AA12'",
                "AA١٢", "売主番号AA12", "AA" + "1".repeat(49), "ＡＡ１２３\u3000ー").map(text -> new NumberCell(text, null));
        Arbitrary<NumberCell> messy = Arbitraries.of("AA", "aa", "Aa", "ＡＡ", "ａａ", "A", "a", "B", "1", "12", "007",
                        "１２", "٣", "²", "①", "Ⅻ", " ", "\u3000", "\t", "\u00a0", "-", "'", "\"", ";", "--", "🙂",
                        "山田", "DROP TABLE sellers", " OR 1=1", "\\", "%", "_", "ｱ")
                .list().ofMinSize(1).ofMaxSize(5).map(tokens -> String.join("", tokens))
                .map(text -> new NumberCell(text, contractNormalForm(text)));
        return Arbitraries.frequencyOf(Tuple.of(4, styled), Tuple.of(2, knownBad), Tuple.of(4, messy))
                .list().ofMinSize(1).ofMaxSize(20);
    }

    /**
     * CONTRACT section 5 written out independently of the parser: NFKC, trim, upper case, then AA and digits (and
     * no longer than the database column). Null when the text must be rejected.
     */
    private static String contractNormalForm(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).strip().toUpperCase(Locale.ROOT);
        return STORED_NUMBER.matcher(normal).matches() && normal.length() <= 50 ? normal : null;
    }

    private Arbitrary<RowPlan> validRows() {
        return Combinators.combine(numberStyles(), validRest(), Arbitraries.of(true, false))
                .as((style, rest, drop) -> new RowPlan(Kind.VALID, style, null, rest, null, drop));
    }

    private Arbitrary<RowPlan> invalidRows() {
        return Combinators.combine(numberStyles(), validRest(), corruptions(), Arbitraries.of(true, false))
                .as((style, rest, corruption, drop) -> {
                    if (corruption.field().equals("seller_number")) {
                        return new RowPlan(Kind.INVALID, style, corruption.text(), rest, "seller_number", drop);
                    }
                    List<String> cells = new ArrayList<>(rest);
                    cells.set(corruption.column(), corruption.text());
                    return new RowPlan(Kind.INVALID, style, null, cells, corruption.field(), drop);
                });
    }

    private Arbitrary<RowPlan> blankRows() {
        return Arbitraries.of(BLANKS).list().ofMaxSize(9)
                .map(cells -> new RowPlan(Kind.BLANK, null, null, cells, null, false));
    }

    /** One bad cell: the field, its column among the cells after the number, and the text. */
    record Corruption(String field, int column, String text) {
    }

    private Arbitrary<Corruption> corruptions() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "\u3000", "BB12", "AA", "AA 12", "AA12x", "12345", "ＡＢ１２", "AA🙂1",
                        "'; DROP TABLE sellers; --", "\"AA12\"", "AA١٢").map(t -> new Corruption("seller_number", -1, t)),
                Arbitraries.of(BLANKS).map(t -> new Corruption("name", 0, t)),
                Arbitraries.of("", " ", "2024-13-45", "2024-02-30", "yesterday", "0", "約2024年", "2024.05.01",
                        "１２月３日", "令和6年5月1日", "NULL").map(t -> new Corruption("inquiry_date", 1, t)),
                Arbitraries.of("約100", "100坪", "1,23", "-5", "百", "100 m3").map(t -> new Corruption("land_area", 3, t)),
                Arbitraries.of("soon", "2024-05-01 25:00", "2024-02-30 10:00", "明日", "10:15")
                        .map(t -> new Corruption("updated_at", 4, t)));
    }

    private Arbitrary<NumberStyle> numberStyles() {
        return Combinators.combine(Arbitraries.of("AA", "aa", "Aa", "ＡＡ", "ａａ"), Arbitraries.of(true, false),
                Arbitraries.of("", "", "0", "00"), Arbitraries.of(PADDING), Arbitraries.of(PADDING))
                .as(NumberStyle::new);
    }

    /** Valid cells after the seller number: name, inquiry date, phone, land area, updated_at, memo. */
    private Arbitrary<List<String>> validRest() {
        return Combinators.combine(names(), dates(), messyText(), areas(), timestamps(), messyText())
                .as(List::of);
    }

    private Arbitrary<String> names() {
        Arbitrary<String> samples = Arbitraries.of("山田 太郎", "ｽｽﾞｷ ｲﾁﾛｳ", "O'Brien", "\"Bob\" Smith", "Robert'); DROP"
                + " TABLE sellers;--", "🙂 笑顔", "佐藤\n花子", "名前,カンマ", "NULL", "<script>alert(1)</script>", "𠮷野家");
        Arbitrary<String> japanese = Arbitraries.strings().withCharRange('\u3041', '\u3096')
                .withCharRange('\u4e00', '\u4fff').ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> latin = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12);
        return Combinators.combine(Arbitraries.of(PADDING), Arbitraries.oneOf(samples, japanese, latin),
                Arbitraries.of(PADDING)).as((left, name, right) -> left + name + right);
    }

    private Arbitrary<String> dates() {
        Arbitrary<LocalDate> days = Arbitraries.integers().between(0, 20_000).map(d -> LocalDate.of(1990, 1, 1)
                .plusDays(d));
        Arbitrary<Function<LocalDate, String>> formats = Arbitraries.of(
                LocalDate::toString,
                d -> d.getYear() + "/" + d.getMonthValue() + "/" + d.getDayOfMonth(),
                d -> d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日",
                d -> fullWidth(d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日"),
                d -> fullWidth(d.toString()),
                d -> Long.toString(d.toEpochDay() - LocalDate.of(1899, 12, 30).toEpochDay()),
                d -> (d.toEpochDay() - LocalDate.of(1899, 12, 30).toEpochDay()) + ".75");
        return Combinators.combine(Arbitraries.of(PADDING), days, formats)
                .as((pad, day, format) -> pad + format.apply(day) + pad);
    }

    private Arbitrary<String> areas() {
        return Arbitraries.of("", "", " ", "120", "1,234.5㎡", "９８．７m²", "45 m2", "0.5", "12,345,678");
    }

    private Arbitrary<String> timestamps() {
        return Arbitraries.of("", "", "2024-05-01 10:15", "2024/5/1 9:05:07", "2024-05-01T10:15:30+09:00",
                "2024-05-01T01:15:30Z", "45292.75", "２０２４年５月１日", "2024-05-01T10:15:30");
    }

    /** Text of any kind for columns that take anything: blank, Japanese, emoji, quotes, SQL, line breaks. */
    private Arbitrary<String> messyText() {
        return Arbitraries.oneOf(
                Arbitraries.of(BLANKS),
                Arbitraries.of("090-1234-5678", "０９０１２３４５６７８", "'; DELETE FROM sellers; --", "🙂👍🏽", "a\"b'c",
                        "複数\n行", "\\N", "NULL", "=SUM(A1:A3)"),
                Arbitraries.strings().all().ofMaxLength(15));
    }

    private static String fullWidth(String text) {
        StringBuilder wide = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            wide.append(c >= '!' && c <= '~' ? (char) (c + 0xFEE0) : c);
        }
        return wide.toString();
    }
}
