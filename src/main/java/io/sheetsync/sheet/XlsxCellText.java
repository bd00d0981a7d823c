package io.sheetsync.sheet;

import java.math.BigDecimal;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the stored value of an XLSX cell into the text the Sheets API would answer for it with
 * {@code valueRenderOption=UNFORMATTED_VALUE} and {@code dateTimeRenderOption=SERIAL_NUMBER}.
 *
 * <ul>
 *   <li>Numbers, dates and times are the raw number as plain decimal text: {@code 45292}, {@code 45292.5},
 *       {@code 120.25}; never an exponent, never trailing zeros. A date is its serial day count since 1899-12-30,
 *       which is the same in Excel and Sheets for dates after February 1900.</li>
 *   <li>Strings are kept as they are; booleans are {@code TRUE} / {@code FALSE}.</li>
 *   <li>Formulas give their cached result by the same rules (the file is not recalculated).</li>
 *   <li>Empty cells and error results ({@code #DIV/0!}, {@code #N/A}, ...) are {@code ""}: an error is no data, and
 *       a required field left empty by it is reported by the parser like any other missing value.</li>
 * </ul>
 */
final class XlsxCellText {

    /** Days between the 1904 date system's day 0 (1904-01-01) and the 1900 system's (1899-12-30 as a serial base). */
    static final int DAYS_FROM_1900_TO_1904_SYSTEM = 1462;

    /** Excel escapes characters XML cannot carry (control characters) as {@code _xHHHH_}. */
    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    private XlsxCellText() {
    }

    /**
     * The text of one cell.
     *
     * @param type          the cell's {@code t} attribute ({@code s}, {@code inlineStr}, {@code str}, {@code b},
     *                      {@code e}, {@code d}, {@code n} or null for a number)
     * @param value         the {@code <v>} text, or the inline string's text for {@code inlineStr}; may be null
     * @param sharedStrings looks up shared string {@code i}
     * @param dayOffset     added to numbers: {@link #DAYS_FROM_1900_TO_1904_SYSTEM} for date cells of a workbook in the
     *                      1904 date system, else 0
     */
    static String of(String type, String value, IntFunction<String> sharedStrings, int dayOffset) {
        if (value == null) {
            return "";
        }
        return switch (type == null ? "n" : type) {
            case "s" -> value.isBlank() ? "" : sharedStrings.apply(Integer.parseInt(value.trim()));
            case "inlineStr", "str" -> unescape(value);
            case "b" -> bool(value);
            case "e" -> "";
            case "d" -> value; // ISO 8601 text (strict OOXML only); the parser reads ISO dates as they are
            default -> value.isBlank() ? "" : number(Double.parseDouble(value.trim()) + dayOffset);
        };
    }

    /** A number as plain decimal text: no exponent, no trailing zeros, no negative zero. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "";
        }
        return CellText.of(BigDecimal.valueOf(value));
    }

    static String bool(String value) {
        String v = value.trim();
        return "1".equals(v) || "true".equalsIgnoreCase(v) ? "TRUE" : "FALSE";
    }

    /** Undoes Excel's {@code _xHHHH_} escapes; {@code _x005F_} (an escaped underscore) protects a literal one. */
    static String unescape(String text) {
        if (text.indexOf("_x") < 0) {
            return text;
        }
        Matcher m = ESCAPE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
