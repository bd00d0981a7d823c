package io.sheetsync.seller;

import io.sheetsync.db.StorableText;
import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.sheet.SheetField;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The stored values a sync of one seller would change, compared in their stored form (text as the COPY stores it,
 * areas as numbers, timestamps as instants): its fields in field order, its sheet row, then the cells of its raw row
 * that no listed field already shows (an unmapped column, or a cell retyped without changing its value).
 */
final class FieldChanges {

    private final HeaderMapping mapping;
    private final boolean create;
    private final List<FieldChange> changes = new ArrayList<>();
    private final Set<SheetField> listed = EnumSet.noneOf(SheetField.class);

    private FieldChanges(HeaderMapping mapping, boolean create) {
        this.mapping = mapping;
        this.create = create;
    }

    /**
     * @param stored  the stored seller, or null for one the sync would create (then: its non-empty values)
     * @param mapping the field each header holds, for the raw cells of the sheet's columns and of the stored ones
     */
    static List<FieldChange> of(Seller sheet, StoredSeller stored, HeaderMapping mapping) {
        FieldChanges diff = new FieldChanges(mapping, stored == null);
        Property property = sheet.property();
        boolean had = stored != null && stored.hasProperty();
        diff.add(SheetField.SELLER_NUMBER, stored == null ? null : sheet.sellerNumber(), sheet.sellerNumber());
        diff.add(SheetField.NAME, stored == null ? null : stored.name(), text(sheet.name()));
        diff.add(SheetField.INQUIRY_DATE, stored == null ? null : date(stored.inquiryDate()), date(sheet.inquiryDate()));
        diff.add(SheetField.PHONE, stored == null ? null : stored.phone(), text(sheet.phone()));
        diff.add(SheetField.EMAIL, stored == null ? null : stored.email(), text(sheet.email()));
        diff.add(SheetField.ADDRESS, stored == null ? null : stored.address(), text(sheet.address()));
        diff.add(SheetField.STATUS, stored == null ? null : stored.status(), text(sheet.status()));
        diff.add(SheetField.PROPERTY_ADDRESS, had ? stored.propertyAddress() : null,
                property == null ? null : text(property.address()));
        diff.add(SheetField.PROPERTY_TYPE, had ? stored.propertyType() : null,
                property == null ? null : text(property.propertyType()));
        diff.add(SheetField.LAND_AREA, had ? stored.landArea() : null, property == null ? null : property.landArea());
        diff.add(SheetField.BUILDING_AREA, had ? stored.buildingArea() : null,
                property == null ? null : property.buildingArea());
        diff.add(SheetField.UPDATED_AT, stored == null ? null : instant(stored.sourceUpdatedAt()),
                instant(sheet.sourceUpdatedAt()));
        if (stored != null && !Objects.equals(stored.sourceRow(), sheet.sourceRow())) {
            diff.changes.add(FieldChange.of("source_row", stored.sourceRow(), sheet.sourceRow()));
        }
        diff.addRaw(stored == null ? Map.of() : stored.raw(), sheet.raw());
        return List.copyOf(diff.changes);
    }

    private void add(SheetField field, Object from, Object to) {
        if (same(from, to) || create && to == null) {
            return;
        }
        listed.add(field);
        changes.add(FieldChange.of(field.id(), from, to));
    }

    private void addRaw(Map<String, String> stored, Map<String, String> sheet) {
        Map<String, String> storable = new LinkedHashMap<>();
        sheet.forEach((header, cell) -> storable.put(StorableText.of(header), StorableText.of(cell)));
        Set<String> headers = new LinkedHashSet<>(storable.keySet());
        headers.addAll(stored.keySet());
        for (String header : headers) {
            String from = stored.get(header);
            String to = storable.get(header);
            boolean shown = mapping.fieldFor(header).filter(listed::contains).isPresent();
            if (shown || Objects.equals(from, to) || create && (to == null || to.isEmpty())) {
                continue;
            }
            changes.add(FieldChange.of("raw." + header, from, to));
        }
    }

    private static boolean same(Object from, Object to) {
        if (from instanceof BigDecimal a && to instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        return Objects.equals(from, to);
    }

    private static String text(String value) {
        return StorableText.of(value);
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String instant(OffsetDateTime time) {
        return time == null ? null : instant(time.toInstant());
    }
}
