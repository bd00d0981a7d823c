package io.sheetsync.seller;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** A seller as the database holds it, with its property record (property columns null when it has none). */
record StoredSeller(String name, LocalDate inquiryDate, String phone, String email, String address, String status,
                    Integer sourceRow, Instant sourceUpdatedAt, Map<String, String> raw, boolean hasProperty,
                    String propertyAddress, String propertyType, BigDecimal landArea, BigDecimal buildingArea) {
}
