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
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
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
    private static final Comparator<KeyedRow> PRECEDENCE = Comparator
            .comparing(KeyedRow::sourceUpdatedAt,
                    Comparator.nullsFirst(Comparator.comparing(OffsetDateTime::toInstant)))
            .thenComparingInt(KeyedRow::sourceRow);

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
        Reading reading = reading(data.header());
        List<Seller> valid = new ArrayList<>(data.rows().size());
        for (SheetRow row : data.rows()) {
            Seller seller = reading.row(row);
            if (seller != null) {
                valid.add(seller);
            }
        }
        List<RowRejection> rejections = new ArrayList<>(reading.rejections());
        List<Seller> sellers = withoutDuplicates(valid, rejections);
        rejections.sort(Comparator.comparingInt(RowRejection::rowNumber));
        return new ParsedSheet(sellers, rejections, valid.size(), reading.blankRows(), reading.columns());
    }

    /**
     * Starts reading a sheet row by row, as a fetch delivers it: what {@link #parse} does in one call, but the caller
     * keeps the sellers (or stages them) and settles duplicate seller numbers with {@link #duplicateLosers}.
     *
     * @throws SheetFormatException when the header row is unusable
     */
    public Reading reading(List<String> header) {
        return new Reading(header, mapping.resolve(header), zone);
    }

    /** One row of a seller number, as the rule of which row wins reads it. */
    public record KeyedRow(String sellerNumber, int sourceRow, OffsetDateTime sourceUpdatedAt) {
    }

    /**
     * The rows that lose to another row with their seller number (the later updated_at wins, none counting as oldest,
     * then the lower row), each as a rejection naming its winner, in sheet order.
     */
    public static List<RowRejection> duplicateLosers(Collection<KeyedRow> rows) {
        Map<String, KeyedRow> winners = new HashMap<>();
        for (KeyedRow row : rows) {
            winners.merge(row.sellerNumber(), row, (a, b) -> PRECEDENCE.compare(a, b) >= 0 ? a : b);
        }
        List<RowRejection> losers = new ArrayList<>();
        for (KeyedRow row : rows) {
            KeyedRow winner = winners.get(row.sellerNumber());
            if (winner.sourceRow() != row.sourceRow()) {
                losers.add(new RowRejection(row.sourceRow(), row.sellerNumber(), SheetField.SELLER_NUMBER.id(),
                        "duplicate seller number " + row.sellerNumber() + ": row " + winner.sourceRow() + " wins "
                                + whyWins(winner, row),
                        RowRejection.Kind.DUPLICATE_KEY));
            }
        }
        losers.sort(Comparator.comparingInt(RowRejection::rowNumber));
        return losers;
    }

    /** The winner of each seller number, in sheet order; every loser becomes a rejection naming its winner. */
    private static List<Seller> withoutDuplicates(List<Seller> valid, List<RowRejection> rejections) {
        Map<String, Integer> counts = new HashMap<>(valid.size() * 2);
        for (Seller seller : valid) {
            counts.merge(seller.sellerNumber(), 1, Integer::sum);
        }
        if (counts.size() == valid.size()) {
            return valid;
        }
        List<KeyedRow> duplicated = valid.stream().filter(seller -> counts.get(seller.sellerNumber()) > 1)
                .map(seller -> new KeyedRow(seller.sellerNumber(), seller.sourceRow(), seller.sourceUpdatedAt()))
                .toList();
        List<RowRejection> losers = duplicateLosers(duplicated);
        rejections.addAll(losers);
        Set<Integer> losingRows = new HashSet<>();
        losers.forEach(loser -> losingRows.add(loser.rowNumber()));
        return valid.stream().filter(seller -> !losingRows.contains(seller.sourceRow())).toList();
    }

    /**
     * A sheet read row by row: each row becomes a seller or a rejection, blank rows are counted, and the mapped columns
     * that hold a value in some valid row are noted for the column guard.
     */
    public static final class Reading {

        private final List<String> header;
        private final ColumnLayout layout;
        private final ZoneId zone;
        private final Set<SheetField> filled = EnumSet.noneOf(SheetField.class);
        private final List<RowRejection> rejections = new ArrayList<>();
        private int validRows;
        private int blankRows;

        private Reading(List<String> header, ColumnLayout layout, ZoneId zone) {
            this.header = List.copyOf(header);
            this.layout = layout;
            this.zone = zone;
        }

        /** The seller of one data row, or null when the row is blank (counted) or invalid (kept as a rejection). */
        public Seller row(SheetRow row) {
            if (row.isBlank()) {
                blankRows++;
                return null;
            }
            RowReader reader = new RowReader(row, layout);
            Seller seller = reader.seller(zone);
            if (seller == null) {
                rejections.add(reader.rejection());
                return null;
            }
            validRows++;
            for (SheetField field : layout.columns().keySet()) {
                if (!filled.contains(field) && !Cells.isBlank(layout.cell(row, field))) {
                    filled.add(field);
                }
            }
            return seller;
        }

        /** Counts data rows the source left out (it drops empty rows): they are blank rows too. */
        public void skipped(int rows) {
            blankRows += rows;
        }

        /** Valid rows so far, duplicates included (the shrink guard compares this). */
        public int validRowCount() {
            return validRows;
        }

        public int blankRows() {
            return blankRows;
        }

        /** The invalid rows so far, in sheet order. */
        public List<RowRejection> rejections() {
            return rejections;
        }

        /** The header each mapped field was found under, and the fields some valid row has a value for. */
        public SheetColumns columns() {
            Map<SheetField, String> headers = new EnumMap<>(SheetField.class);
            layout.columns().forEach((field, column) -> headers.put(field, Cells.strip(header.get(column))));
            return new SheetColumns(headers, filled);
        }
    }

    private static String whyWins(KeyedRow winner, KeyedRow loser) {
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
