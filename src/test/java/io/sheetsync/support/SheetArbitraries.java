package io.sheetsync.support;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.time.LocalDate;
import java.util.List;

/** Generators of messy seller sheets for property tests: the columns of {@link #HEADER}, valid and invalid rows. */
public final class SheetArbitraries {

    public static final List<String> HEADER = List.of("seller_number", "name", "inquiry_date", "property_type");

    private SheetArbitraries() {
    }

    /** Sheets of up to 15 rows: valid ones, repeated keys, and invalid numbers, names and dates. */
    public static Arbitrary<List<List<String>>> sheets() {
        Arbitrary<String> key = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 30).map(n -> "AA" + n),
                Arbitraries.integers().between(1, 30).map(n -> "ａａ" + n),
                Arbitraries.of("XX1", "", "AA-1"));
        Arbitrary<String> date = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 3000).map(days -> LocalDate.of(2020, 1, 1).plusDays(days).toString()),
                Arbitraries.of("2024-13-45", "someday", ""));
        Arbitrary<String> property = Arbitraries.of("", "土地", "戸建て", "マンション");
        Arbitrary<List<String>> row = Combinators.combine(key, names(), date, property)
                .as((k, n, d, p) -> List.of(k, n, d, p));
        return row.list().ofMaxSize(15);
    }

    /** Sheets whose rows are all valid and distinct: AA1..AAn with random names and property data. */
    public static Arbitrary<List<List<String>>> validSheets() {
        return Arbitraries.of("", "土地", "戸建て").list().ofMinSize(1).ofMaxSize(15).map(properties -> {
            java.util.ArrayList<List<String>> rows = new java.util.ArrayList<>();
            for (int i = 0; i < properties.size(); i++) {
                rows.add(List.of("AA" + (i + 1), "Seller " + (i + 1), "2024-01-01", properties.get(i)));
            }
            return rows;
        });
    }

    public static Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("山田太郎花子 abc'\",;\n").ofMinLength(1).ofMaxLength(12)
                        .filter(name -> !name.isBlank()),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(name -> name + " 🌸"),
                Arbitraries.of("Robert'); DROP TABLE sellers;--", "", "  "));
    }
}
