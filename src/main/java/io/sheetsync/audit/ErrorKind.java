package io.sheetsync.audit;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every role may know of why a run or a record failed: its category and, for a database error, the SQLSTATE the
 * database answered. The error's text is for admins only: it may name hosts, file paths, SQL or the sheet's data.
 *
 * @param category the {@link ErrorType} codes (network, validation, database, unknown), and for a run also
 *                 {@value #GAPS} (sellers still missing after the resync) or {@value #STOPPED} (cancelled, timed out,
 *                 shut down, or abandoned by a process that died)
 * @param sqlState the five-character SQLSTATE, or null
 */
public record ErrorKind(String category, String sqlState) {

    public static final String GAPS = "gaps";
    public static final String STOPPED = "stopped";

    private static final Set<String> CATEGORIES = Set.of(ErrorType.NETWORK.code(), ErrorType.VALIDATION.code(),
            ErrorType.DATABASE.code(), ErrorType.UNKNOWN.code(), GAPS, STOPPED);
    private static final Pattern SQL_STATE = Pattern.compile("[0-9A-Z]{5}");

    /** A failure that recorded no category: one of a run or an error log written before categories were stored. */
    public static final ErrorKind UNKNOWN = new ErrorKind(ErrorType.UNKNOWN.code(), null);

    public ErrorKind {
        if (!CATEGORIES.contains(category)) {
            throw new IllegalArgumentException("unknown error category '" + category + "'; known: " + CATEGORIES);
        }
        if (sqlState != null && !isSqlState(sqlState)) {
            throw new IllegalArgumentException("'" + sqlState + "' is not an SQLSTATE (five digits or capitals)");
        }
    }

    /** The kind of a classified failure. */
    public static ErrorKind of(ErrorType type, String sqlState) {
        return new ErrorKind(type.code(), sqlState);
    }

    /** Whether a text has the shape of an SQLSTATE, as PostgreSQL and the SQL standard write them. */
    public static boolean isSqlState(String text) {
        return text != null && SQL_STATE.matcher(text).matches();
    }

    /** The kind as stored; a failure without a stored category (written before they were stored) is unknown. */
    static ErrorKind stored(String category, String sqlState) {
        return category == null ? UNKNOWN : new ErrorKind(category, sqlState);
    }

    /**
     * The sentence shown instead of the error's text to callers below admin: the category in words and the SQLSTATE,
     * nothing taken from the error itself.
     */
    public String description() {
        String what = switch (category) {
            case "network" -> "network error: the sheet source could not be read";
            case "validation" -> "validation error: the sheet's data did not pass the checks";
            case "database" -> "database error: the database refused or failed an operation";
            case GAPS -> "sellers were still missing or out of step after the automatic resync";
            case STOPPED -> "the run was stopped before it finished (cancelled, timed out, shut down or abandoned)";
            default -> "unclassified error";
        };
        return what + (sqlState == null ? "" : " (SQLSTATE " + sqlState + ")")
                + "; the full text is shown to admins";
    }
}
