package io.sheetsync.api;

import io.sheetsync.audit.ErrorKind;
import io.sheetsync.audit.ErrorLog;
import org.apache.camel.Exchange;

import java.util.Map;

/**
 * How much of an error an API caller sees. Admins get the sanitised text with its category and SQLSTATE; viewers and
 * operators get the category, the SQLSTATE and a sentence made from those two alone, never the text, which may name
 * database hosts, file paths, Google's answers, SQL or the sheet's data.
 */
final class ErrorDisclosure {

    /** What an admin sees: everything. */
    static final ErrorDisclosure FULL = new ErrorDisclosure(true);
    private static final ErrorDisclosure CATEGORY_ONLY = new ErrorDisclosure(false);

    private final boolean fullText;

    private ErrorDisclosure(boolean fullText) {
        this.fullText = fullText;
    }

    /** The disclosure for the caller of an exchange that passed {@link ApiAuth}: full text for admins only. */
    static ErrorDisclosure of(Exchange exchange) {
        return exchange.getProperty(ApiAuth.CALLER_ROLE, Role.class) == Role.ADMIN ? FULL : CATEGORY_ONLY;
    }

    /** Whether the caller sees errors' own text. */
    boolean fullText() {
        return fullText;
    }

    /**
     * A run's error as the fields {@code error} (the text for admins, else the category's sentence),
     * {@code errorCategory} and {@code sqlState}; all null for a run that has not failed.
     */
    void putRunError(Map<String, Object> body, String message, ErrorKind kind) {
        body.put("error", text(message, kind));
        body.put("errorCategory", kind == null ? null : kind.category());
        body.put("sqlState", kind == null ? null : kind.sqlState());
    }

    /** An error log's {@code errorType}, {@code sqlState} and {@code errorMessage}. */
    void putErrorLog(Map<String, Object> body, ErrorLog log) {
        body.put("errorType", log.type().code());
        body.put("sqlState", log.sqlState());
        body.put("errorMessage", text(log.message(), log.kind()));
    }

    /**
     * The text a caller sees of an error: its own words for admins, the sentence of its kind for everyone else
     * ({@link ErrorKind#UNKNOWN}'s when it has no kind but has a text).
     */
    String text(String message, ErrorKind kind) {
        if (fullText || (message == null && kind == null)) {
            return message;
        }
        return (kind == null ? ErrorKind.UNKNOWN : kind).description();
    }
}
