package io.sheetsync.seller;

import java.math.BigDecimal;

/**
 * One stored value a sync would change, in its stored form: text as stored, dates as {@code yyyy-MM-dd}, timestamps as
 * ISO-8601 instants, areas and sheet rows as numbers; null for empty.
 *
 * @param field    the field's id ({@code phone}, {@code land_area}), {@code source_row}, or {@code raw.<header>} for
 *                 a cell of the stored raw row that no listed field already shows
 * @param blanking a stored value would become empty
 */
public record FieldChange(String field, Object from, Object to, boolean blanking) {

    /** A change of {@code field} from {@code from} to {@code to}; blanking when a value would become empty. */
    public static FieldChange of(String field, Object from, Object to) {
        return new FieldChange(field, plain(from), plain(to), !isEmpty(from) && isEmpty(to));
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof String text && text.isEmpty();
    }

    // 1.50 and 1.5 are one stored area: show it without trailing zeros and without an exponent
    private static Object plain(Object value) {
        return value instanceof BigDecimal number ? new BigDecimal(number.stripTrailingZeros().toPlainString()) : value;
    }
}
