package io.sheetsync.seller;

import io.sheetsync.sheet.Cells;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates and timestamps people and the Sheets API put into cells: {@code yyyy-MM-dd}, {@code yyyy/M/d},
 * {@code yyyy年M月d日}, Sheets serial numbers, and for timestamps also a time of day and ISO-8601.
 *
 * <p>Cells are NFKC-normalised first, so full-width digits work. Impossible dates such as 2024-02-30 are rejected.
 */
public final class SheetDates {

    /** Day 0 of Sheets serial numbers (the Lotus 1-2-3 epoch Sheets kept for compatibility). */
    static final LocalDate SERIAL_EPOCH = LocalDate.of(1899, 12, 30);
    /** The serial number of 9999-12-31, the last day the service accepts. */
    static final long MAX_SERIAL = ChronoUnit.DAYS.between(SERIAL_EPOCH, LocalDate.of(9999, 12, 31));

    private static final String DATE_FORMATS = "yyyy-MM-dd, yyyy/M/d, yyyy年M月d日 or a serial number";
    private static final String TIMESTAMP_FORMATS = "yyyy-MM-dd HH:mm[:ss], yyyy/M/d H:mm[:ss], yyyy年M月d日,"
            + " ISO-8601 such as 2024-05-01T10:15:30+09:00, or a serial number";
    private static final long MILLIS_PER_DAY = 86_400_000L;

    // Groups: 1 year, 2 separator, 3-4 month and day after - or /, 5-6 month and day of the Japanese form.
    private static final String DATE = "(\\d{4})(?:([-/])(\\d{1,2})\\2(\\d{1,2})|年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日)";
    private static final Pattern DATE_ONLY = Pattern.compile(DATE);
    // Groups 7-10 hour, minute, second, fraction; 11 offset.
    private static final Pattern DATE_TIME = Pattern.compile(DATE
            + "(?:(?:\\s+|[Tt])(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?\\s*([Zz]|[+-]\\d{2}(?::?\\d{2})?)?)?");

    private SheetDates() {
    }

    /**
     * The date in a non-blank cell; a serial number's time of day is ignored.
     *
     * @throws InvalidCellException when the cell is in none of the formats, names a day that does not exist, or is a
     *                              serial number before 1899-12-31 or after 9999-12-31
     */
    public static LocalDate parseDate(String cell) {
        String text = Cells.strip(Cells.nfkc(cell));
        int point = serialPoint(text);
        if (point > 0) {
            return serialDay(text.substring(0, point), "date", DATE_FORMATS);
        }
        Matcher date = DATE_ONLY.matcher(text);
        if (date.matches()) {
            return date(date, "date", DATE_FORMATS);
        }
        throw invalid("date", DATE_FORMATS, null);
    }

    /**
     * The moment in a non-blank cell. A date alone is the start of that day in {@code zone}; a time without an offset
     * (and a serial number's fraction of a day) is read in {@code zone}. The result carries {@code zone}'s offset.
     *
     * @throws InvalidCellException when the cell is in none of the formats or names a day or time that does not exist
     */
    public static OffsetDateTime parseTimestamp(String cell, ZoneId zone) {
        String text = Cells.strip(Cells.nfkc(cell));
        int point = serialPoint(text);
        if (point > 0) {
            LocalDate day = serialDay(text.substring(0, point), "timestamp", TIMESTAMP_FORMATS);
            return day.atStartOfDay().plus(fractionInMillis(text.substring(point)), ChronoUnit.MILLIS)
                    .atZone(zone).toOffsetDateTime();
        }
        Matcher matcher = DATE_TIME.matcher(text);
        if (!matcher.matches()) {
            throw invalid("timestamp", TIMESTAMP_FORMATS, null);
        }
        LocalDate date = date(matcher, "timestamp", TIMESTAMP_FORMATS);
        if (matcher.group(7) == null) {
            return date.atStartOfDay(zone).toOffsetDateTime();
        }
        LocalDateTime local = LocalDateTime.of(date, time(matcher));
        if (matcher.group(11) == null) {
            return local.atZone(zone).toOffsetDateTime();
        }
        return local.atOffset(offset(matcher.group(11))).atZoneSameInstant(zone).toOffsetDateTime();
    }

    /**
     * Where the day part of a serial number ({@code 45292} or {@code 45292.75}) ends: at its decimal point or the end
     * of the text; 0 when the text is no serial number. A scan, because most date cells are not serials and a regex
     * per cell costs more than the rest of the row.
     */
    private static int serialPoint(String text) {
        int point = text.indexOf('.');
        int end = point < 0 ? text.length() : point;
        if (end == 0 || end == text.length() - 1 || !digits(text, 0, end) || !digits(text, end + 1, text.length())) {
            return 0;
        }
        return end;
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static LocalDate serialDay(String days, String noun, String formats) {
        // More than 9 digits is out of range anyway, and would overflow the parse.
        long day = days.length() > 9 ? Long.MAX_VALUE : Long.parseLong(days);
        if (day < 1 || day > MAX_SERIAL) {
            throw invalid(noun, formats, "serial number out of range (1 to " + MAX_SERIAL + ")");
        }
        return SERIAL_EPOCH.plusDays(day);
    }

    private static long fractionInMillis(String fraction) {
        if (fraction.isEmpty()) {
            return 0;
        }
        // Sheets sends times as binary fractions of a day (14:30 is 0.604166666664...): round to the millisecond.
        return new BigDecimal("0" + fraction).multiply(BigDecimal.valueOf(MILLIS_PER_DAY))
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static LocalDate date(Matcher matcher, String noun, String formats) {
        int year = Integer.parseInt(matcher.group(1));
        boolean japanese = matcher.group(2) == null;
        int month = Integer.parseInt(matcher.group(japanese ? 5 : 3));
        int day = Integer.parseInt(matcher.group(japanese ? 6 : 4));
        if (year < 1) {
            throw invalid(noun, formats, "there is no year 0");
        }
        if (month < 1 || month > 12) {
            throw invalid(noun, formats, "there is no month " + month);
        }
        YearMonth yearMonth = YearMonth.of(year, month);
        if (day < 1 || day > yearMonth.lengthOfMonth()) {
            throw invalid(noun, formats, yearMonth + " has no day " + day);
        }
        return yearMonth.atDay(day);
    }

    private static LocalTime time(Matcher matcher) {
        int hour = Integer.parseInt(matcher.group(7));
        int minute = Integer.parseInt(matcher.group(8));
        int second = matcher.group(9) == null ? 0 : Integer.parseInt(matcher.group(9));
        int nanos = matcher.group(10) == null ? 0 : Integer.parseInt((matcher.group(10) + "00000000").substring(0, 9));
        if (hour > 23 || minute > 59 || second > 59) {
            throw invalid("timestamp", TIMESTAMP_FORMATS, "there is no time of day " + matcher.group(7) + ":"
                    + matcher.group(8) + (matcher.group(9) == null ? "" : ":" + matcher.group(9)));
        }
        return LocalTime.of(hour, minute, second, nanos);
    }

    private static ZoneOffset offset(String offset) {
        if (offset.equalsIgnoreCase("Z")) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneOffset.of(offset);
        } catch (DateTimeException e) {
            throw invalid("timestamp", TIMESTAMP_FORMATS, "there is no UTC offset " + offset);
        }
    }

    private static InvalidCellException invalid(String noun, String formats, String detail) {
        return new InvalidCellException("is not a " + noun + " (expected " + formats + ")"
                + (detail == null ? "" : ": " + detail));
    }
}
