package io.sheetsync.seller;

import io.sheetsync.sheet.Cells;
import io.sheetsync.sheet.ColumnLayout;
import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.sheet.SheetData;
import io.sheetsync.sheet.SheetField;
import io.sheetsync.sheet.SheetFormatException;
import io.sheetsync.sheet.SheetRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a fetched sheet into sellers (CONTRACT section 5): normalises and validates each row, sets aside invalid rows
 * and duplicate seller numbers with a reason, and never throws for a bad row.
 *
 * <p>An invalid row is rejected with every problem it has in one reason, and with the first faulty field in field
 * order (seller_number, name, inquiry_date, phone, ...) as the rejection's field.
 */
public final class SellerParser {

    /** Which of two rows with one seller number wins: the later updated_at (none counts as oldest), then the lower row. */
    private static final Comparator<Seller> PRECEDENCE = Comparator
            .comparing(Seller::sourceUpdatedAt, Comparator.nullsFirst(Comparator.comparing(OffsetDateTime::toInstant)))
            .thenComparingInt(Seller::sourceRow);

    private static final int QUOTED_CELL_LIMIT = 80;

    private final HeaderMapping mapping;
    private final ZoneId zone;

    /**
     * @param zone where timestamps without an offset, and dates used as timestamps, are read
     */
    public SellerParser(HeaderMapping mapping, ZoneId zone) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Parses every row of the sheet.
     *
     * @throws SheetFormatException when the header row is missing or unusable: then no row can be trusted
     */
    public ParsedSheet parse(SheetData data) {
        ColumnLayout layout = mapping.resolve(data.header());
        List<Seller> valid = new ArrayList<>(data.rows().size());
        List<RowRejection> rejections = new ArrayList<>();
        int blankRows = 0;
        Set<SheetField> mapped = layout.columns().keySet();
        Set<SheetField> filled = EnumSet.noneOf(SheetField.class);
        for (SheetRow row : data.rows()) {
            if (row.isBlank()) {
                blankRows++;
                continue;
            }
            RowReader reader = new RowReader(row, layout);
            Seller seller = reader.seller(zone);
            if (seller == null) {
                rejections.add(reader.rejection());
            } else {
                valid.add(seller);
                for (SheetField field : mapped) {
                    if (!Cells.isBlank(layout.cell(row, field))) {
                        filled.add(field);
                    }
                }
            }
        }
        List<Seller> sellers = withoutDuplicates(valid, rejections);
        rejections.sort(Comparator.comparingInt(RowRejection::rowNumber));
        return new ParsedSheet(sellers, rejections, valid.size(), blankRows, columns(data, layout, filled));
    }

    /** The header each mapped field was found under, and the fields some valid row has a value for. */
    private static SheetColumns columns(SheetData data, ColumnLayout layout, Set<SheetField> filled) {
        Map<SheetField, String> headers = new EnumMap<>(SheetField.class);
        layout.columns().forEach((field, column) -> headers.put(field, Cells.strip(data.header().get(column))));
        return new SheetColumns(headers, filled);
    }

    /** The winner of each seller number, in sheet order; every loser becomes a rejection naming its winner. */
    private static List<Seller> withoutDuplicates(List<Seller> valid, List<RowRejection> rejections) {
        Map<String, Seller> winners = new HashMap<>(valid.size() * 2);
        for (Seller seller : valid) {
            winners.merge(seller.sellerNumber(), seller, (a, b) -> PRECEDENCE.compare(a, b) >= 0 ? a : b);
        }
        if (winners.size() == valid.size()) {
            return valid;
        }
        List<Seller> sellers = new ArrayList<>(winners.size());
        for (Seller seller : valid) {
            Seller winner = winners.get(seller.sellerNumber());
            if (winner.sourceRow() == seller.sourceRow()) {
                sellers.add(seller);
            } else {
                rejections.add(new RowRejection(seller.sourceRow(), seller.sellerNumber(), SheetField.SELLER_NUMBER.id(),
                        "duplicate seller number " + seller.sellerNumber() + ": row " + winner.sourceRow() + " wins "
                                + whyWins(winner, seller),
                        RowRejection.Kind.DUPLICATE_KEY));
            }
        }
        return sellers;
    }

    private static String whyWins(Seller winner, Seller loser) {
        OffsetDateTime won = winner.sourceUpdatedAt();
        OffsetDateTime lost = loser.sourceUpdatedAt();
        if (won != null && lost == null) {
            return "because it has an updated_at and this row has none";
        }
        if (won != null && won.isAfter(lost)) {
            return "because its updated_at " + won + " is later than this row's " + lost;
        }
        return "because it is lower in the sheet and " + (won == null ? "neither row has an updated_at"
                : "both have the updated_at " + won);
    }

    /** Reads one non-blank row, collecting every problem instead of stopping at the first. */
    private static final class RowReader {

        private final SheetRow row;
        private final ColumnLayout layout;
        private final List<String> problems = new ArrayList<>(2);
        private SheetField firstFaultyField;
        private String sellerNumber;

        RowReader(SheetRow row, ColumnLayout layout) {
            this.row = row;
            this.layout = layout;
        }

        /** The seller, or null when the row is invalid (see {@link #rejection()}). */
        Seller seller(ZoneId zone) {
            sellerNumber = required(SheetField.SELLER_NUMBER, SellerNumbers::parse);
            String name = required(SheetField.NAME, Cells::strip);
            LocalDate inquiryDate = required(SheetField.INQUIRY_DATE, SheetDates::parseDate);
            String phone = optional(SheetField.PHONE, Cells::strip);
            String email = optional(SheetField.EMAIL, Cells::strip);
            String address = optional(SheetField.ADDRESS, Cells::strip);
            String status = optional(SheetField.STATUS, Cells::strip);
            String propertyAddress = optional(SheetField.PROPERTY_ADDRESS, Cells::strip);
            String propertyType = optional(SheetField.PROPERTY_TYPE, Cells::strip);
            BigDecimal landArea = optional(SheetField.LAND_AREA, Areas::parse);
            BigDecimal buildingArea = optional(SheetField.BUILDING_AREA, Areas::parse);
            OffsetDateTime updatedAt = optional(SheetField.UPDATED_AT, cell -> SheetDates.parseTimestamp(cell, zone));
            if (!problems.isEmpty()) {
                return null;
            }
            Property property = propertyAddress == null && propertyType == null && landArea == null
                    && buildingArea == null ? null : new Property(propertyAddress, propertyType, landArea, buildingArea);
            return new Seller(sellerNumber, name, inquiryDate, phone, email, address, status, property,
                    row.rowNumber(), updatedAt, layout.raw(row));
        }

        RowRejection rejection() {
            String reported = sellerNumber != null ? sellerNumber
                    : Cells.strip(layout.cell(row, SheetField.SELLER_NUMBER));
            if (reported.length() > SellerNumbers.MAX_LENGTH) {
                // Rejections are stored in seller_number columns too, which hold no more than this; never split an
                // emoji's surrogate pair, which the database would refuse.
                int end = SellerNumbers.MAX_LENGTH;
                reported = reported.substring(0, Character.isHighSurrogate(reported.charAt(end - 1)) ? end - 1 : end);
            }
            return new RowRejection(row.rowNumber(), reported, firstFaultyField.id(), String.join("; ", problems),
                    RowRejection.Kind.INVALID);
        }

        private <T> T required(SheetField field, Function<String, T> parser) {
            String cell = layout.cell(row, field);
            if (Cells.isBlank(cell)) {
                problem(field, field.id() + " is missing");
                return null;
            }
            return parse(field, cell, parser);
        }

        private <T> T optional(SheetField field, Function<String, T> parser) {
            String cell = layout.cell(row, field);
            return Cells.isBlank(cell) ? null : parse(field, cell, parser);
        }

        private <T> T parse(SheetField field, String cell, Function<String, T> parser) {
            try {
                return parser.apply(cell);
            } catch (InvalidCellException e) {
                problem(field, field.id() + " " + quote(cell) + " " + e.getMessage());
                return null;
            }
        }

        private void problem(SheetField field, String problem) {
            if (firstFaultyField == null) {
                firstFaultyField = field;
            }
            problems.add(problem);
        }

        /** The cell as the person typed it, kept to one short line so that log lines stay readable. */
        private static String quote(String cell) {
            String text = Cells.strip(cell);
            boolean cut = text.codePointCount(0, text.length()) > QUOTED_CELL_LIMIT;
            if (cut) {
                text = text.substring(0, text.offsetByCodePoints(0, QUOTED_CELL_LIMIT));
            }
            StringBuilder quoted = new StringBuilder(text.length() + 4).append('\'');
            text.codePoints().forEach(c -> {
                if (Character.isISOControl(c)) {
                    quoted.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : String.format("\\u%04x", c));
                } else {
                    quoted.appendCodePoint(c);
                }
            });
            return quoted.append(cut ? "…'" : "'").toString();
        }
    }
}
