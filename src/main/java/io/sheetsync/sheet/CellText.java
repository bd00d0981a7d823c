package io.sheetsync.sheet;

import com.google.api.client.util.Data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the typed cell values of an UNFORMATTED_VALUE answer into the text the parser reads: numbers as plain decimals
 * (45292, 45292.5, 0.1; never 4.5292E4 or 45292.0), booleans as TRUE/FALSE, strings as they are, empty as "".
 */
public final class CellText {

    private CellText() {
    }

    /** The text of one cell value. */
    public static String of(Object value) {
        // The Google JSON parser turns a JSON null inside a list into a sentinel object, not into null
        if (value == null || Data.isNull(value)) {
            return "";
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Boolean bool) {
            return bool ? "TRUE" : "FALSE";
        }
        if (value instanceof BigDecimal decimal) {
            return plain(decimal);
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                return Double.toString(number);
            }
            // Float's own shortest text, so 0.1f stays 0.1 and does not become 0.100000001490116
            return plain(new BigDecimal(value.toString()));
        }
        if (value instanceof BigInteger || value instanceof Long || value instanceof Integer
                || value instanceof Short || value instanceof Byte) {
            return value.toString();
        }
        if (value instanceof Number number) {
            return plain(new BigDecimal(number.toString()));
        }
        return value.toString();
    }

    /** The texts of one row of cell values; a null row (an empty row in the middle of the range) has no cells. */
    public static List<String> row(List<?> values) {
        if (values == null) {
            return List.of();
        }
        List<String> cells = new ArrayList<>(values.size());
        for (Object value : values) {
            cells.add(of(value));
        }
        return cells;
    }

    private static String plain(BigDecimal decimal) {
        return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
    }
}
