package io.sheetsync.seller;

import io.sheetsync.sheet.SheetField;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The mapped columns one sheet had: the header each field was found under, and which fields had a value in at least
 * one valid row. The column guard compares these with the last completed run's, so that a column renamed, deleted or
 * emptied in the sheet is noticed before it blanks a field for every seller.
 *
 * @param headers the header (as written, trimmed) of each field the sheet has a column for
 * @param filled  the fields whose column is non-blank in at least one valid row; a subset of the headers' fields
 */
public record SheetColumns(Map<SheetField, String> headers, Set<SheetField> filled) {

    public SheetColumns {
        headers = Collections.unmodifiableMap(headers.isEmpty() ? new EnumMap<>(SheetField.class) : new EnumMap<>(headers));
        filled = Collections.unmodifiableSet(filled.isEmpty() ? EnumSet.noneOf(SheetField.class) : EnumSet.copyOf(filled));
        for (SheetField field : filled) {
            if (!headers.containsKey(field)) {
                throw new IllegalArgumentException("field " + field.id() + " is filled but has no column");
            }
        }
        headers.values().forEach(header -> Objects.requireNonNull(header, "header"));
    }

    /** Whether the sheet has a column for the field. */
    public boolean has(SheetField field) {
        return headers.containsKey(field);
    }

    /** Whether the field's column holds a value in at least one valid row. */
    public boolean isFilled(SheetField field) {
        return filled.contains(field);
    }

    /** The header the field's column had, or null when the sheet has no column for it. */
    public String header(SheetField field) {
        return headers.get(field);
    }
}
