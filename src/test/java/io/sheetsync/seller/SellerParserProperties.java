package io.sheetsync.seller;

import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.sheet.SheetData;
import io.sheetsync.sheet.SheetField;
import io.sheetsync.sheet.SheetRow;
import io.sheetsync.support.MessyRow;
import io.sheetsync.support.MessySheet;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.PropertyTests;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the parser reads the cells people type (CONTRACT section 5), on generated text whose meaning is known before it
 * is typed: seller numbers, dates, timestamps, areas and headers in every accepted spelling, and rows made invalid on
 * purpose. Whole sheets against the generators' oracle are checked in MessySheetsTest, whole runs in the run-based
 * properties.
 */
class SellerParserProperties {

    private static final List<String> PADS = List.of("", "", " ", "\u3000", "\u00a0", "\t", " \u3000 ");
    private static final List<String> KEY_HEADER = List.of("売主番号", "氏名", "反響日");
    /** The width of the seller_number column (CONTRACT section 4). */
    private static final int NUMBER_COLUMN_WIDTH = 50;

    private final SellerParser parser = new SellerParser(HeaderMapping.builtIn(), MessySheets.SHEET_ZONE);

    @Test
    void a_seller_number_typed_in_any_case_width_or_padding_reads_as_aa_and_its_digits() {
        PropertyTests.pure().forAll(numbers()).checkAssert(number -> {
            ParsedSheet parsed = parser.parse(new SheetData(KEY_HEADER,
                    List.of(new SheetRow(2, List.of(number.typed(), "山田 太郎", "2024-05-01")))));

            if (number.expected() == null) {
                assertThat(parsed.sellers()).isEmpty();
                assertThat(parsed.invalidRows()).extracting(RowRejection::field).containsExactly("seller_number");
            } else {
                assertThat(parsed.invalidRows()).isEmpty();
                assertThat(parsed.sellers()).extracting(Seller::sellerNumber).containsExactly(number.expected());
            }
        });
    }

    @Test
    void a_date_typed_in_an_accepted_format_reads_as_that_day_and_an_impossible_day_is_refused() {
        PropertyTests.pure().forAll(dates()).checkAssert(date -> {
            if (date.expected() == null) {
                assertThatThrownBy(() -> SheetDates.parseDate(date.typed())).isInstanceOf(InvalidCellException.class);
            } else {
                assertThat(SheetDates.parseDate(date.typed())).isEqualTo(date.expected());
            }
        });
    }

    @Test
    void a_timestamp_typed_with_or_without_an_offset_reads_as_that_moment() {
        PropertyTests.pure().forAll(timestamps()).checkAssert(timestamp ->
                assertThat(SheetDates.parseTimestamp(timestamp.typed(), MessySheets.SHEET_ZONE).toInstant())
                        .isEqualTo(timestamp.expected()));
    }

    @Test
    void an_area_typed_with_commas_units_or_full_width_digits_reads_as_its_number_and_anything_else_is_refused() {
        PropertyTests.pure().forAll(areas()).checkAssert(area -> {
            if (area.expected() == null) {
                assertThatThrownBy(() -> Areas.parse(area.typed())).isInstanceOf(InvalidCellException.class);
            } else {
                assertThat(Areas.parse(area.typed())).isEqualByComparingTo(area.expected());
            }
        });
    }

    @Test
    void every_header_alias_typed_in_any_case_width_or_spacing_finds_its_column_in_any_order() {
        PropertyTests.pure().forAll(MessySheets.sheets(0, 0)).checkAssert(sheet -> {
            Map<SheetField, Integer> expected = new EnumMap<>(SheetField.class);
            for (int column = 0; column < sheet.fields().size(); column++) {
                String field = sheet.fields().get(column);
                if (field != null) {
                    expected.put(SheetField.byId(field).orElseThrow(), column);
                }
            }

            assertThat(HeaderMapping.builtIn().resolve(sheet.header()).columns()).isEqualTo(expected);
        });
    }

    @Test
    void every_row_typed_invalid_is_rejected_for_its_defect_by_its_row_number_and_blank_rows_are_only_counted() {
        PropertyTests.pure().forAll(MessySheets.sheets(0, 30)).checkAssert(sheet -> {
            ParsedSheet parsed = parser.parse(sheet.data());

            List<String> expected = new ArrayList<>();
            int blank = 0;
            for (int i = 0; i < sheet.rows().size(); i++) {
                MessyRow row = sheet.rows().get(i);
                if (row.kind() == MessyRow.Kind.INVALID) {
                    expected.add("row " + MessySheet.rowNumber(i) + " " + row.defect());
                } else if (row.kind() == MessyRow.Kind.BLANK) {
                    blank++;
                }
            }
            assertThat(parsed.invalidRows()).extracting(rejection -> "row " + rejection.rowNumber() + " "
                    + rejection.field()).containsExactlyElementsOf(expected);
            assertThat(parsed.invalidRows()).allSatisfy(rejection -> assertThat(rejection.message())
                    .containsPattern("(?<![0-9])row " + rejection.rowNumber() + "(?![0-9])"));
            assertThat(parsed.blankRows()).as("blank rows").isEqualTo(blank);
        });
    }

    // ---- what a generated cell means, and how it is typed ----

    /** A typed cell and what it must read as, or null when it must be refused. */
    record Typed<T>(String typed, T expected) {
        @Override
        public String toString() {
            return "'" + typed + "' -> " + (expected == null ? "refused" : expected);
        }
    }

    private static Gen<Typed<String>> numbers() {
        Gen<Typed<String>> numbers = in -> {
            int length = Generate.frequency(
                    Pair.of(8, Generate.range(1, 8)),
                    Pair.of(1, Generate.range(40, NUMBER_COLUMN_WIDTH - 2))).generate(in);
            String digits = digits(in, length);
            String typedDigits = typedDigits(in, digits);
            String prefix = letter(in) + letter(in);
            String left = pad(in);
            String right = pad(in);
            return switch (Generate.range(0, 9).generate(in)) {
                case 0 -> new Typed<>(left + pick(in, "AB", "BA", "A", "", "XX", "ＡＢ", "AAA", "ＡＡＡ") + typedDigits
                        + right, null);
                case 1 -> {
                    // Before a digit: whatever is inserted is inside the number, never trailing padding.
                    int at = Generate.range(0, typedDigits.length() - 1).generate(in);
                    String inserted = pick(in, "-", " ", "x", ".", "\u3000", "١", "🙂", ",", "'");
                    yield new Typed<>(left + prefix + typedDigits.substring(0, at) + inserted
                            + typedDigits.substring(at) + right, null);
                }
                case 2 -> new Typed<>(pick(in, left + prefix + right, "'; DROP TABLE sellers; --", "AA1' OR '1'='1",
                        "\"AA12\"", "売主番号AA12", "AA12.0", "ＡＡ１２\u3000ー", "AA1\nAA2", "AA１２３🙂"), null);
                case 3 -> {
                    // One digit more than the column holds (and then some).
                    String tooLong = digits(in, NUMBER_COLUMN_WIDTH - 1 + Generate.range(0, 10).generate(in));
                    yield new Typed<>(left + prefix + typedDigits(in, tooLong) + right, null);
                }
                default -> new Typed<>(left + prefix + typedDigits + right, "AA" + digits);
            };
        };
        return numbers.describedAs(Typed::toString);
    }

    private static Gen<Typed<LocalDate>> dates() {
        Gen<Typed<LocalDate>> dates = in -> {
            boolean wide = Generate.booleans().generate(in);
            String left = pad(in);
            String right = pad(in);
            if (Generate.range(0, 3).generate(in) == 0) {
                int year = Generate.range(1900, 9999).generate(in);
                int month = Generate.range(1, 12).generate(in);
                int length = YearMonth.of(year, month).lengthOfMonth();
                int[] impossible = Generate.booleans().generate(in)
                        ? new int[] {month, Generate.range(length + 1, 39).generate(in)}
                        : new int[] {Generate.frequency(Pair.of(1, Generate.constant(0)),
                        Pair.of(3, Generate.range(13, 99))).generate(in), 1};
                String typed = switch (Generate.range(0, 2).generate(in)) {
                    case 0 -> String.format("%04d-%02d-%02d", year, impossible[0], impossible[1]);
                    case 1 -> year + "/" + impossible[0] + "/" + impossible[1];
                    default -> year + "年" + impossible[0] + "月" + impossible[1] + "日";
                };
                return new Typed<>(left + (wide ? MessySheets.fullWidth(typed) : typed) + right, null);
            }
            LocalDate day = day(in);
            String typed = MessySheets.typedDate(day, Generate.range(0, 3).generate(in));
            return new Typed<>(left + (wide ? MessySheets.fullWidth(typed) : typed) + right, day);
        };
        return dates.describedAs(Typed::toString);
    }

    /** Any day from 1899-12-31 (serial number 1) to 9999-12-31, often one at the edge of a month or a leap day. */
    private static LocalDate day(RandomnessSource in) {
        LocalDate first = LocalDate.of(1899, 12, 31);
        LocalDate last = LocalDate.of(9999, 12, 31);
        LocalDate any = LocalDate.ofEpochDay(Generate.longRange(first.toEpochDay(), last.toEpochDay()).generate(in));
        return switch (Generate.range(0, 7).generate(in)) {
            case 0 -> any.withDayOfMonth(any.lengthOfMonth());
            case 1 -> {
                int year = 4 * Generate.range(475, 2499).generate(in);
                // 1900, 2100, ... have no 29 February; the next year divisible by four does.
                yield LocalDate.of(Year.isLeap(year) ? year : year + 4, 2, 29);
            }
            case 2 -> Generate.booleans().generate(in) ? first : last;
            default -> any;
        };
    }

    private static Gen<Typed<Instant>> timestamps() {
        Gen<Typed<Instant>> timestamps = in -> {
            Instant moment = Instant.parse("1990-01-01T00:00:00Z")
                    .plusSeconds(Generate.longRange(0, 110L * 365 * 86_400).generate(in));
            LocalDateTime tokyo = LocalDateTime.ofInstant(moment, MessySheets.SHEET_ZONE);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(Generate.range(-12 * 4, 14 * 4).generate(in) * 900);
            int variant = Generate.range(0, 4).generate(in);
            String typed = switch (variant) {
                case 0 -> moment.atOffset(offset).toLocalDateTime() + offset.getId().replace("Z", "+00:00");
                case 1 -> moment.toString();
                case 2 -> tokyo.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
                case 3 -> tokyo.format(DateTimeFormatter.ofPattern("yyyy/M/d H:mm:ss"));
                default -> tokyo.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
            };
            boolean wide = Generate.booleans().generate(in);
            return new Typed<>(pad(in) + (wide ? MessySheets.fullWidth(typed) : typed) + pad(in), moment);
        };
        return timestamps.describedAs(Typed::toString);
    }

    private static Gen<Typed<BigDecimal>> areas() {
        Gen<Typed<BigDecimal>> areas = in -> {
            BigDecimal area = BigDecimal.valueOf(Generate.longRange(0, 10_000_000_000L).generate(in),
                    Generate.range(0, 3).generate(in));
            String whole = area.toBigInteger().toString();
            String fraction = area.scale() == 0 ? "" : area.toPlainString().substring(whole.length());
            String number = (Generate.booleans().generate(in) ? grouped(area.toBigInteger()) : whole) + fraction;
            String unit = pick(in, "", "", "㎡", "m²", " m2", "m2", "M2");
            String typed = pad(in) + (Generate.booleans().generate(in) ? MessySheets.fullWidth(number) : number) + unit
                    + pad(in);
            return switch (Generate.range(0, 5).generate(in)) {
                case 0 -> new Typed<>(pick(in, "約", "-", "~", "±") + typed, null);
                case 1 -> new Typed<>(typed + pick(in, "坪", "以上", " 平方尺", "ha", ".5.5"), null);
                case 2 -> new Typed<>(pick(in, "百", "abc", "1.2.3", "..", "m2", "NaN", "十二"), null);
                default -> new Typed<>(typed, area);
            };
        };
        return areas.describedAs(Typed::toString);
    }

    private static String grouped(BigInteger whole) {
        return String.format(Locale.ROOT, "%,d", whole);
    }

    private static String digits(RandomnessSource in, int length) {
        StringBuilder digits = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            digits.append((char) ('0' + Generate.range(0, 9).generate(in)));
        }
        return digits.toString();
    }

    /** Each digit ASCII or full-width, as a sheet filled in over the years has them. */
    private static String typedDigits(RandomnessSource in, String digits) {
        StringBuilder typed = new StringBuilder(digits.length());
        for (char digit : digits.toCharArray()) {
            typed.append(Generate.booleans().generate(in) ? MessySheets.fullWidth(String.valueOf(digit)) : digit);
        }
        return typed.toString();
    }

    private static String letter(RandomnessSource in) {
        return pick(in, "A", "a", "Ａ", "ａ");
    }

    private static String pad(RandomnessSource in) {
        return PADS.get(Generate.range(0, PADS.size() - 1).generate(in));
    }

    private static String pick(RandomnessSource in, String... choices) {
        return choices[Generate.range(0, choices.length - 1).generate(in)];
    }

}
