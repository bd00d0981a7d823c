package io.sheetsync.sheet;

import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Explains a failed Sheets API call as a {@link SheetTransientException} or {@link SheetRefusedException}: the HTTP
 * status and what to check, or status 0 with the cause kept when no answer came. Messages carry ids and ranges, never
 * tokens or keys. Which kind a failure is gets decided here, where it happens, and nowhere else.
 */
public final class SheetsApiErrors {

    /** The Sheets API answers worth another try: quota (429) and server-side trouble. */
    public static final Set<Integer> TRANSIENT_STATUSES = Set.of(429, 500, 502, 503, 504);

    private SheetsApiErrors() {
    }

    /** What was being read when the call failed; used only to word the message. */
    public record Context(String spreadsheetId, String range, String rootUrl, int timeoutSeconds) {
    }

    /**
     * A failure on the wire, with no answer: a timeout, a refused or reset connection, an unknown host, an answer cut
     * short. The next attempt may well get through; any other I/O failure (a file, a key) stays what it is.
     */
    public static boolean isWireFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InterruptedIOException || cause instanceof SocketException
                    || cause instanceof UnknownHostException || cause instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    /** Finds the HTTP answer (or the I/O failure) in the cause chain and words the exception. */
    public static SheetUnavailableException translate(Throwable failure, Context context) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SheetUnavailableException known) {
                return known;
            }
            if (t instanceof TokenResponseException token) {
                // The token endpoint refused the key (invalid_grant, disabled account): an authorisation problem
                return new SheetRefusedException(
                        "not authorised: check the access token or key file (the token endpoint answered "
                                + token.getStatusCode() + ")", 401, token);
            }
            if (t instanceof HttpResponseException http) {
                String retryAfter = http.getHeaders() == null ? null : http.getHeaders().getRetryAfter();
                return forStatus(http.getStatusCode(), apiMessage(http), retryAfter, context, http);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return unanswered("no answer from the Sheets API at " + safeUrl(context.rootUrl())
                        + " within " + context.timeoutSeconds() + " s (SYNC_SHEETS_TIMEOUT_SECONDS): " + t.getMessage(),
                        failure);
            }
            if (t instanceof IOException) {
                return unanswered("cannot reach the Sheets API at " + safeUrl(context.rootUrl())
                        + ": " + t.getClass().getSimpleName() + ": " + t.getMessage(), failure);
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return unanswered("could not read google sheet " + context.spreadsheetId() + ": "
                + root.getClass().getSimpleName() + ": " + root.getMessage(), failure);
    }

    /** No HTTP answer: transient when the failure was on the wire, else refused. */
    private static SheetUnavailableException unanswered(String message, Throwable failure) {
        return isWireFailure(failure) ? new SheetTransientException(message, 0, null, failure)
                : new SheetRefusedException(message, 0, failure);
    }

    /**
     * The exception for an HTTP error answer: transient for {@link #TRANSIENT_STATUSES}, else refused.
     *
     * @param retryAfter the answer's Retry-After header, or null
     */
    public static SheetUnavailableException forStatus(int status, String apiMessage, String retryAfter, Context context,
                                                      Throwable cause) {
        String message = switch (status) {
            case 400 -> "bad range " + context.range() + ": " + apiMessage;
            case 401 -> "not authorised: check the access token or key file";
            case 403 -> "access denied: share the sheet with the service account";
            case 404 -> "spreadsheet " + context.spreadsheetId() + " not found: check SYNC_SHEETS_SPREADSHEET_ID";
            case 429 -> "Sheets API quota exceeded (429): " + apiMessage;
            default -> "Sheets API answered " + status + ": " + apiMessage;
        };
        return TRANSIENT_STATUSES.contains(status) ? new SheetTransientException(message, status, retryAfter, cause)
                : new SheetRefusedException(message, status, cause);
    }

    private static String apiMessage(HttpResponseException http) {
        if (http instanceof GoogleJsonResponseException json && json.getDetails() != null
                && json.getDetails().getMessage() != null) {
            return json.getDetails().getMessage();
        }
        String statusMessage = http.getStatusMessage();
        return statusMessage == null || statusMessage.isBlank() ? "HTTP " + http.getStatusCode() : statusMessage;
    }

    /** The root URL without any user:password part, for messages. */
    static String safeUrl(String url) {
        try {
            URI uri = new URI(url);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException | NullPointerException e) {
            return "(the configured SYNC_SHEETS_ROOT_URL)";
        }
    }
}
