package io.sheetsync.audit;

import io.sheetsync.seller.InvalidCellException;
import io.sheetsync.seller.SellerNumbers;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * The filters of an audit log query (GET /api/audit), each optional; a run must match all of them. Answers are
 * newest first and at most {@code limit} long.
 *
 * @param from         runs that started at or after this instant
 * @param before       runs that started before this instant
 * @param success      true: completed runs only; false: failed runs only (runs in progress match neither)
 * @param sellerNumber runs that logged a record or an error for this seller (normalised)
 */
public record AuditQuery(Instant from, Instant before, Boolean success, String sellerNumber, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private static final String DATE_FORMS = "a date (2024-01-31) or a date-time (2024-01-31T09:00:00+09:00)";

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidQueryException("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", was "
                    + limit);
        }
        if (from != null && before != null && !from.isBefore(before)) {
            throw new InvalidQueryException("endDate", "must not be before startDate");
        }
    }

    /**
     * Reads the filters from query parameters: {@code startDate} and {@code endDate} (both inclusive; a date without
     * a time means that whole day, and a time without an offset is local, both in {@code zone}), {@code success}
     * ({@code true} or {@code false}), {@code sellerNumber} (normalised as the sheet's keys are: {@code ａａ１} finds
     * AA1) and {@code limit} (1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}).
     *
     * @throws InvalidQueryException naming the first parameter that cannot be used
     */
    public static AuditQuery parse(Map<String, String> params, ZoneId zone) {
        Instant from = params.containsKey("startDate") ? start(params.get("startDate"), zone) : null;
        Instant before = params.containsKey("endDate") ? endExclusive(params.get("endDate"), zone) : null;
        Boolean success = params.containsKey("success") ? bool("success", params.get("success")) : null;
        String seller = params.containsKey("sellerNumber") ? sellerNumber("sellerNumber", params.get("sellerNumber"))
                : null;
        int limit = params.containsKey("limit") ? limit(params.get("limit")) : DEFAULT_LIMIT;
        return new AuditQuery(from, before, success, seller, limit);
    }

    /** A seller number as the sheet's keys are stored: NFKC, trimmed, upper-case, AA followed by digits. */
    public static String sellerNumber(String field, String text) {
        try {
            return SellerNumbers.parse(text);
        } catch (InvalidCellException e) {
            throw new InvalidQueryException(field, "'" + text + "' " + e.getMessage());
        }
    }

    private static Instant start(String text, ZoneId zone) {
        When when = read("startDate", text, zone);
        return when.day() != null ? when.day().atStartOfDay(zone).toInstant() : when.moment();
    }

    /** The first instant after the end: the next day's start for a date, the next microsecond for a time. */
    private static Instant endExclusive(String text, ZoneId zone) {
        When when = read("endDate", text, zone);
        // start_time is stored rounded to the microsecond (as the JDBC driver rounds), so "< round(t) + 1 µs" is
        // "<= t" there
        return when.day() != null ? when.day().plusDays(1).atStartOfDay(zone).toInstant()
                : when.moment().plusNanos(500).truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
    }

    /** A whole day, or a moment. */
    private record When(LocalDate day, Instant moment) {
    }

    private static When read(String field, String text, ZoneId zone) {
        String value = text.trim();
        try {
            if (!value.contains("T")) {
                return new When(inRange(LocalDate.parse(value)), null);
            }
            OffsetDateTime moment;
            try {
                moment = OffsetDateTime.parse(value);
            } catch (DateTimeException e) {
                moment = LocalDateTime.parse(value).atZone(zone).toOffsetDateTime();
            }
            inRange(moment.toLocalDate());
            return new When(null, moment.toInstant());
        } catch (DateTimeException e) {
            String hint = value.contains(" ") ? " (write + in an offset as %2B)" : "";
            throw new InvalidQueryException(field, "must be " + DATE_FORMS + ", was '" + text + "'" + hint);
        }
    }

    /** Years the database can store and people mean: 1 to 9999. */
    private static LocalDate inRange(LocalDate date) {
        if (date.getYear() < 1 || date.getYear() > 9999) {
            throw new DateTimeException("year out of range");
        }
        return date;
    }

    private static Boolean bool(String field, String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidQueryException(field, "must be true or false, was '" + text + "'");
        };
    }

    private static int limit(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidQueryException("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", was '"
                    + text + "'");
        }
    }
}
