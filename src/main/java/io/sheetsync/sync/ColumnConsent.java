package io.sheetsync.sync;

import io.sheetsync.sheet.SheetField;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An operator's consent to lose columns: a column_vanished alert they acknowledged, naming the fields whose removal
 * (or emptying) the next run may accept.
 *
 * @param alertId        the acknowledged alert
 * @param fields         the fields it named
 * @param acknowledgedBy who acknowledged it (a role or a token's name)
 */
public record ColumnConsent(String alertId, Set<SheetField> fields, String acknowledgedBy) {

    public ColumnConsent {
        Objects.requireNonNull(alertId, "alertId");
        fields = Collections.unmodifiableSet(fields.isEmpty() ? EnumSet.noneOf(SheetField.class) : EnumSet.copyOf(fields));
        Objects.requireNonNull(acknowledgedBy, "acknowledgedBy");
    }
}
