package io.sheetsync.sheet;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A seller field a sheet column can hold, identified as in mapping files and the database (e.g. {@code land_area}). */
public enum SheetField {
    SELLER_NUMBER(true),
    NAME(true),
    INQUIRY_DATE(true),
    PHONE(false),
    EMAIL(false),
    ADDRESS(false),
    STATUS(false),
    PROPERTY_ADDRESS(false),
    PROPERTY_TYPE(false),
    LAND_AREA(false),
    BUILDING_AREA(false),
    UPDATED_AT(false);

    private final boolean required;
    private final String id;

    SheetField(boolean required) {
        this.required = required;
        this.id = name().toLowerCase(Locale.ROOT);
    }

    /** The field's name in mapping files, messages and the database, e.g. {@code seller_number}. */
    public String id() {
        return id;
    }

    /** True for the fields a sheet must have a column for, and every row a value in. */
    public boolean required() {
        return required;
    }

    /** The field with this exact id. */
    public static Optional<SheetField> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }
}
