package io.sheetsync.seller;

import java.math.BigDecimal;

/** The property a seller offers; present exactly when any property_* or *_area cell of the row is non-empty. */
public record Property(String address, String propertyType, BigDecimal landArea, BigDecimal buildingArea) {
}
